import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { bytesToHex, randomBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { draws, inspectionInspectors, inspections, inspectorConflicts, units } from "../../db/schema.js";
import { candidateDigest, DRAW_WEIGHTS, effectiveClass, RISK_CLASSES, runDraw, type DrawCandidate, type DrawPick } from "../../domain/enforcement.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { listInspectors } from "../inspectors/roster.js";
import { jurisdictionPrefix, unitVisible } from "../manage/manage-scope.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { withTransaction } from "../with-transaction.js";
import { plannableUnit, supervisedEnterprises } from "./supervision.js";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const blank = z.literal("").transform(() => undefined);

export const createDrawInput = z.object({
  unitId: id,
  drawnOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  count: z.coerce.number().int().min(1).max(1000),
  perEnterprise: z.coerce.number().int().min(1).max(5).default(2),
  sectorCode: z.enum(SECTOR_CODES).optional().or(blank),
  townshipCode: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional()
    .or(blank),
  riskClass: z.enum(RISK_CLASSES).optional().or(blank),
  supersedesId: id.optional().or(blank),
  reason: z.string().trim().min(2).max(500).optional().or(blank),
});

export interface DrawFilter {
  sectorCode?: string;
  townshipCode?: string;
  riskClass?: string;
}

export interface PublishedCandidate extends DrawCandidate {
  riskClass: string;
}

/**
 * A 双随机 draw for a unit and day: candidates are the enterprises it supervises that match the filter (in id
 * order, weighted by class), the roster is its officers certified that day, and each candidate's exclusions are
 * its recorded conflicts and the officers of its last inspection. The seed is 32 random bytes; inputs, seed and
 * result are stored and published. A draw with the same unit, day and filter exists → only a re-draw of it, with
 * a reason, which keeps the first (supersedes_id).
 */
export async function createDraw(deps: Deps, actor: StaffActor, raw: z.input<typeof createDrawInput>): Promise<{ id: number; picks: DrawPick[] }> {
  const parsed = createDrawInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid draw",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const input = parsed.data;
  if (input.supersedesId && !input.reason) throw new AppError("invalid_input", "a re-draw needs a reason", ["reason"]);
  const unit = await plannableUnit(deps, actor, input.unitId);
  const filter: DrawFilter = {};
  if (input.sectorCode) filter.sectorCode = input.sectorCode;
  if (input.townshipCode) filter.townshipCode = input.townshipCode;
  if (input.riskClass) filter.riskClass = input.riskClass;

  const supervised = (await supervisedEnterprises(deps, unit.id)).filter(
    (e) =>
      (!filter.sectorCode || e.sectorCode === filter.sectorCode) &&
      (!filter.townshipCode || e.jurisdictionCode.startsWith(filter.townshipCode)) &&
      (!filter.riskClass || effectiveClass(e) === filter.riskClass),
  );
  if (supervised.length === 0) throw new AppError("invalid_input", "no enterprise matches the filter", ["filter"]);
  const roster = (await listInspectors(deps.db, unit.id, { certifiedOnDay: input.drawnOn })).sort((a, b) => a.id - b.id);
  const rosterIds = roster.map((r) => r.id);
  const ids = supervised.map((e) => e.id);
  const excluded = new Map<number, Set<number>>();
  const exclude = (e: number, i: number) => {
    if (!excluded.has(e)) excluded.set(e, new Set());
    excluded.get(e)!.add(i);
  };
  if (rosterIds.length) {
    for (const c of await deps.db
      .select({ e: inspectorConflicts.enterpriseId, i: inspectorConflicts.inspectorId })
      .from(inspectorConflicts)
      .where(inArray(inspectorConflicts.inspectorId, rosterIds)))
      exclude(c.e, c.i);
  }
  // The officers of each candidate's last inspection (any unit): one query, the newest inspection per enterprise.
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const last = await deps.db
      .select({ e: inspections.enterpriseId, i: inspectionInspectors.inspectorId })
      .from(inspections)
      .innerJoin(inspectionInspectors, eq(inspectionInspectors.inspectionId, inspections.id))
      .where(
        and(
          inArray(inspections.enterpriseId, chunk),
          sql`${inspections.id} = (select x.id from inspections x where x.enterprise_id = ${inspections.enterpriseId} order by x.inspected_on desc, x.id desc limit 1)`,
        ),
      );
    for (const l of last) exclude(l.e, l.i);
  }
  const candidates: PublishedCandidate[] = supervised.map((e) => ({
    id: e.id,
    creditCode: e.creditCode,
    name: e.name,
    riskClass: effectiveClass(e),
    weight: DRAW_WEIGHTS[effectiveClass(e)],
    excluded: [...(excluded.get(e.id) ?? [])].filter((x) => rosterIds.includes(x)).sort((a, b) => a - b),
  }));
  const seed = bytesToHex(randomBytes(32));
  const picks = runDraw(seed, candidates, rosterIds, input.count, input.perEnterprise);
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    if (input.supersedesId) {
      const [first] = await tx.db.select().from(draws).where(eq(draws.id, input.supersedesId)).for("update");
      if (!first || first.unitId !== unit.id) throw new AppError("not_found", "no such draw");
      const [later] = await tx.db.select({ id: draws.id }).from(draws).where(eq(draws.supersedesId, first.id));
      if (later) throw new AppError("conflict", "this draw was already re-drawn");
    } else {
      await tx.db.execute(sql`select pg_advisory_xact_lock(7245015, ${unit.id})`);
      const same = await tx.db
        .select({ id: draws.id, filter: draws.filter, drawnOn: draws.drawnOn })
        .from(draws)
        .where(and(eq(draws.unitId, unit.id), eq(draws.drawnOn, input.drawnOn)));
      if (same.some((d) => JSON.stringify(d.filter) === JSON.stringify(filter)))
        throw new AppError("conflict", "a draw with this filter exists for the day: re-draw it with a reason");
    }
    const [row] = await tx.db
      .insert(draws)
      .values({
        unitId: unit.id,
        seed,
        filter,
        enterpriseIds: picks.map((p) => p.enterpriseId),
        inspectorIds: [...new Set(picks.flatMap((p) => p.inspectorIds))],
        supersedesId: input.supersedesId ?? null,
        redrawReason: input.reason ?? null,
        createdBy: actorLabel(actor),
        createdAt: now,
        drawnOn: input.drawnOn,
        enterpriseCount: input.count,
        inspectorsPerEnterprise: input.perEnterprise,
        candidates,
        roster: roster.map((r) => ({ id: r.id, name: r.name })),
        candidateDigest: candidateDigest(candidates),
        result: picks,
      })
      .returning({ id: draws.id });
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: input.supersedesId ? "draw.redrawn" : "draw.created",
        entity: "draw",
        entityId: row.id,
        after: {
          unitId: unit.id,
          drawnOn: input.drawnOn,
          filter,
          seed,
          candidateDigest: candidateDigest(candidates),
          result: picks,
          supersedesId: input.supersedesId ?? null,
        },
        reason: input.reason ?? null,
      },
      now,
    );
    return { id: row.id, picks };
  });
}

