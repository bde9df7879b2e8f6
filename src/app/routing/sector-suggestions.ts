import { and, desc, eq, gte, inArray, isNull, notInArray } from "drizzle-orm";
import { z } from "zod";
import { enterprises, routingSectorRules, routingSuggestionDecisions, tips } from "../../db/schema.js";
import { separatingTerms } from "../../domain/classify/separating-terms.js";
import { maskPlaceNames } from "../../domain/places/index.js";
import { SECTOR_CODES, sectorInfo, type SectorCode } from "../../domain/sectors.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { jurisdictionPrefix, requireManager, withinPrefix } from "../manage/manage-scope.js";
import { withTransaction } from "../with-transaction.js";
import { invalidateRouting, routingSnapshot } from "./routing-cache.js";
import { SUGGESTION_MIN_TIPS } from "./routing-suggestions.js";
import { listStaffCorrections, type StaffCorrection } from "./staff-corrections.js";

/**
 * Sector suggestions from repeated sector corrections (#14 item 5), the other two kinds beside the
 * unit rules of routing-suggestions.ts:
 * - term → sector: tips the router read as sector A that staff moved to a unit of sector B, three or
 *   more; the words that best separate them from the tips the router kept in A (separating-terms.ts)
 *   are proposed, best first, one at a time (a dismissed term makes room for the next);
 * - enterprise → sector: one matched enterprise's tips moved to a sector three or more times.
 * Accepting stores a routing_sector_rules row (audited) that the router reads at once; undo revokes it.
 */
export interface TermSuggestion {
  kind: "term";
  /** Stable: term|from|to|term. */
  key: string;
  term: string;
  fromSector: SectorCode;
  toSector: SectorCode;
  /** Corrections from → to, and how many of them contain the term. */
  count: number;
  support: number;
  examples: string[];
}

export interface EnterpriseSuggestion {
  kind: "enterprise";
  /** Stable: enterprise|id|to. */
  key: string;
  enterpriseId: number;
  enterpriseName: string;
  toSector: SectorCode;
  count: number;
  examples: string[];
}

export type SectorSuggestion = TermSuggestion | EnterpriseSuggestion;

const sectorCode = z.enum(SECTOR_CODES);
export const sectorSuggestionKeyInput = z.object({
  key: z
    .string()
    .max(200)
    .regex(/^(term\|[a-z_]+\|[a-z_]+\|[^|]{1,60}|enterprise\|\d{1,10}\|[a-z_]+)$/),
});
export const revokeSectorRuleInput = z.object({
  ruleId: z.coerce.number().int().positive().max(2_147_483_647),
  reason: z.string().trim().min(2).max(500),
});

/** Kept tips of the routed sector compared against: the newest this many. */
const KEPT_SAMPLE = 400;
const LOOKBACK_DAYS = 365;

const moved = (c: StaffCorrection): c is StaffCorrection & { finalSector: SectorCode } => c.finalSector !== null && c.finalSector !== c.routedSector;

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}

