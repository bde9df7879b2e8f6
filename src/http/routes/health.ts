import { Hono } from "hono";
import { sql } from "drizzle-orm";
import type { Deps } from "../../app/deps.js";

export function healthRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    const started = Date.now();
    try {
      await deps.db.execute(sql`select 1`);
    } catch {
      return c.json({ ok: false, database: "unreachable" }, 503);
    }
    return c.json({ ok: true, database: deps.database.kind, latencyMs: Date.now() - started });
  });
  return app;
}