export interface PublicDraw {
  id: number;
  unit: { name: string; nameEn: string | null };
  drawnOn: string | null;
  createdAt: string;
  seed: string;
  filter: DrawFilter;
  enterpriseCount: number;
  inspectorsPerEnterprise: number;
  candidateDigest: string;
  candidates: PublishedCandidate[];
  roster: { id: number; name: string }[];
  result: { enterpriseId: number; name: string; creditCode: string | null; inspectors: { id: number; name: string }[] }[];
  supersedesId: number | null;
  redrawReason: string | null;
  supersededBy: number | null;
  algorithm: string;
}

export const DRAW_ALGORITHM =
  "Efraimidis-Spirakis: key = ln(u)/weight, u = (int(first 12 hex of HMAC-SHA256(seed, 'enterprise:'+id)) + 0.5) / 2^48; weights good 1, average 2, poor 4; largest keys win (ties: smaller id). Inspectors per pick: roster ids not excluded, smallest HMAC-SHA256(seed, 'inspector:'+enterpriseId+':'+inspectorId) hex.";

/** A draw as published: no staff names, no reporter data; everything needed to re-run it. */
export async function getPublicDraw(deps: Pick<Deps, "db">, rawId: unknown): Promise<PublicDraw> {
  const parsed = id.safeParse(rawId);
  if (!parsed.success) throw new AppError("not_found", "no such draw");
  const [d] = await deps.db
    .select({ d: draws, unitName: units.name, unitNameEn: units.nameEn })
    .from(draws)
    .innerJoin(units, eq(units.id, draws.unitId))
    .where(eq(draws.id, parsed.data));
  if (!d) throw new AppError("not_found", "no such draw");
  const [later] = await deps.db.select({ id: draws.id }).from(draws).where(eq(draws.supersedesId, d.d.id));
  const candidates = d.d.candidates as PublishedCandidate[];
  const roster = d.d.roster as { id: number; name: string }[];
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const rosterById = new Map(roster.map((r) => [r.id, r]));
  return {
    id: d.d.id,
    unit: { name: d.unitName, nameEn: d.unitNameEn },
    drawnOn: d.d.drawnOn,
    createdAt: d.d.createdAt.toISOString(),
    seed: d.d.seed,
    filter: d.d.filter as DrawFilter,
    enterpriseCount: d.d.enterpriseCount,
    inspectorsPerEnterprise: d.d.inspectorsPerEnterprise,
    candidateDigest: d.d.candidateDigest,
    candidates,
    roster,
    result: (d.d.result as DrawPick[]).map((p) => ({
      enterpriseId: p.enterpriseId,
      name: byId.get(p.enterpriseId)?.name ?? "",
      creditCode: byId.get(p.enterpriseId)?.creditCode ?? null,
      inspectors: p.inspectorIds.map((i) => ({ id: i, name: rosterById.get(i)?.name ?? "" })),
    })),
    supersedesId: d.d.supersedesId,
    redrawReason: d.d.redrawReason,
    supersededBy: later?.id ?? null,
    algorithm: DRAW_ALGORITHM,
  };
}