/** Open term and enterprise suggestions from the corrections within the actor's subtree, most frequent first. */
export async function listSectorSuggestions(deps: Deps, actor: StaffActor): Promise<SectorSuggestion[]> {
  requireManager(actor);
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const since = new Date(deps.clock().getTime() - LOOKBACK_DAYS * 86_400_000);
  const corrections = (await listStaffCorrections(deps, { prefix, since })).filter(moved);
  if (corrections.length < SUGGESTION_MIN_TIPS) return [];
  const active = await deps.db.select().from(routingSectorRules).where(isNull(routingSectorRules.revokedAt));
  const decided = new Set((await deps.db.select({ key: routingSuggestionDecisions.key }).from(routingSuggestionDecisions)).map((d) => d.key));
  const snapshot = await routingSnapshot(deps);
  const out: SectorSuggestion[] = [];

  for (const list of groupBy(corrections, (c) => `${c.routedSector}|${c.finalSector}`).values()) {
    if (list.length < SUGGESTION_MIN_TIPS) continue;
    const { routedSector: from, finalSector: to } = list[0];
    const ids = list.map((c) => c.tipId);
    const kept = await deps.db
      .select({ text: tips.text })
      .from(tips)
      .where(and(eq(tips.sectorCode, from), gte(tips.receivedAt, since), withinPrefix(tips.jurisdictionCode, prefix), notInArray(tips.id, ids)))
      .orderBy(desc(tips.id))
      .limit(KEPT_SAMPLE);
    const mask = (t: string) => maskPlaceNames(snapshot.placeIndex, t);
    const terms = separatingTerms(
      list.map((c) => mask(c.text)),
      kept.map((k) => mask(k.text)),
      { finalSector: to, minSupport: SUGGESTION_MIN_TIPS, limit: 20 },
    );
    const open = terms.find((t) => {
      const key = `term|${from}|${to}|${t.term}`;
      return !decided.has(key) && !active.some((r) => r.kind === "term" && r.term === t.term && r.sectorCode === to);
    });
    if (!open) continue;
    out.push({
      kind: "term",
      key: `term|${from}|${to}|${open.term}`,
      term: open.term,
      fromSector: from,
      toSector: to,
      count: list.length,
      support: open.support,
      examples: list
        .filter((c) => mask(c.text).toLowerCase().includes(open.term))
        .slice(0, 5)
        .map((c) => c.trackingCode),
    });
  }

  const withEnterprise = corrections.filter((c) => c.enterpriseId !== null);
  const enterpriseGroups = [...groupBy(withEnterprise, (c) => `${c.enterpriseId}|${c.finalSector}`).values()].filter((l) => l.length >= SUGGESTION_MIN_TIPS);
  if (enterpriseGroups.length) {
    const names = new Map(
      (
        await deps.db
          .select({ id: enterprises.id, name: enterprises.name })
          .from(enterprises)
          .where(
            inArray(
              enterprises.id,
              enterpriseGroups.map((l) => l[0].enterpriseId!),
            ),
          )
      ).map((e) => [e.id, e.name]),
    );
    for (const list of enterpriseGroups) {
      const { enterpriseId, finalSector: to } = list[0];
      const key = `enterprise|${enterpriseId}|${to}`;
      if (decided.has(key) || active.some((r) => r.kind === "enterprise" && r.enterpriseId === enterpriseId && r.sectorCode === to)) continue;
      out.push({
        kind: "enterprise",
        key,
        enterpriseId: enterpriseId!,
        enterpriseName: names.get(enterpriseId!) ?? String(enterpriseId),
        toSector: to,
        count: list.length,
        examples: list.slice(0, 5).map((c) => c.trackingCode),
      });
    }
  }
  return out.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

async function findOpen(deps: Deps, actor: StaffActor, raw: unknown): Promise<SectorSuggestion> {
  const parsed = sectorSuggestionKeyInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid suggestion key", ["key"]);
  const found = (await listSectorSuggestions(deps, actor)).find((s) => s.key === parsed.data.key);
  if (!found) throw new AppError("not_found", "no such open suggestion");
  return found;
}

const describe = (s: SectorSuggestion) =>
  (s.kind === "term"
    ? `${s.count} tips read as ${sectorInfo(s.fromSector).zh} moved to ${sectorInfo(s.toSector).zh}; "${s.term}" in ${s.support} (${s.examples.join(", ")})`
    : `${s.count} tips of ${s.enterpriseName} moved to ${sectorInfo(s.toSector).zh} (${s.examples.join(", ")})`
  ).slice(0, 500);

/** One click: the rule is stored (the router uses it from the next tip on) and the suggestion closed, audited, in one transaction. */
export async function acceptSectorSuggestion(deps: Deps, actor: StaffActor, raw: z.input<typeof sectorSuggestionKeyInput>): Promise<{ ruleId: number }> {
  const s = await findOpen(deps, actor, raw);
  const now = deps.clock();
  const by = actorLabel(actor);
  const note = describe(s);
  const ruleId = await withTransaction(deps, async (tx) => {
    const [rule] = await tx.db
      .insert(routingSectorRules)
      .values({
        kind: s.kind,
        term: s.kind === "term" ? s.term : null,
        enterpriseId: s.kind === "enterprise" ? s.enterpriseId : null,
        sectorCode: s.toSector,
        fromSector: s.kind === "term" ? s.fromSector : null,
        suggestionKey: s.key,
        note,
        createdBy: by,
        createdAt: now,
      })
      .returning({ id: routingSectorRules.id });
    await tx.db.insert(routingSuggestionDecisions).values({ key: s.key, decision: "accepted", actor: by, ruleId: rule.id, at: now });
    await appendAudit(
      tx.db,
      {
        actor: by,
        action: "sector_rule.accepted",
        entity: "routing_sector_rule",
        entityId: rule.id,
        after: s.kind === "term" ? { term: s.term, sectorCode: s.toSector, key: s.key } : { enterpriseId: s.enterpriseId, sectorCode: s.toSector, key: s.key },
        reason: note,
      },
      now,
    );
    return rule.id;
  });
  invalidateRouting(deps.database);
  return { ruleId };
}

/** One click: the suggestion is closed without a rule (audited); the next best term of the same correction may follow. */
export async function dismissSectorSuggestion(deps: Deps, actor: StaffActor, raw: z.input<typeof sectorSuggestionKeyInput>): Promise<void> {
  const s = await findOpen(deps, actor, raw);
  const now = deps.clock();
  const by = actorLabel(actor);
  await withTransaction(deps, async (tx) => {
    await tx.db.insert(routingSuggestionDecisions).values({ key: s.key, decision: "dismissed", actor: by, at: now }).onConflictDoNothing();
    await appendAudit(
      tx.db,
      { actor: by, action: "sector_rule.dismissed", entity: "routing_suggestion", entityId: null, after: { key: s.key, count: s.count } },
      now,
    );
  });
}

export interface SectorRuleRow {
  id: number;
  kind: "term" | "enterprise";
  term: string | null;
  enterpriseName: string | null;
  sectorCode: SectorCode;
  createdBy: string;
  createdAt: Date;
}

/** The sector rules in force, newest first. */
export async function listSectorRules(deps: Deps, actor: StaffActor): Promise<SectorRuleRow[]> {
  requireManager(actor);
  const rows = await deps.db
    .select({
      id: routingSectorRules.id,
      kind: routingSectorRules.kind,
      term: routingSectorRules.term,
      enterpriseName: enterprises.name,
      sectorCode: routingSectorRules.sectorCode,
      createdBy: routingSectorRules.createdBy,
      createdAt: routingSectorRules.createdAt,
    })
    .from(routingSectorRules)
    .leftJoin(enterprises, eq(enterprises.id, routingSectorRules.enterpriseId))
    .where(isNull(routingSectorRules.revokedAt))
    .orderBy(desc(routingSectorRules.id));
  return rows.map((r) => ({ ...r, sectorCode: sectorCode.parse(r.sectorCode) }));
}

/**
 * Undo: the rule stops counting at once (revoked, kept for the record, audited). Term rules act
 * province-wide, so a rule is undone by an admin, a province-level committee or the one who accepted it.
 */
export async function revokeSectorRule(deps: Deps, actor: StaffActor, raw: z.input<typeof revokeSectorRuleInput>): Promise<void> {
  requireManager(actor);
  const parsed = revokeSectorRuleInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid undo",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const by = actorLabel(actor);
  const now = deps.clock();
  const prefix = await jurisdictionPrefix(deps.db, actor);
  await withTransaction(deps, async (tx) => {
    const [rule] = await tx.db
      .select()
      .from(routingSectorRules)
      .where(and(eq(routingSectorRules.id, parsed.data.ruleId), isNull(routingSectorRules.revokedAt)))
      .for("update");
    if (!rule || !(prefix === null || (prefix !== "" && prefix.length <= 2) || rule.createdBy === by)) throw new AppError("not_found", "no such rule in force");
    await tx.db.update(routingSectorRules).set({ revokedBy: by, revokedAt: now }).where(eq(routingSectorRules.id, rule.id));
    await appendAudit(
      tx.db,
      {
        actor: by,
        action: "sector_rule.revoked",
        entity: "routing_sector_rule",
        entityId: rule.id,
        before: { kind: rule.kind, term: rule.term, enterpriseId: rule.enterpriseId, sectorCode: rule.sectorCode },
        after: null,
        reason: parsed.data.reason,
      },
      now,
    );
  });
  invalidateRouting(deps.database);
}
