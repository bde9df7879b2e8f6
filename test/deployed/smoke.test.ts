import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService } from "../support/service.js";

describe.each(DB_KINDS)("npm start on %s", (kind) => {
  it("serves /healthz and stops cleanly on SIGTERM", async () => {
    const db = await serviceDb(kind);
    try {
      const svc = await startService(db.env);
      expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
      await svc.stop();
      expect(svc.output()).toContain("shutting down");
    } finally {
      await db.drop();
    }
  }, 180_000);
});
