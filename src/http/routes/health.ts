import { Hono } from "hono";
import type { Deps } from "../../app/deps.js";
import { checkHealth } from "../../app/system/check-health.js";

export function healthRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    const health = await checkHealth(deps);
    return c.json(health, health.ok ? 200 : 503);
  });
  return app;
}
