import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { appMeta, enterprises } from "../../db/schema.js";
import { normalizeEnterpriseName } from "../../domain/enterprise-name.js";
import type { Deps } from "../deps.js";
import { enterpriseGramsOf } from "./enterprise-grams.js";

/** The columns a routing decision needs of an enterprise. */
export interface IndexedEnterprise {
  id: number;
  name: string;
  creditCode: string | null;
  sectorCode: string;
  jurisdictionCode: string;
  supervisingLevel: "province" | "city" | "county" | "township";
}

export interface EnterpriseIndex {
  version: number;
  byId: Map<number, IndexedEnterprise>;
  byCreditCode: Map<string, IndexedEnterprise>;
  /** Normalised name → the first enterprise with it, and how many share it (an exact match must be unique). */
  byNameNorm: Map<string, { row: IndexedEnterprise; count: number }>;
  /** Trade-name bigram → ids, ascending (the same grams writeEnterprise stores in enterprise_grams). */
  grams: Map<string, number[]>;
}

/**
 * How often a replica asks the database whether enterprises changed (one primary-key read of app_meta's
 * `enterprises_version`, bumped by a trigger on every write to enterprises). Writes made through this
 * process invalidate at once; another replica's are seen within this interval plus one rebuild.
 */
export const ENTERPRISE_INDEX_CHECK_MS = 1_000;

interface Entry {
  index?: Promise<EnterpriseIndex>;
  /** A rebuild started because another replica changed enterprises; the current index serves meanwhile. */
  refreshing?: Promise<EnterpriseIndex>;
  checkedAt: number;
  checking?: Promise<void>;
}

const entries = new WeakMap<Database, Entry>();

/**
 * The in-memory enterprise index of this database: built on first use, rebuilt when this process writes an
 * enterprise (invalidateEnterpriseIndex) or when the version another replica bumped differs. The version
 * check runs at most once per ENTERPRISE_INDEX_CHECK_MS and never holds up a decision once an index exists.
 */
export function enterpriseIndex(deps: Pick<Deps, "database" | "db">, now = Date.now()): Promise<EnterpriseIndex> {
  let entry = entries.get(deps.database);
  if (!entry) entries.set(deps.database, (entry = { checkedAt: now }));
  if (!entry.index) {
    entry.checkedAt = now;
    const pending = buildEnterpriseIndex(deps);
    entry.index = pending;
    const e = entry;
    pending.catch(() => {
      if (e.index === pending) e.index = undefined;
    });
    return pending;
  }
  if (now - entry.checkedAt >= ENTERPRISE_INDEX_CHECK_MS && !entry.checking && !entry.refreshing) {
    entry.checkedAt = now;
    const e = entry;
    const current = entry.index;
    e.checking = (async () => {
      const [version, built] = await Promise.all([enterprisesVersion(deps), current]);
      if (version === built.version || e.index !== current) return;
      const next = buildEnterpriseIndex(deps);
      e.refreshing = next;
      await next;
      if (e.index === current) e.index = next;
    })()
      .catch(() => {})
      .finally(() => {
        e.checking = undefined;
        e.refreshing = undefined;
      });
  }
  return entry.index;
}

/** Resolves when a version check started by enterpriseIndex (and any rebuild it began) has finished. */
export async function enterpriseIndexSettled(database: Database): Promise<void> {
  await entries.get(database)?.checking;
}

/** Drop this process's index of the database: the next lookup rebuilds it. Call after committing an enterprise write. */
export function invalidateEnterpriseIndex(database: Database): void {
  entries.delete(database);
}

/** The counter the enterprises trigger bumps (0 before any write). */
export async function enterprisesVersion(deps: Pick<Deps, "db">): Promise<number> {
  const [row] = await deps.db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, "enterprises_version"));
  return row ? Number(row.value) : 0;
}

/**
 * Reads the version first, then the rows: a write committed in between makes the index newer than its
 * version, and the next check merely rebuilds once more — never older than it claims.
 */
export async function buildEnterpriseIndex(deps: Pick<Deps, "db">): Promise<EnterpriseIndex> {
  const version = await enterprisesVersion(deps);
  const rows = await deps.db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      nameNorm: enterprises.nameNorm,
      creditCode: enterprises.creditCode,
      sectorCode: enterprises.sectorCode,
      jurisdictionCode: enterprises.jurisdictionCode,
      supervisingLevel: enterprises.supervisingLevel,
    })
    .from(enterprises)
    .orderBy(asc(enterprises.id));
  const index: EnterpriseIndex = { version, byId: new Map(), byCreditCode: new Map(), byNameNorm: new Map(), grams: new Map() };
  for (const { nameNorm, ...row } of rows) {
    index.byId.set(row.id, row);
    if (row.creditCode) index.byCreditCode.set(row.creditCode, row);
    const same = index.byNameNorm.get(nameNorm);
    if (same) same.count++;
    else index.byNameNorm.set(nameNorm, { row, count: 1 });
    for (const gram of enterpriseGramsOf(row.name)) {
      const ids = index.grams.get(gram);
      if (ids) ids.push(row.id);
      else index.grams.set(gram, [row.id]);
    }
  }
  return index;
}

/**
 * The top `limit` enterprises sharing the most of `grams`, ties by ascending id — the same order as the
 * SQL ranking in findEnterpriseSql.
 */
export function rankByGrams(index: EnterpriseIndex, grams: readonly string[], limit: number): IndexedEnterprise[] {
  const hits = new Map<number, number>();
  for (const gram of grams) {
    const ids = index.grams.get(gram);
    if (ids) for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  if (hits.size === 0) return [];
  const ranked = [...hits].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return ranked.slice(0, limit).map(([id]) => index.byId.get(id)!);
}

/** Kept for callers that already hold a normalised name. */
export function exactByName(index: EnterpriseIndex, name: string): IndexedEnterprise | undefined {
  const same = index.byNameNorm.get(normalizeEnterpriseName(name));
  return same && same.count === 1 ? same.row : undefined;
}
