import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { createDraw, getDrawForStaff, listDraws } from "../../../app/enforcement/draws.js";
import { isAmbiguousEnterprise } from "../../../app/enterprises/enterprise-ref.js";
import { exportPlan } from "../../../app/enforcement/export-plan.js";
import { approvePlan, editPlanItem, generatePlan, generatePlans, getPlan, listPlans, planProgress } from "../../../app/enforcement/plans.js";
import { requireManager } from "../../../app/manage/manage-scope.js";
import { frequencyRows, plannableUnits, setFrequency, setSupervision } from "../../../app/enforcement/supervision.js";
import { actorLabel } from "../../../app/staff/actor.js";
import { shanghaiDate } from "../../../domain/deadlines.js";
import { DrawPage, PlanPage, PlansPage } from "../../views/admin/plans.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

const SHOWN = new Set(["invalid_input", "conflict", "forbidden", "not_found", "enterprise_ambiguous"]);

/** /admin/plans: annual enforcement plans, check frequencies and 双随机 draws (#15). Thin: every rule is in the verbs. */
export function planRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  for (const p of ["/plans", "/plans/*", "/draws", "/draws/*"]) r.use(p, requireSession);

  const today = () => shanghaiDate(deps.clock());
  const flash = (c: Context<AdminEnv>) => {
    const e = c.req.query("error");
    return { done: c.req.query("done") ? "1" : undefined, error: e && SHOWN.has(e) ? e : undefined };
  };
  const body = async (c: Context<AdminEnv>) => {
    const b = await c.req.parseBody();
    return (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
  };
  /** Known refusals go back to the page with a message; anything else is the error page. */
  const attempt = async (c: Context<AdminEnv>, back: string, run: () => Promise<string | undefined>) => {
    let to: string | undefined;
    try {
      to = await run();
    } catch (err) {
      if (err instanceof AppError && SHOWN.has(err.code)) {
        const code = isAmbiguousEnterprise(err) ? "enterprise_ambiguous" : err.code;
        return c.redirect(`${back}${back.includes("?") ? "&" : "?"}error=${code}`, 303);
      }
      throw err;
    }
    return c.redirect(to ?? `${back}${back.includes("?") ? "&" : "?"}done=1`, 303);
  };

  r.get("/plans", async (c) => {
    const s = c.get("session")!;
    const now = today();
    const q = c.req.query("year") ?? "";
    const year = /^\d{4}$/.test(q) && Number(q) >= 2000 && Number(q) <= 2100 ? Number(q) : Number(now.slice(0, 4));
    const month = year < Number(now.slice(0, 4)) ? 12 : year > Number(now.slice(0, 4)) ? 0 : Number(now.slice(5, 7));
    const units = await plannableUnits(deps, s.actor);
    return c.html(
      <PlansPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        year={year}
        plans={await listPlans(deps, s.actor, year)}
        progress={await planProgress(deps, s.actor, { year, month })}
        units={units}
        frequencies={await frequencyRows(deps)}
        draws={await listDraws(deps, { unitIds: units.map((u) => u.id), limit: 20 })}
        drawDefault={now}
        {...flash(c)}
      />,
    );
  });

  r.post("/plans/generate", requireCsrfToken, async (c) => {
    const f = await body(c);
    return attempt(c, `/admin/plans?year=${/^\d{4}$/.test(f("year")) ? f("year") : ""}`, async () => {
      const plan = await generatePlan(deps, c.get("session")!.actor, {
        unitId: f("unitId"),
        year: f("year"),
        randomRatePct: f("randomRatePct"),
        reason: f("reason"),
      });
      return `/admin/plans/${plan.planId}?done=1`;
    });
  });

  // Committee staff (their subtree) and admins plan every unit in scope that has no plan for the year yet.
  r.post("/plans/generate-all", requireCsrfToken, async (c) => {
    const f = await body(c);
    const year = /^\d{4}$/.test(f("year")) ? f("year") : "";
    return attempt(c, `/admin/plans?year=${year}`, async () => {
      const actor = c.get("session")!.actor;
      requireManager(actor);
      const done = await generatePlans(deps, actor, { year: f("year"), randomRatePct: f("randomRatePct") });
      return `/admin/plans?year=${year}&done=1&made=${done.plans}`;
    });
  });

  r.post("/plans/frequencies", requireCsrfToken, async (c) => {
    const f = await body(c);
    return attempt(c, "/admin/plans", async () => {
      await setFrequency(deps, c.get("session")!.actor, { scope: f("scope") as "class", key: f("key"), perYear: f("perYear") });
      return undefined;
    });
  });

  r.get("/plans/:id{[0-9]+}", async (c) => {
    const s = c.get("session")!;
    const plan = await getPlan(deps, s.actor, c.req.param("id"));
    const canApprove = plan.status === "draft" && s.actor.role !== "viewer" && plan.generatedBy !== actorLabel(s.actor);
    return c.html(<PlanPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} plan={plan} canApprove={canApprove} {...flash(c)} />);
  });

  r.post("/plans/:id{[0-9]+}/approve", requireCsrfToken, async (c) => {
    const id = c.req.param("id");
    await getPlan(deps, c.get("session")!.actor, id);
    return attempt(c, `/admin/plans/${id}`, async () => {
      await approvePlan(deps, c.get("session")!.actor, id);
      return undefined;
    });
  });

  r.post("/plans/:id{[0-9]+}/items", requireCsrfToken, async (c) => {
    const id = c.req.param("id");
    await getPlan(deps, c.get("session")!.actor, id);
    const f = await body(c);
    return attempt(c, `/admin/plans/${id}`, async () => {
      await editPlanItem(deps, c.get("session")!.actor, {
        op: f("op") as "move",
        planId: id,
        itemId: f("itemId"),
        enterpriseId: f("enterpriseId"),
        month: f("month"),
        reason: f("reason") || undefined,
      } as never);
      return undefined;
    });
  });

  r.get("/plans/:id{[0-9]+}/export", async (c) => {
    const file = await exportPlan(deps, c.get("session")!.actor, c.req.param("id"));
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
    });
  });

  // An enterprise's risk reasons and key activity (its class and blacklist flag stay on the enterprise form).
  r.post("/enterprises/:id{[0-9]+}/supervision", requireSession, requireCsrfToken, async (c) => {
    const id = c.req.param("id");
    const b = await c.req.parseBody({ all: true });
    const reasons = b.riskReasons === undefined ? [] : Array.isArray(b.riskReasons) ? b.riskReasons : [b.riskReasons];
    const activity = typeof b.keyActivity === "string" && b.keyActivity ? b.keyActivity : undefined;
    return attempt(c, `/admin/enterprises/${id}`, async () => {
      await setSupervision(deps, c.get("session")!.actor, { id, riskReasons: reasons as "major_hazard"[], keyActivity: activity as "metallurgy" | undefined });
      return undefined;
    });
  });

  r.get("/draws/:id{[0-9]+}", async (c) => {
    const s = c.get("session")!;
    const draw = await getDrawForStaff(deps, s.actor, c.req.param("id"));
    return c.html(<DrawPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} draw={draw} />);
  });

  r.post("/draws", requireCsrfToken, async (c) => {
    const f = await body(c);
    return attempt(c, "/admin/plans", async () => {
      const d = await createDraw(deps, c.get("session")!.actor, {
        unitId: f("unitId"),
        drawnOn: f("drawnOn"),
        count: f("count"),
        perEnterprise: f("perEnterprise") || "2",
        sectorCode: f("sectorCode") as "",
        townshipCode: f("townshipCode"),
        riskClass: f("riskClass") as "",
        supersedesId: f("supersedesId"),
        reason: f("reason"),
      });
      return `/public/draws/${d.id}`;
    });
  });
  return r;
}
