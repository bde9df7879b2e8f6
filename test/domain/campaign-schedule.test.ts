import { describe, expect, it } from "vitest";
import { CampaignScheduleError, expandTemplate, periodsEnding } from "../../src/domain/campaign-schedule.js";
import { GUANGXI_2020, HENGNAN_2018, campaignTemplateSchema } from "../../src/domain/campaign-templates.js";

const dues = (s: ReturnType<typeof expandTemplate>, code: string) => s.obligations.filter((o) => o.code === code).map((o) => `${o.period}→${o.dueOn}`);

describe("expandTemplate: Guangxi 2020", () => {
  const s = expandTemplate(GUANGXI_2020);

  it("runs the calendar year and has no figures form", () => {
    expect([s.startsOn, s.endsOn, s.figuresDueDay]).toEqual(["2020-01-01", "2020-12-31", null]);
    expect(s.obligations.some((o) => o.kind === "figures")).toBe(false);
  });

  it("keeps the three report dates of the notice, even 2020-06-30 and 2020-12-20 as stated", () => {
    expect(s.obligations.filter((o) => o.kind === "deliverable").map((o) => [o.code, o.period, o.dueOn])).toEqual([
      ["deployment_report", "", "2020-02-10"],
      ["half_year_summary", "", "2020-06-30"],
      ["annual_summary", "", "2020-12-20"],
    ]);
  });

  it("owes the quarterly exposure at each quarter's last day, the inspection monthly and the training yearly", () => {
    expect(dues(s, "quarterly_exposure")).toEqual(["2020-Q1→2020-03-31", "2020-Q2→2020-06-30", "2020-Q3→2020-09-30", "2020-Q4→2020-12-31"]);
    const monthly = dues(s, "monthly_special_inspection");
    expect(monthly).toHaveLength(12);
    expect(monthly[0]).toBe("2020-01→2020-01-31");
    expect(monthly[1]).toBe("2020-02→2020-02-29"); // 2020 is a leap year
    expect(monthly[11]).toBe("2020-12→2020-12-31");
    expect(dues(s, "yearly_training")).toEqual(["2020→2020-12-31"]);
  });

  it("carries each duty's assignees relative to the issuer", () => {
    const q = s.obligations.find((o) => o.code === "quarterly_exposure")!;
    expect(q.assignees).toEqual([
      { level: "city", kind: "committee" },
      { level: "county", kind: "committee" },
    ]);
  });

  it("moves every date to another year when asked, with February's last day following the calendar", () => {
    const y = expandTemplate(GUANGXI_2020, { year: 2021 });
    expect(y.startsOn).toBe("2021-01-01");
    expect(dues(y, "monthly_special_inspection")[1]).toBe("2021-02→2021-02-28");
    expect(dues(y, "deployment_report")).toEqual(["→2021-02-10"]);
  });
});

describe("expandTemplate: Hengnan 2018", () => {
  it("starts on the issue date 2018-06-06 and keeps the plan's 06-15, 06-20 and 12-31", () => {
    const s = expandTemplate(HENGNAN_2018);
    expect([s.startsOn, s.endsOn]).toEqual(["2018-06-06", "2018-12-31"]);
    expect(s.obligations.filter((o) => o.kind === "deliverable").map((o) => o.dueOn)).toEqual(["2018-06-15", "2018-06-20", "2018-12-31"]);
  });

  it("asks the figures of 2018-06..2018-11, each due on the 10th of the following month by default", () => {
    const s = expandTemplate(HENGNAN_2018);
    expect(s.figuresDueDay).toBe(10);
    expect(dues(s, "monthly_figures")).toEqual([
      "2018-06→2018-07-10",
      "2018-07→2018-08-10",
      "2018-08→2018-09-10",
      "2018-09→2018-10-10",
      "2018-10→2018-11-10",
      "2018-11→2018-12-10",
    ]);
    expect(s.obligations.find((o) => o.kind === "figures")!.titleZh).toBe("安全监管“强执法防事故”行动情况月报表");
  });

  it("uses the 5th when the campaign follows the plan's text instead of the form's footnote", () => {
    const s = expandTemplate(HENGNAN_2018, { figuresDueDay: 5 });
    expect(s.figuresDueDay).toBe(5);
    expect(dues(s, "monthly_figures")[0]).toBe("2018-06→2018-07-05");
    expect(dues(s, "monthly_figures").at(-1)).toBe("2018-11→2018-12-05");
  });

  it("does not move a due date that falls on a rest day: 2018-06-10 was a Sunday and stays", () => {
    const t = campaignTemplateSchema.parse({ ...HENGNAN_2018, figures: { ...HENGNAN_2018.figures!, fromMonth: "05", toMonth: "05" } });
    expect(dues(expandTemplate(t), "monthly_figures")).toEqual(["2018-05→2018-06-10"]);
    expect(new Date("2018-06-10T00:00:00Z").getUTCDay()).toBe(0);
  });

  it("rolls a December form into January of the next year", () => {
    const t = campaignTemplateSchema.parse({ ...HENGNAN_2018, figures: { ...HENGNAN_2018.figures!, fromMonth: "11", toMonth: "12" } });
    expect(dues(expandTemplate(t), "monthly_figures")).toEqual(["2018-11→2018-12-10", "2018-12→2019-01-10"]);
  });

  it("refuses an impossible due day or date", () => {
    expect(() => expandTemplate(HENGNAN_2018, { figuresDueDay: 31 })).toThrow(CampaignScheduleError);
    const t = campaignTemplateSchema.parse({ ...GUANGXI_2020, obligations: [{ ...GUANGXI_2020.obligations[0], due: { on: "02-30" } }] });
    expect(() => expandTemplate(t)).toThrow(/2020-02-30 is not a date/);
  });
});

describe("periodsEnding", () => {
  it("owes only periods whose last day falls inside the campaign", () => {
    expect(periodsEnding("quarter", "2018-06-06", "2018-12-31").map((p) => p.period)).toEqual(["2018-Q2", "2018-Q3", "2018-Q4"]);
    expect(periodsEnding("month", "2020-01-15", "2020-03-20").map((p) => p.dueOn)).toEqual(["2020-01-31", "2020-02-29"]);
    expect(periodsEnding("year", "2020-01-01", "2020-12-20")).toEqual([]);
  });
});
