import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { deleteRoutingRule } from "../../../app/routing/delete-routing-rule.js";
import { listRoutingRules } from "../../../app/routing/list-routing-rules.js";
import { DEFAULT_JURISDICTION, routeTip, type RoutedTip } from "../../../app/routing/route-tip.js";
import { setRoutingRule } from "../../../app/routing/set-routing-rule.js";
import { acceptRoutingSuggestion, dismissRoutingSuggestion, listRoutingSuggestions, routingAccuracy } from "../../../app/routing/routing-suggestions.js";
import { requireManager } from "../../../app/manage/manage-scope.js";
import {
  acceptSectorSuggestion,
  dismissSectorSuggestion,
  listSectorRules,
  listSectorSuggestions,
  revokeSectorRule,
} from "../../../app/routing/sector-suggestions.js";
import { RulesPage } from "../../views/admin/rules.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

const CODE = /^\d{6}(\d{3})?$/;

/** Routing rules of one jurisdiction (committee for its subtree, admin anywhere) and a dry run of the router. */
export function ruleRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/rules", requireSession);
  r.use("/rules/*", requireSession);

  const jurisdictionOf = (c: Context<AdminEnv>, fallback?: string) => {
    const q = (fallback ?? c.req.query("jurisdiction") ?? "").trim();
    return CODE.test(q) ? q : (c.get("session")!.actor.jurisdictionCode ?? DEFAULT_JURISDICTION);
  };
  const page = async (c: Context<AdminEnv>, code: string, test?: { text: string; place: string; decision?: RoutedTip }) => {
    const s = c.get("session")!;
    const data = await listRoutingRules(deps, s.actor, { jurisdiction: code });
    const suggestions = await listRoutingSuggestions(deps, s.actor);
    const accuracy = await routingAccuracy(deps, s.actor);
    const sectorSuggestions = await listSectorSuggestions(deps, s.actor);
    const sectorRules = await listSectorRules(deps, s.actor);
    const error = c.req.query("error");
    return c.html(
      <RulesPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        {...data}
        suggestions={suggestions}
        sectorSuggestions={sectorSuggestions}
        sectorRules={sectorRules}
        accuracy={accuracy}
        test={test}
        done={c.req.query("done") ? "1" : undefined}
        error={error === "invalid_input" ? error : undefined}
      />,
    );
  };
  r.get("/rules", (c) => page(c, jurisdictionOf(c)));

  const field = async (c: Context<AdminEnv>, k: string) => {
    const b = await c.req.parseBody();
    return typeof b[k] === "string" ? (b[k] as string) : "";
  };
  const back = (code: string, outcome: string) => `/admin/rules?jurisdiction=${CODE.test(code) ? code : ""}&${outcome}`;
  const guarded = async (c: Context<AdminEnv>, code: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return c.redirect(back(code, "error=invalid_input"), 303);
      throw err;
    }
    return c.redirect(back(code, "done=1"), 303);
  };

  r.post("/rules/set", requireCsrfToken, async (c) => {
    const code = await field(c, "jurisdictionCode");
    return guarded(c, code, async () =>
      setRoutingRule(deps, c.get("session")!.actor, {
        jurisdictionCode: code,
        sectorCode: (await field(c, "sectorCode")) as "other",
        unitId: await field(c, "unitId"),
        reason: await field(c, "reason"),
      }),
    );
  });
  r.post("/rules/:id/delete", requireCsrfToken, async (c) => {
    const code = await field(c, "jurisdictionCode");
    const reason = await field(c, "reason");
    return guarded(c, code, () => deleteRoutingRule(deps, c.get("session")!.actor, { ruleId: c.req.param("id"), reason }));
  });

  // A suggestion drawn from repeated transfers: accepted (the rule is set, audited) or dismissed, in one click.
  r.post("/rules/suggestions/accept", requireCsrfToken, async (c) => {
    const code = await field(c, "jurisdictionCode");
    const key = await field(c, "key");
    return guarded(c, code, () => acceptRoutingSuggestion(deps, c.get("session")!.actor, { key }));
  });
  r.post("/rules/suggestions/dismiss", requireCsrfToken, async (c) => {
    const code = await field(c, "jurisdictionCode");
    const key = await field(c, "key");
    return guarded(c, code, () => dismissRoutingSuggestion(deps, c.get("session")!.actor, { key }));
  });

  // Term → sector and enterprise → sector suggestions: accepted (the router reads the rule at once), dismissed, or undone later.
  r.post("/rules/sector-suggestions/accept", requireCsrfToken, async (c) => {
    const code = await field(c, "jurisdictionCode");
    const key = await field(c, "key");
    return guarded(c, code, () => acceptSectorSuggestion(deps, c.get("session")!.actor, { key }));
  });
  r.post("/rules/sector-suggestions/dismiss", requireCsrfToken, async (c) => {
    const code = await field(c, "jurisdictionCode");
    const key = await field(c, "key");
    return guarded(c, code, () => dismissSectorSuggestion(deps, c.get("session")!.actor, { key }));
  });
  r.post("/rules/sector-rules/:id/revoke", requireCsrfToken, async (c) => {
    const code = await field(c, "jurisdictionCode");
    const reason = await field(c, "reason");
    return guarded(c, code, () => revokeSectorRule(deps, c.get("session")!.actor, { ruleId: c.req.param("id"), reason }));
  });

  // A dry run: routeTip only reads, nothing is stored.
  r.post("/rules/test", requireCsrfToken, async (c) => {
    requireManager(c.get("session")!.actor);
    const text = (await field(c, "text")).slice(0, 10_000);
    const place = (await field(c, "place")).slice(0, 200);
    const decision = text.trim() ? await routeTip(deps, { text, place: place || undefined }) : undefined;
    return page(c, jurisdictionOf(c), { text, place, decision });
  });
  return r;
}
