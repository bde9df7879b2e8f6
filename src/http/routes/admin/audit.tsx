import { Hono } from "hono";
import type { Deps } from "../../../app/deps.js";
import { verifyAudit } from "../../../app/audit/append-audit.js";
import { recentAudit } from "../../../app/audit/recent-audit.js";
import { AuditPage } from "../../views/admin/audit.js";
import { requireSession, type AdminEnv } from "./context.js";
import { AppError } from "../../../app/deps.js";

/** Chain check on demand, plus the latest entries in the reader's scope. Committee and admin only: entries name staff and tips. */
export function auditRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.get("/audit", requireSession, async (c) => {
    const session = c.get("session")!;
    if (session.actor.role !== "admin" && session.actor.role !== "committee") throw new AppError("forbidden");
    const recent = await recentAudit(deps, { actor: session.actor, limit: 50 });
    const verification = await verifyAudit(deps);
    return c.html(
      <AuditPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={session.actor}
        csrf={session.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        verification={verification}
        recent={recent}
      />,
    );
  });
  return r;
}
