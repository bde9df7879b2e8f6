import { eq, isNull } from "drizzle-orm";
import { jurisdictions, routingRules, routingSectorRules, units } from "../../db/schema.js";
import { compileSectorRules, type SectorRules } from "../../domain/classify/index.js";
import type { Database } from "../../db/client.js";
import { createPlaceIndex, type PlaceIndex } from "../../domain/places/index.js";
import type { RoutingData, RoutingJurisdiction, RoutingUnit } from "../../domain/routing/types.js";
import type { SectorCode } from "../../domain/sectors.js";
import type { Deps } from "../deps.js";
import { placeInputs } from "./place-inputs.js";

export interface RoutingSnapshot extends RoutingData {
  placeIndex: PlaceIndex;
  jurisdictionsByCode: Map<string, RoutingJurisdiction>;
  /** Accepted term → sector rules, compiled. */
  sectorRules: SectorRules;
  /** Accepted enterprise → sector rules. */
  enterpriseSectors: Map<number, SectorCode>;
  loadedAt: number;
}

/**
 * Jurisdictions, units, routing rules and accepted sector rules change rarely and are read for every tip: they are held in
 * memory as maps keyed exactly as the router looks them up (sector|jurisdiction → unit), reloaded after
 * RULES_TTL_MS or at once when this process edits them. Another replica's edit is seen within the TTL.
 */
export const RULES_TTL_MS = 30_000;

const caches = new WeakMap<Database, { snapshot?: Promise<RoutingSnapshot>; at: number; reloading?: boolean }>();

/**
 * The snapshot of this database. After RULES_TTL_MS it is reloaded in the background while the old one keeps
 * serving (a reload builds the place index: far longer than a decision, so no tip waits for it); after an edit
 * in this process (invalidateRouting) the next caller waits for the fresh one.
 */
export function routingSnapshot(deps: Pick<Deps, "database" | "db">, now = Date.now()): Promise<RoutingSnapshot> {
  let entry = caches.get(deps.database);
  if (!entry) caches.set(deps.database, (entry = { at: 0 }));
  const e = entry;
  if (!e.snapshot) {
    e.at = now;
    const pending = loadSnapshot(deps);
    e.snapshot = pending;
    pending.catch(() => {
      if (e.snapshot === pending) e.snapshot = undefined;
    });
  } else if (now - e.at > RULES_TTL_MS && !e.reloading) {
    e.at = now;
    e.reloading = true;
    const current = e.snapshot;
    loadSnapshot(deps)
      .then((fresh) => {
        if (e.snapshot === current) e.snapshot = Promise.resolve(fresh);
      })
      .catch(() => {})
      .finally(() => {
        e.reloading = false;
      });
  }
  return e.snapshot;
}

export function invalidateRouting(database: Database): void {
  caches.delete(database);
}

async function loadSnapshot(deps: Pick<Deps, "db">): Promise<RoutingSnapshot> {
  const js = await deps.db.select().from(jurisdictions);
  const us = await deps.db
    .select({ id: units.id, name: units.name, nameEn: units.nameEn, jurisdictionCode: units.jurisdictionCode, kind: units.kind })
    .from(units)
    .where(eq(units.active, true));
  const rules = await deps.db
    .select({ sector: routingRules.sectorCode, jurisdiction: routingRules.jurisdictionCode, unitId: routingRules.unitId })
    .from(routingRules);
  const sectorRuleRows = await deps.db
    .select({
      kind: routingSectorRules.kind,
      term: routingSectorRules.term,
      enterpriseId: routingSectorRules.enterpriseId,
      sector: routingSectorRules.sectorCode,
    })
    .from(routingSectorRules)
    .where(isNull(routingSectorRules.revokedAt))
    .orderBy(routingSectorRules.id);
  const enterpriseSectors = new Map<number, SectorCode>();
  for (const r of sectorRuleRows) if (r.kind === "enterprise" && r.enterpriseId !== null) enterpriseSectors.set(r.enterpriseId, r.sector as SectorCode);
  const terms = sectorRuleRows.filter((r) => r.kind === "term" && r.term).map((r) => ({ term: r.term!, sector: r.sector as SectorCode }));
  const jurisdictionsByCode = new Map<string, RoutingJurisdiction>(
    js.map((j) => [j.code, { code: j.code, name: j.name, fullName: j.fullName, level: j.level, parentCode: j.parentCode }]),
  );
  const unitsById = new Map<number, RoutingUnit>(us.map((u) => [u.id, u as RoutingUnit]));
  // Sector, then jurisdiction: a lookup per step of the walk up without building a key string.
  const ruleMap = new Map<string, Map<string, RoutingUnit>>();
  for (const r of rules) {
    const unit = unitsById.get(r.unitId);
    if (!unit) continue;
    let bySector = ruleMap.get(r.sector);
    if (!bySector) ruleMap.set(r.sector, (bySector = new Map()));
    bySector.set(r.jurisdiction, unit);
  }
  const committees = new Map<string, RoutingUnit>();
  for (const u of unitsById.values()) if (u.kind === "committee") committees.set(u.jurisdictionCode, u);
  return {
    loadedAt: Date.now(),
    jurisdictionsByCode,
    sectorRules: compileSectorRules(terms),
    enterpriseSectors,
    placeIndex: createPlaceIndex(placeInputs(js)),
    jurisdiction: (code) => jurisdictionsByCode.get(code),
    rule: (sector: SectorCode, code: string) => ruleMap.get(sector)?.get(code),
    committee: (code) => committees.get(code),
  };
}
