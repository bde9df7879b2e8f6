import { Hono } from "hono";
import type { Deps } from "../../app/deps.js";
import { listAuditRoots } from "../../app/audit/audit-roots.js";
import type { AppEnv } from "../app-env.js";
import { pageHeaders, pageLocale, translator } from "../page-support.js";
import { AuditRootsPage } from "../views/audit-roots.js";

/**
 * GET /public/audit (the published roots of the audit chain, a plain page) and GET /api/v1/audit/roots
 * (the same as JSON). A root is an entry id and a hash: it shows nothing of what the entries hold.
 */
export function publicAuditRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/public/audit", pageHeaders, async (c) => {
    const locale = pageLocale(c);
    const roots = await listAuditRoots(deps);
    return c.html(<AuditRootsPage t={translator(deps, locale)} locale={locale} timeZone={deps.config.TZ_CAMPAIGN} roots={roots} />);
  });

  app.get("/api/v1/audit/roots", async (c) => {
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    const roots = await listAuditRoots(deps);
    return c.json({
      genesis: "0".repeat(64),
      roots: roots.map((r) => ({ publishedAt: r.publishedAt.toISOString(), entryId: r.entryId, hash: r.hash })),
    });
  });
  return app;
}
