import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { createInvite } from "../../../app/liaisons/create-invite.js";
import { listLiaisons } from "../../../app/liaisons/list-liaisons.js";
import { removeLiaison } from "../../../app/liaisons/remove-liaison.js";
import { getVisibleUnit, listUnits } from "../../../app/manage/list-units.js";
import { requireManager } from "../../../app/manage/manage-scope.js";
import { actorLabel } from "../../../app/staff/actor.js";
import { UnitPage, UnitsPage } from "../../views/admin/units.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

/** Units and their liaisons. Everyone signed in sees the units in scope; only committee and admin invite or remove. */
export function unitRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/units", requireSession);
  r.use("/units/*", requireSession);

  r.get("/units", async (c) => {
    const s = c.get("session")!;
    const q = c.req.query("jurisdiction")?.trim();
    const jurisdiction = q && /^\d{2,9}$/.test(q) ? q : undefined;
    const units = await listUnits(deps, s.actor, { jurisdiction });
    return c.html(<UnitsPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} units={units} jurisdiction={jurisdiction} />);
  });

  const render = async (c: Context<AdminEnv>, extra: { invite?: { link?: string; command: string; expiresAt: Date }; done?: string; error?: string } = {}) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id")!);
    const { liaisons } = await listLiaisons(deps, { unit: unit.id });
    const canManage = s.actor.role === "admin" || s.actor.role === "committee";
    return c.html(
      <UnitPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        unit={unit}
        liaisons={liaisons}
        canManage={canManage}
        {...extra}
      />,
    );
  };

  r.get("/units/:id", (c) =>
    render(c, {
      done: c.req.query("done") === "removed" ? "removed" : undefined,
      error: c.req.query("error") === "invalid_input" ? "invalid_input" : undefined,
    }),
  );

  // The link is rendered in this response only (no redirect), so reloading the unit page never shows it again.
  r.post("/units/:id/invite", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id"));
    requireManager(s.actor);
    const invite = await createInvite(deps, { unit: unit.id, actor: actorLabel(s.actor) });
    const username = deps.config.TELEGRAM_BOT_USERNAME;
    return render(c, {
      invite: { link: username ? `https://t.me/${username}?start=${invite.token}` : undefined, command: `/start ${invite.token}`, expiresAt: invite.expiresAt },
    });
  });

  r.post("/units/:id/liaisons/:lid/remove", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    const unit = await getVisibleUnit(deps, s.actor, c.req.param("id"));
    requireManager(s.actor);
    const { liaisons } = await listLiaisons(deps, { unit: unit.id });
    const liaison = liaisons.find((l) => String(l.id) === c.req.param("lid"));
    if (!liaison) throw new AppError("not_found", "no such liaison in this unit");
    const body = await c.req.parseBody();
    const reason = typeof body.reason === "string" ? body.reason : "";
    try {
      await removeLiaison(deps, { liaisonId: liaison.id, actor: actorLabel(s.actor), reason });
    } catch (err) {
      if (err instanceof AppError && (err.code === "invalid_input" || err.code === "conflict"))
        return c.redirect(`/admin/units/${unit.id}?error=invalid_input`, 303);
      throw err;
    }
    return c.redirect(`/admin/units/${unit.id}?done=removed`, 303);
  });
  return r;
}
