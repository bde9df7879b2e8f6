import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("GET /healthz on %s", (kind) => {
  let database: TestDb;
  beforeAll(async () => {
    database = await openTestDb(kind, { seeded: false });
  });
  afterAll(async () => database?.close());

  it("answers 200 after checking the database", async () => {
    const app = createApp({ deps: testDeps(database) });
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: kind });
  });

  it("answers 503 when the database is gone, and unknown paths get a JSON 404", async () => {
    const gone = await openTestDb(kind, { seeded: false });
    const app = createApp({ deps: testDeps(gone) });
    expect((await app.request("/nope")).status).toBe(404);
    await gone.close();
    const res = await app.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false });
  });
});
