import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * Enforcement rules (#15), pure: supervision class and check frequency, the annual plan's items and the
 * 双随机 draw. Everything random here is keyed by a published seed, so anyone can re-run it.
 */

export const RISK_CLASSES = ["good", "average", "poor"] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];
export const RISK_REASONS = ["major_hazard", "past_accident", "blacklist", "repeated_violations"] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

/** Sectors checked in full every year (非煤矿山、危化品、烟花爆竹、民爆物品、煤矿). */
export const FULL_COVERAGE_SECTORS: readonly string[] = ["coal_mine", "non_coal_mine", "hazardous_chemicals", "fireworks", "civil_explosives"];
/** Full-coverage activities inside a broad sector: 有限空间作业、金属冶炼 (工贸), 两客一危、校车 (交通). */
export const KEY_ACTIVITIES = {
  confined_space: "industry_trade",
  metallurgy: "industry_trade",
  passenger_hazmat: "transport",
  school_bus: "transport",
} as const;
export type KeyActivity = keyof typeof KEY_ACTIVITIES;
export const KEY_ACTIVITY_CODES = Object.keys(KEY_ACTIVITIES) as KeyActivity[];

export interface SupervisedEnterprise {
  id: number;
  sectorCode: string;
  riskClass: RiskClass;
  blacklisted: boolean;
  keyActivity: string | null;
}

/** A blacklisted enterprise is 重点 whatever its stored class. */
export function effectiveClass(e: Pick<SupervisedEnterprise, "riskClass" | "blacklisted">): RiskClass {
  return e.blacklisted ? "poor" : e.riskClass;
}

export function effectiveReasons(e: { riskReasons: readonly string[]; blacklisted: boolean }): string[] {
  const out = [...e.riskReasons];
  if (e.blacklisted && !out.includes("blacklist")) out.push("blacklist");
  return out;
}

export function isFullCoverage(e: Pick<SupervisedEnterprise, "sectorCode" | "keyActivity">): boolean {
  return FULL_COVERAGE_SECTORS.includes(e.sectorCode) || (e.keyActivity !== null && e.keyActivity in KEY_ACTIVITIES);
}

/** Checks per year: per class (good/average/poor) and per sector or key activity. */
export interface Frequencies {
  byClass: Record<RiskClass, number>;
  bySector: Record<string, number>;
}

export const DEFAULT_FREQUENCIES: Frequencies = {
  byClass: { good: 0, average: 1, poor: 4 },
  bySector: Object.fromEntries([...FULL_COVERAGE_SECTORS, ...KEY_ACTIVITY_CODES].map((k) => [k, 1])),
};

/** The larger of the class's and the sector's (or key activity's) rate; a full-coverage enterprise gets at least 1. */
export function checksPerYear(e: SupervisedEnterprise, f: Frequencies): number {
  const n = Math.max(
    f.byClass[effectiveClass(e)] ?? 0,
    f.bySector[e.sectorCode] ?? 0,
    e.keyActivity ? (f.bySector[e.keyActivity] ?? 0) : 0,
    isFullCoverage(e) ? 1 : 0,
  );
  return Math.min(12, Math.max(0, n));
}

export type PlanBasis = "risk" | "full_coverage" | "random";
export interface GeneratedItem {
  enterpriseId: number;
  month: number;
  basis: PlanBasis;
}

/** HMAC-SHA256(seed, message) as hex: the one keyed function behind every random choice here. */
export function seededHex(seedHex: string, message: string): string {
  return bytesToHex(hmac(sha256, hexToBytes(seedHex), utf8ToBytes(message)));
}

/**
 * The annual plan of one unit: every enterprise with a positive frequency at that frequency (重点 and
 * 一般 by class, full-coverage sectors at least once), and of the rest (frequency 0, i.e. 承诺) a share of
 * round(n × ratePct / 100) picked by the smallest HMAC(seed, "plan:<id>"). Months: a counter runs over the
 * enterprises in id order, each enterprise's checks spaced 12/n months apart from it, so the year fills evenly.
 */