export interface DrawListRow {
  id: number;
  unitName: string;
  unitNameEn: string | null;
  drawnOn: string | null;
  picked: number;
  supersedesId: number | null;
}

/** The newest draws, for the public list (and, filtered to units in scope by the caller, the admin page). */
export async function listDraws(deps: Pick<Deps, "db">, opts: { unitIds?: number[]; limit?: number } = {}): Promise<DrawListRow[]> {
  if (opts.unitIds && opts.unitIds.length === 0) return [];
  return deps.db
    .select({
      id: draws.id,
      unitName: units.name,
      unitNameEn: units.nameEn,
      drawnOn: draws.drawnOn,
      picked: sql<number>`jsonb_array_length(${draws.enterpriseIds})::int`,
      supersedesId: draws.supersedesId,
    })
    .from(draws)
    .innerJoin(units, eq(units.id, draws.unitId))
    .where(opts.unitIds ? inArray(draws.unitId, opts.unitIds) : undefined)
    .orderBy(desc(draws.id))
    .limit(Math.min(opts.limit ?? 50, 200));
}

export interface DrawVerification {
  id: number;
  digestOk: boolean;
  resultOk: boolean;
  expected: DrawPick[];
  stored: DrawPick[];
}

/** Re-run a stored draw from its published seed and candidate list, and compare. */
export async function verifyDraw(deps: Pick<Deps, "db">, rawId: unknown): Promise<DrawVerification> {
  const d = await getPublicDraw(deps, rawId);
  const expected = runDraw(
    d.seed,
    d.candidates,
    d.roster.map((r) => r.id),
    d.enterpriseCount,
    d.inspectorsPerEnterprise,
  );
  const stored = d.result.map((r) => ({ enterpriseId: r.enterpriseId, inspectorIds: r.inspectors.map((i) => i.id) }));
  return {
    id: d.id,
    digestOk: candidateDigest(d.candidates) === d.candidateDigest,
    resultOk: JSON.stringify(expected) === JSON.stringify(stored),
    expected,
    stored,
  };
}

/** Ids of draws not yet superseded, newest first (for the admin page's re-draw choices). */
export async function openDrawIds(deps: Pick<Deps, "db">, unitId: number): Promise<number[]> {
  const rows = await deps.db
    .select({ id: draws.id })
    .from(draws)
    .where(and(eq(draws.unitId, unitId), isNull(sql`(select y.id from draws y where y.supersedes_id = ${draws.id} limit 1)`)))
    .orderBy(desc(draws.id));
  return rows.map((r) => r.id);
}

export interface StaffDraw extends PublicDraw {
  unitId: number;
  /** Per picked enterprise: the id of the record that answers this draw, if one was entered. */
  recorded: Map<number, number>;
}

/**
 * A draw for the staff who carry it out: the published draw, its unit, and which picks already have an
 * inspection record naming the draw (so each pick's "record" link is shown once). Unit staff see their own
 * unit's draws, committee staff their area's; anything else is not found.
 */
export async function getDrawForStaff(deps: Pick<Deps, "db">, actor: StaffActor, rawId: unknown): Promise<StaffDraw> {
  const d = await getPublicDraw(deps, rawId);
  const [row] = await deps.db
    .select({ unitId: draws.unitId, jurisdictionCode: units.jurisdictionCode })
    .from(draws)
    .innerJoin(units, eq(units.id, draws.unitId))
    .where(eq(draws.id, d.id));
  if (!unitVisible(actor, { id: row.unitId, jurisdictionCode: row.jurisdictionCode }, await jurisdictionPrefix(deps.db, actor)))
    throw new AppError("not_found", "no such draw");
  const records = await deps.db
    .select({ id: inspections.id, enterpriseId: inspections.enterpriseId })
    .from(inspections)
    .where(eq(inspections.drawId, d.id))
    .orderBy(inspections.id);
  const recorded = new Map<number, number>();
  for (const r of records) if (!recorded.has(r.enterpriseId)) recorded.set(r.enterpriseId, r.id);
  return { ...d, unitId: row.unitId, recorded };
}
