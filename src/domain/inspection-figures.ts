import { addCalendarDays } from "./deadlines";
import type { Figures, MetricCode } from "./figures";

/** What the 月报表 needs to know of one inspection record. */
export interface RecordForFigures {
  enterpriseId: number;
  inspectorCount: number;
  caseNo: string | null;
  /** Integer fen (分). */
  fineFen: number;
  suspended: boolean;
  licenceAction: boolean;
  closed: boolean;
  detentions: number;
  arrests: number;
}

/**
 * The metrics the records fill, one rule each (README "Inspection records"):
 * 执法活动 = records, 出动执法人员 = inspector-visits (officers on each record, summed), 检查生产经营单位 =
 * distinct enterprises, 立案调查 = records with a case number, 经济处罚 = fines summed in fen then shown in
 * 万元 (1 万元 = 1,000,000 fen, rounded to the form's two decimals), 责令停产停业 / 暂扣或者吊销 / 取缔关闭 =
 * records with that measure, 行政拘留 / 抓捕 = people on police referrals. 问责领导干部 has no source in a
 * record: it stays for the liaison to type.
 */
export const RECORDED_METRICS: readonly MetricCode[] = [
  "enforcement_actions",
  "officers_deployed",
  "units_inspected",
  "cases_opened",
  "fines",
  "suspensions",
  "licences_suspended_or_revoked",
  "closures",
  "administrative_detentions",
  "criminal_arrests",
];

/** Fen to 万元 with two decimals (hundredths of 万元 = 10,000 fen), half up, without float drift. */
export function fenToWan(fen: number): number {
  return Math.round(fen / 10_000) / 100;
}

export function figuresFromRecords(records: readonly RecordForFigures[]): Partial<Figures> {
  const count = (p: (r: RecordForFigures) => boolean) => records.filter(p).length;
  const sum = (f: (r: RecordForFigures) => number) => records.reduce((a, r) => a + f(r), 0);
  return {
    enforcement_actions: records.length,
    officers_deployed: sum((r) => r.inspectorCount),
    units_inspected: new Set(records.map((r) => r.enterpriseId)).size,
    cases_opened: count((r) => !!r.caseNo && r.caseNo.trim() !== ""),
    fines: fenToWan(sum((r) => r.fineFen)),
    suspensions: count((r) => r.suspended),
    licences_suspended_or_revoked: count((r) => r.licenceAction),
    closures: count((r) => r.closed),
    administrative_detentions: sum((r) => r.detentions),
    criminal_arrests: sum((r) => r.arrests),
  };
}

/** Metrics where the filed month and the records differ (only metrics the records fill). */
export function figuresDisagreement(filed: Figures, recorded: Partial<Figures>): { code: MetricCode; typed: number; recorded: number }[] {
  const out: { code: MetricCode; typed: number; recorded: number }[] = [];
  for (const code of RECORDED_METRICS) {
    const r = recorded[code];
    if (r === undefined) continue;
    if (Math.round(filed[code] * 100) !== Math.round(r * 100)) out.push({ code, typed: filed[code], recorded: r });
  }
  return out;
}

/** Days after a suspension without a correction deadline before its 回头看 is due. */
export const SUSPENSION_REINSPECTION_DAYS = 30;

/**
 * The 回头看 an inspection schedules: on the correction deadline when one is set; else, for a
 * suspension (责令停产停业), 30 days after the inspection; otherwise none.
 */
export function reinspectionDue(r: {
  inspectedOn: string;
  correctionDeadline: string | null;
  suspended: boolean;
}): { dueOn: string; reason: "correction" | "suspension" } | null {
  if (r.correctionDeadline) return { dueOn: r.correctionDeadline, reason: r.suspended ? "suspension" : "correction" };
  if (r.suspended) return { dueOn: addCalendarDays(r.inspectedOn, SUSPENSION_REINSPECTION_DAYS), reason: "suspension" };
  return null;
}

/** 元 as typed ("3500", "3,500.5") to integer fen; null when it is not a non-negative amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number | null {
  const t = text.replace(/[,，\s]/g, "").replace(/元$/, "");
  if (t === "") return 0;
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}