export function generatePlanItems(candidates: readonly SupervisedEnterprise[], f: Frequencies, ratePct: number, seedHex: string): GeneratedItem[] {
  const sorted = [...candidates].sort((a, b) => a.id - b.id);
  const rest = sorted.filter((e) => checksPerYear(e, f) === 0);
  const share = Math.round((rest.length * ratePct) / 100);
  const picked = new Set(
    rest
      .map((e) => ({ id: e.id, key: seededHex(seedHex, `plan:${e.id}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id))
      .slice(0, share)
      .map((k) => k.id),
  );
  const items: GeneratedItem[] = [];
  let counter = 0;
  for (const e of sorted) {
    const n = checksPerYear(e, f);
    if (n === 0 && !picked.has(e.id)) continue;
    const times = Math.max(1, n);
    const basis: PlanBasis = n === 0 ? "random" : effectiveClass(e) !== "poor" && isFullCoverage(e) ? "full_coverage" : "risk";
    for (let i = 0; i < times; i++) items.push({ enterpriseId: e.id, month: (Math.floor(counter + (i * 12) / times) % 12) + 1, basis });
    counter++;
  }
  return items;
}

// ── 双随机 draws ──────────────────────────────────────────────────────────────────────────

/** Draw weights by (effective) class: a 重点 enterprise is four times as likely as a 承诺 one. */
export const DRAW_WEIGHTS: Record<RiskClass, number> = { good: 1, average: 2, poor: 4 };

export interface DrawCandidate {
  id: number;
  creditCode: string | null;
  name: string;
  weight: number;
  /** Inspectors who may not inspect this enterprise: recorded conflicts and the last inspection's officers. */
  excluded: number[];
}

export interface DrawPick {
  enterpriseId: number;
  inspectorIds: number[];
}

/** u in (0,1) from the first 48 bits of HMAC(seed, message). */
function uniform(seedHex: string, message: string): number {
  return (Number.parseInt(seededHex(seedHex, message).slice(0, 12), 16) + 0.5) / 2 ** 48;
}

/**
 * Efraimidis–Spirakis weighted sampling without replacement: each candidate's key is ln(u)/weight with
 * u from HMAC(seed, "enterprise:<id>"); the `count` largest keys win (ties: smaller id), in key order.
 * For each winner, its inspectors are the `perEnterprise` roster ids (certified, not excluded) with the
 * smallest HMAC(seed, "inspector:<enterpriseId>:<inspectorId>") hex, in that order.
 */
export function runDraw(seedHex: string, candidates: readonly DrawCandidate[], roster: readonly number[], count: number, perEnterprise: number): DrawPick[] {
  const keyed = candidates
    .filter((c) => c.weight > 0)
    .map((c) => ({ c, key: Math.log(uniform(seedHex, `enterprise:${c.id}`)) / c.weight }))
    .sort((a, b) => b.key - a.key || a.c.id - b.c.id)
    .slice(0, Math.max(0, count));
  return keyed.map(({ c }) => {
    const excluded = new Set(c.excluded);
    const inspectorIds = roster
      .filter((id) => !excluded.has(id))
      .map((id) => ({ id, key: seededHex(seedHex, `inspector:${c.id}:${id}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id))
      .slice(0, perEnterprise)
      .map((k) => k.id);
    return { enterpriseId: c.id, inspectorIds };
  });
}

/** SHA-256 hex of the candidate list as published: JSON of [id, creditCode, name, weight, excluded] rows in id order. */
export function candidateDigest(candidates: readonly DrawCandidate[]): string {
  const rows = [...candidates].sort((a, b) => a.id - b.id).map((c) => [c.id, c.creditCode, c.name, c.weight, [...c.excluded].sort((x, y) => x - y)]);
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(rows))));
}
