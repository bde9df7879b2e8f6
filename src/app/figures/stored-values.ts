import { METRICS, METRIC_CODES, type Figures, type MetricCode } from "../../domain/figures.js";

/**
 * monthly_reports.values as stored: plain integers for counts, integer hundredths of 万元 for fines,
 * so sums in SQL or JS never drift. Figures (the domain shape) carry 万元 as a number with ≤ 2 decimals.
 */
export type StoredValues = Record<MetricCode, number>;

const SCALE: Record<MetricCode, number> = Object.fromEntries(METRICS.map((m) => [m.code, m.kind === "money_wan" ? 100 : 1])) as Record<MetricCode, number>;

export function toStored(figures: Figures): StoredValues {
  const out = {} as StoredValues;
  for (const code of METRIC_CODES) out[code] = Math.round(figures[code] * SCALE[code]);
  return out;
}

export function fromStored(values: unknown): Figures {
  const v = (values ?? {}) as Record<string, unknown>;
  const out = {} as Figures;
  for (const code of METRIC_CODES) out[code] = Number(v[code] ?? 0) / SCALE[code];
  return out;
}

export function zeroStored(): StoredValues {
  return Object.fromEntries(METRIC_CODES.map((c) => [c, 0])) as StoredValues;
}

export function addStored(into: StoredValues, more: StoredValues): StoredValues {
  for (const code of METRIC_CODES) into[code] += more[code];
  return into;
}

/**
 * Month and 累计数 packed in one Float64Array of PACKED_LENGTH (the month's values in METRIC_CODES order,
 * then the 累计数): the roll-up adds thousands of these up the jurisdiction tree, and indexed adds on a
 * typed array cost far less than keyed adds on records.
 */
export const PACKED_LENGTH = METRIC_CODES.length * 2;

/** The Figures packed at `offset` (0: the month, METRIC_CODES.length: the 累计数); as fromStored. */
export function fromPacked(packed: Float64Array, offset: number): Figures {
  const out = {} as Figures;
  for (let i = 0; i < METRIC_CODES.length; i++) out[METRIC_CODES[i]] = packed[offset + i] / SCALE[METRIC_CODES[i]];
  return out;
}

/** "YYYY-MM" of the month before. */
export function previousPeriod(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
