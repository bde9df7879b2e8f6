import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { addInspector, deactivateInspector, readRoster, recordConflict, rosterUnits } from "../../../app/inspectors/roster.js";
import { isAmbiguousEnterprise } from "../../../app/enterprises/enterprise-ref.js";
import { InspectorsPage } from "../../views/admin/inspectors.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

/** Refusals shown on the page; a repeated certificate number or conflict has its own message. */
const SHOWN: Record<string, string> = {
  invalid_input: "invalid_input",
  forbidden: "forbidden",
  not_found: "not_found",
  conflict: "roster_dup",
  enterprise_ambiguous: "enterprise_ambiguous",
};

/** /admin/inspectors: a unit's roster of enforcement officers (执法人员) and their conflicts (回避). Thin: rules are in the verbs. */
export function inspectorRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  for (const p of ["/inspectors", "/inspectors/*"]) r.use(p, requireSession);

  const body = async (c: Context<AdminEnv>) => {
    const b = await c.req.parseBody();
    return (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
  };
  const back = (unitId: string) => (/^[0-9]{1,10}$/.test(unitId) ? `/admin/inspectors?unit=${unitId}` : "/admin/inspectors?");
  const attempt = async (c: Context<AdminEnv>, to: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      if (err instanceof AppError && SHOWN[err.code])
        return c.redirect(`${to}&error=${SHOWN[isAmbiguousEnterprise(err) ? "enterprise_ambiguous" : err.code]}`, 303);
      throw err;
    }
    return c.redirect(`${to}&done=1`, 303);
  };

  r.get("/inspectors", async (c) => {
    const s = c.get("session")!;
    const units = await rosterUnits(deps, s.actor);
    const q = c.req.query("unit");
    const chosen = q ? Number(q) : s.actor.role === "unit" || units.length === 1 ? units[0]?.id : undefined;
    const roster = chosen !== undefined ? await readRoster(deps, s.actor, chosen) : undefined;
    const e = c.req.query("error");
    return c.html(
      <InspectorsPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        units={units}
        unitId={roster ? Number(chosen) : undefined}
        roster={roster}
        done={c.req.query("done") ? "1" : undefined}
        error={e && Object.values(SHOWN).includes(e) ? e : undefined}
      />,
    );
  });

  r.post("/inspectors", requireCsrfToken, async (c) => {
    const f = await body(c);
    return attempt(c, back(f("unitId")), () =>
      addInspector(deps, c.get("session")!.actor, {
        unitId: f("unitId"),
        name: f("name"),
        certificateNo: f("certificateNo"),
        certifiedUntil: f("certifiedUntil"),
      }),
    );
  });

  r.post("/inspectors/:id{[0-9]+}/deactivate", requireCsrfToken, async (c) => {
    const f = await body(c);
    return attempt(c, back(f("unitId")), () => deactivateInspector(deps, c.get("session")!.actor, { id: c.req.param("id"), reason: f("reason") }));
  });

  r.post("/inspectors/:id{[0-9]+}/conflicts", requireCsrfToken, async (c) => {
    const f = await body(c);
    return attempt(c, back(f("unitId")), () =>
      recordConflict(deps, c.get("session")!.actor, { inspectorId: c.req.param("id"), enterpriseId: f("enterpriseId"), reason: f("reason") }),
    );
  });
  return r;
}
