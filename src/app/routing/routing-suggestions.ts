import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { jurisdictions, routingRules, routingSuggestionDecisions, tipEvents, tips, units } from "../../db/schema.js";
import { sectorInfo, type SectorCode } from "../../domain/sectors.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { jurisdictionPrefix, requireManager, withinPrefix } from "../manage/manage-scope.js";
import { withTransaction } from "../with-transaction.js";
import { invalidateRouting } from "./routing-cache.js";
import { setRoutingRule } from "./set-routing-rule.js";
import { listStaffCorrections, type StaffCorrection } from "./staff-corrections.js";

/** This many tips moved the same way make a suggestion. */
export const SUGGESTION_MIN_TIPS = 3;
/** Corrections older than this are history, not a pattern of today's routing. */
const LOOKBACK_DAYS = 365;

/**
 * A repeated correction proposed as a routing rule: tips the router sent, for sector S in jurisdiction
 * J, to unit U, and which staff moved to unit V. Accepting sets the rule S × J → V through
 * setRoutingRule (audited, applied at once, undone by deleting the rule on the same page).
 */
export interface RoutingSuggestion {
  /** Stable: sector|jurisdiction|from|to. */
  key: string;
  sectorCode: SectorCode;
  jurisdictionCode: string;
  jurisdictionName: string;
  fromUnit: { id: number; name: string; nameEn: string | null };
  toUnit: { id: number; name: string; nameEn: string | null };
  count: number;
  /** Tracking codes of the tips behind it (at most five). */
  examples: string[];
}

export const suggestionKeyInput = z.object({ key: z.string().regex(/^[a-z_]+\|\d{6}(\d{3})?\|\d{1,10}\|\d{1,10}$/) });

const keyOf = (c: Pick<StaffCorrection, "routedSector" | "jurisdictionCode" | "routedUnitId" | "finalUnitId">) =>
  `${c.routedSector}|${c.jurisdictionCode}|${c.routedUnitId}|${c.finalUnitId}`;

