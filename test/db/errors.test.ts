import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isDiskFull, isUniqueViolation } from "../../src/db/errors.js";
import { chatPrefs } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb } from "../support/db.js";

describe("isDatabaseUnavailable", () => {
  it("sees a connection failure through `cause` and through grammY's BotError `error`", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("query failed", { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("Error in middleware"), { error: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("PGlite is closed"))).toBe(true);
  });

  it("does not mistake other errors for an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("counts a full disk and the other resource and connection classes as unavailable (503), not as a bug (500)", () => {
    // What PGlite 0.5.16 throws when its directory's disk is full (seen on a full tmpfs).
    const full = Object.assign(new Error('could not extend file "base/5/16385": No space left on device'), { code: "53100" });
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: full }))).toBe(true);
    expect(isDiskFull(new Error("Failed query", { cause: full }))).toBe(true);
    for (const code of ["53200", "53300", "53400", "08006", "08P01", "57P01", "57P03", "57014", "ENOSPC"]) {
      expect(isDatabaseUnavailable(Object.assign(new Error(code), { code })), code).toBe(true);
    }
    expect(isDiskFull(Object.assign(new Error("too many connections"), { code: "53300" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("syntax"), { code: "42601" }))).toBe(false);
  });
});

describe.each(DB_KINDS)("isUniqueViolation on %s", (kind) => {
  it("recognises a real duplicate key, by constraint name when asked, through drizzle's wrapping", async () => {
    const database = await openTestDb(kind, { seeded: false });
    try {
      await database.db.insert(chatPrefs).values({ chatHash: "dup", locale: "en" });
      const err = await database.db
        .insert(chatPrefs)
        .values({ chatHash: "dup", locale: "en" })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).not.toBeNull();
      expect(isUniqueViolation(err)).toBe(true);
      expect(isUniqueViolation(err, "chat_prefs_pkey")).toBe(true);
      expect(isUniqueViolation(err, "tips_tracking_code_unique")).toBe(false);
      expect(isUniqueViolation(new Error("x"))).toBe(false);
    } finally {
      await database.close();
    }
  });
});
