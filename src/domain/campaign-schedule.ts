import type { Assignee, CampaignTemplate, ObligationTemplate } from "./campaign-templates.js";

/**
 * A campaign template turned into dated duties for one campaign year. Pure: assignees stay relative
 * (`{ level, kind }`); the app resolves them to units under the issuing jurisdiction.
 *
 * Dates are stated, never moved: a due date that falls on a rest day stays as the document wrote it
 * (the documents give calendar dates, and moving them would misquote the issuer). Reminders decide
 * on their own whether to go out on a rest day.
 */
export interface ObligationSpec {
  kind: "deliverable" | "recurring" | "figures";
  code: string;
  titleZh: string;
  titleEn: string;
  /** "" for a one-off deliverable; "2020-03" / "2020-Q1" / "2020" for recurring duties; "2018-07" for a month's figures. */
  period: string;
  /** YYYY-MM-DD in the campaign's time zone. */
  dueOn: string;
  assignees: Assignee[];
}

export interface CampaignSchedule {
  startsOn: string;
  endsOn: string;
  /** The day of the following month a month's figures are due, or null when the template has no form. */
  figuresDueDay: number | null;
  obligations: ObligationSpec[];
}

export class CampaignScheduleError extends Error {
  override name = "CampaignScheduleError";
}

export const FIGURES_CODE = "monthly_figures";

export interface ScheduleOptions {
  /** The campaign year; defaults to the template's. */
  year?: number;
  /** Overrides the template's figures due day (Hengnan: the text says the 5th, the form's footnote the 10th). */
  figuresDueDay?: number;
}

export function expandTemplate(template: CampaignTemplate, opts: ScheduleOptions = {}): CampaignSchedule {
  const year = opts.year ?? template.year;
  const startsOn = isoDate(year, template.startsOn);
  // A campaign that ends on an earlier MM-DD than it starts runs into the next year.
  const endsOn = isoDate(template.endsOn < template.startsOn ? year + 1 : year, template.endsOn);
  const obligations: ObligationSpec[] = [];
  for (const o of template.obligations) {
    if ("on" in o.due) {
      obligations.push(spec(o, o.kind === "recurring" ? String(year) : "", isoDate(year, o.due.on)));
    } else {
      for (const p of periodsEnding(o.due.every, startsOn, endsOn)) obligations.push(spec(o, p.period, p.dueOn));
    }
  }
  let figuresDueDay: number | null = null;
  if (template.figures) {
    const f = template.figures;
    figuresDueDay = opts.figuresDueDay ?? f.dueDay;
    if (!Number.isInteger(figuresDueDay) || figuresDueDay < 1 || figuresDueDay > 28) {
      throw new CampaignScheduleError(`figures due day must be a whole number from 1 to 28, got ${figuresDueDay}`);
    }
    const from = Number(f.fromMonth);
    const to = Number(f.toMonth);
    if (from < 1 || from > 12 || to < 1 || to > 12) throw new CampaignScheduleError(`figures months must be 01–12, got ${f.fromMonth}..${f.toMonth}`);
    const count = to >= from ? to - from + 1 : to + 12 - from + 1;
    for (let i = 0; i < count; i++) {
      const { y, m } = addMonths(year, from, i);
      const due = addMonths(y, m, 1);
      obligations.push({
        kind: "figures",
        code: FIGURES_CODE,
        titleZh: `${template.nameZh}情况月报表`,
        titleEn: "Monthly figures form",
        period: `${y}-${pad(m)}`,
        dueOn: `${due.y}-${pad(due.m)}-${pad(figuresDueDay)}`,
        assignees: f.assignees,
      });
    }
  }
  return { startsOn, endsOn, figuresDueDay, obligations };
}

function spec(o: ObligationTemplate, period: string, dueOn: string): ObligationSpec {
  return { kind: o.kind, code: o.code, titleZh: o.titleZh, titleEn: o.titleEn, period, dueOn, assignees: o.assignees };
}

/**
 * Periods whose last day falls within start..end: a duty "every quarter" of a campaign running
 * 01-01..12-31 is due 03-31, 06-30, 09-30 and 12-31. A period cut off by the campaign's end is not owed.
 */
export function periodsEnding(every: "month" | "quarter" | "year", startsOn: string, endsOn: string): { period: string; dueOn: string }[] {
  const out: { period: string; dueOn: string }[] = [];
  const startYear = Number(startsOn.slice(0, 4));
  const endYear = Number(endsOn.slice(0, 4));
  for (let y = startYear; y <= endYear; y++) {
    const candidates =
      every === "year"
        ? [{ period: String(y), dueOn: `${y}-12-31` }]
        : every === "quarter"
          ? [1, 2, 3, 4].map((q) => ({ period: `${y}-Q${q}`, dueOn: `${y}-${pad(q * 3)}-${pad(lastDay(y, q * 3))}` }))
          : Array.from({ length: 12 }, (_, i) => ({ period: `${y}-${pad(i + 1)}`, dueOn: `${y}-${pad(i + 1)}-${pad(lastDay(y, i + 1))}` }));
    for (const c of candidates) if (c.dueOn >= startsOn && c.dueOn <= endsOn) out.push(c);
  }
  return out;
}

/** Counts of specs per kind, times the number of units each resolves to, for summaries. */
export function countByKind(items: { kind: ObligationSpec["kind"] }[]): Record<ObligationSpec["kind"], number> {
  const counts = { deliverable: 0, recurring: 0, figures: 0 };
  for (const i of items) counts[i.kind]++;
  return counts;
}

function isoDate(year: number, mmdd: string): string {
  const [m, d] = mmdd.split("-").map(Number);
  if (m < 1 || m > 12 || d < 1 || d > lastDay(year, m)) throw new CampaignScheduleError(`${year}-${mmdd} is not a date`);
  return `${year}-${mmdd}`;
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addMonths(year: number, month: number, n: number): { y: number; m: number } {
  const index = year * 12 + (month - 1) + n;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