/** The open suggestions within the actor's subtree, most frequent first. */
export async function listRoutingSuggestions(deps: Deps, actor: StaffActor): Promise<RoutingSuggestion[]> {
  requireManager(actor);
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const since = new Date(deps.clock().getTime() - LOOKBACK_DAYS * 86_400_000);
  const corrections = (await listStaffCorrections(deps, { prefix, since })).filter((c) => c.jurisdictionCode);
  const groups = new Map<string, StaffCorrection[]>();
  for (const c of corrections) groups.set(keyOf(c), [...(groups.get(keyOf(c)) ?? []), c]);
  const frequent = [...groups].filter(([, list]) => list.length >= SUGGESTION_MIN_TIPS);
  if (frequent.length === 0) return [];
  const decided = new Set(
    (
      await deps.db
        .select({ key: routingSuggestionDecisions.key })
        .from(routingSuggestionDecisions)
        .where(
          inArray(
            routingSuggestionDecisions.key,
            frequent.map(([k]) => k),
          ),
        )
    ).map((d) => d.key),
  );
  const open = frequent.filter(([k]) => !decided.has(k));
  if (open.length === 0) return [];
  const codes = [...new Set(open.map(([, l]) => l[0].jurisdictionCode!))];
  const unitIds = [...new Set(open.flatMap(([, l]) => [l[0].routedUnitId, l[0].finalUnitId]))];
  const places = new Map((await deps.db.select().from(jurisdictions).where(inArray(jurisdictions.code, codes))).map((j) => [j.code, j]));
  const unitRows = new Map((await deps.db.select().from(units).where(inArray(units.id, unitIds))).map((u) => [u.id, u]));
  const rules = await deps.db.select().from(routingRules).where(inArray(routingRules.jurisdictionCode, codes));
  const out: RoutingSuggestion[] = [];
  for (const [key, list] of open) {
    const c = list[0];
    const from = unitRows.get(c.routedUnitId);
    const to = unitRows.get(c.finalUnitId);
    if (!from || !to?.active) continue;
    // Already routed there by a rule set since: nothing left to suggest.
    if (rules.some((r) => r.sectorCode === c.routedSector && r.jurisdictionCode === c.jurisdictionCode && r.unitId === to.id)) continue;
    out.push({
      key,
      sectorCode: c.routedSector,
      jurisdictionCode: c.jurisdictionCode!,
      jurisdictionName: places.get(c.jurisdictionCode!)?.fullName ?? c.jurisdictionCode!,
      fromUnit: { id: from.id, name: from.name, nameEn: from.nameEn },
      toUnit: { id: to.id, name: to.name, nameEn: to.nameEn },
      count: list.length,
      examples: list.slice(0, 5).map((l) => l.trackingCode),
    });
  }
  return out.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

async function findOpen(deps: Deps, actor: StaffActor, raw: unknown): Promise<RoutingSuggestion> {
  const parsed = suggestionKeyInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid suggestion key", ["key"]);
  const found = (await listRoutingSuggestions(deps, actor)).find((s) => s.key === parsed.data.key);
  if (!found) throw new AppError("not_found", "no such open suggestion");
  return found;
}

/** One click: the suggested rule is set (setRoutingRule audits it) and the suggestion is closed, in one transaction. */
export async function acceptRoutingSuggestion(deps: Deps, actor: StaffActor, raw: z.input<typeof suggestionKeyInput>): Promise<{ ruleId: number }> {
  const s = await findOpen(deps, actor, raw);
  const now = deps.clock();
  const by = actorLabel(actor);
  const reason = `${s.count} tips of ${sectorInfo(s.sectorCode).zh} moved from ${s.fromUnit.name} to ${s.toUnit.name} (${s.examples.join(", ")})`.slice(0, 500);
  const ruleId = await withTransaction(deps, async (tx) => {
    const rule = await setRoutingRule(tx, actor, { sectorCode: s.sectorCode, jurisdictionCode: s.jurisdictionCode, unitId: s.toUnit.id, reason });
    await tx.db.insert(routingSuggestionDecisions).values({ key: s.key, decision: "accepted", actor: by, ruleId: rule.id, at: now });
    await appendAudit(
      tx.db,
      {
        actor: by,
        action: "routing_suggestion.accepted",
        entity: "routing_rule",
        entityId: rule.id,
        after: { key: s.key, count: s.count, jurisdictionCode: s.jurisdictionCode },
        reason,
      },
      now,
    );
    return rule.id;
  });
  // setRoutingRule dropped the cache inside the transaction; drop it again now the rule is committed.
  invalidateRouting(deps.database);
  return { ruleId };
}

/** One click: the suggestion is closed without a rule (audited). */
export async function dismissRoutingSuggestion(deps: Deps, actor: StaffActor, raw: z.input<typeof suggestionKeyInput>): Promise<void> {
  const s = await findOpen(deps, actor, raw);
  const now = deps.clock();
  const by = actorLabel(actor);
  await withTransaction(deps, async (tx) => {
    await tx.db.insert(routingSuggestionDecisions).values({ key: s.key, decision: "dismissed", actor: by, at: now }).onConflictDoNothing();
    await appendAudit(
      tx.db,
      {
        actor: by,
        action: "routing_suggestion.dismissed",
        entity: "routing_suggestion",
        entityId: null,
        after: { key: s.key, count: s.count, jurisdictionCode: s.jurisdictionCode },
      },
      now,
    );
  });
}

/** Days of staff decisions the rules page's accuracy figure covers. */
export const ACCURACY_DAYS = 90;

/**
 * The router's accuracy over the last 90 days of staff decisions in the actor's subtree: of the tips
 * staff accepted, refused or transferred, the share they left with the unit the router chose.
 */
export async function routingAccuracy(deps: Deps, actor: StaffActor): Promise<{ decided: number; corrected: number }> {
  requireManager(actor);
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const since = new Date(deps.clock().getTime() - ACCURACY_DAYS * 86_400_000);
  const [row] = await deps.db
    .select({ n: sql<number>`count(distinct ${tipEvents.tipId})` })
    .from(tipEvents)
    .innerJoin(tips, eq(tips.id, tipEvents.tipId))
    .where(and(inArray(tipEvents.kind, ["accepted", "not_accepted", "transferred"]), gte(tipEvents.at, since), withinPrefix(tips.jurisdictionCode, prefix)));
  const corrected = (await listStaffCorrections(deps, { prefix, since })).length;
  return { decided: Number(row?.n ?? 0), corrected };
}
