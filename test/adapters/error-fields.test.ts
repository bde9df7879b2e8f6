import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { errorFields } from "../../src/adapters/logger.js";
import { DB_KINDS, openTestDb } from "../support/db.js";

describe("errorFields: what a log line may say about a failure", () => {
  it("names the class, code and top frames of a real driver error, never the values it quoted", async () => {
    for (const kind of DB_KINDS) {
      const database = await openTestDb(kind, { seeded: false });
      try {
        const err = await database.db.execute(sql`select ${"举报人 13800001234 仓库着火"}::int`).then(
          () => null,
          (e: unknown) => e,
        );
        const fields = errorFields(err);
        const line = JSON.stringify(fields);
        expect(fields.errorCode, kind).toBe("22P02"); // invalid_text_representation, from inside drizzle's wrapper
        expect(fields.errorClass, kind).toMatch(/^\w+$/); // postgres.js PostgresError, PGlite "error"
        expect(String(fields.errorMessage), kind).toContain("invalid input syntax for type integer");
        expect(line, kind).not.toMatch(/13800001234|举报人|仓库/);
        expect(String(fields.errorAt ?? ""), kind).not.toBe("");
      } finally {
        await database.close();
      }
    }
  });

  it("follows grammY's BotError/HttpError `error` and blanks a bot token in a message", () => {
    const inner = Object.assign(new Error("request to https://api.telegram.org/bot123456:AAsecretTOKEN/sendMessage failed"), { code: "ECONNRESET" });
    const wrapped = Object.assign(new Error("Error in middleware"), { name: "BotError", error: inner });
    const fields = errorFields(wrapped);
    expect(fields.errorCode).toBe("ECONNRESET");
    expect(String(fields.errorMessage)).toContain("bot<token>");
    expect(JSON.stringify(fields)).not.toContain("AAsecretTOKEN");
    expect(errorFields("boom")).toEqual({ errorClass: "string" });
  });
});
