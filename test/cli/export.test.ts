import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { COMMANDS } from "../../src/cli/commands.js";
import { rollupFigures } from "../../src/app/figures/rollup.js";
import { AppError, type Deps } from "../../src/app/deps.js";
import { METRICS } from "../../src/domain/figures.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, createCampaign, figures, insertReport, unitId } from "../app/figures-fixtures.js";

const TITLE = "安全监管“强执法防事故”行动情况月报表(2018年7月)";
const FOOTNOTE = "注:本表由各乡镇、负有安全监管职责的部门汇总填写,每月10日前向县安委办报送(上月情况)。";

async function run(deps: Deps, args: Record<string, string>, tty = false): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  if (tty) Object.assign(stdout, { isTTY: true });
  const chunks: Buffer[] = [];
  let err = "";
  stdout.on("data", (c: Buffer) => chunks.push(c));
  stderr.on("data", (c: Buffer) => (err += c));
  const code = await COMMANDS.export.run(deps, args, { stdin: new PassThrough(), stdout, stderr });
  return { code, stdout: Buffer.concat(chunks), stderr: err };
}

describe.each(DB_KINDS)("npm run cli -- export on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let campaign: number;
  let dir: string;
  let emergency: number;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2018-08-15T02:00:00Z") });
    dir = mkdtempSync(join(tmpdir(), "jubao-export-"));
    campaign = await createCampaign(deps.db);
    emergency = await unitId(deps.db, "430422:emergency");
    const township = await unitId(deps.db, "430422001:township");
    const silent = await unitId(deps.db, "430422002:township");
    for (const u of [emergency, township, silent]) await addFiguresObligations(deps.db, campaign, u, ["2018-06", "2018-07"]);
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: emergency,
      period: "2018-06",
      values: figures({ enforcement_actions: 4, officers_deployed: 9, fines: 0.5 }),
    });
    await insertReport(deps.db, { campaignId: campaign, unitId: emergency, period: "2018-07", values: figures({ enforcement_actions: 99 }), current: false });
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: emergency,
      period: "2018-07",
      version: 2,
      values: figures({ enforcement_actions: 6, officers_deployed: 13, cases_opened: 2, fines: 1.25 }),
    });
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: township,
      period: "2018-07",
      values: figures({ enforcement_actions: 3, officers_deployed: 6, fines: 0.3, criminal_arrests: 1 }),
    });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes an xlsx with the summary and one sheet per unit, laid out like the seed's form", async () => {
    const out = join(dir, "july.xlsx");
    const r = await run(deps, { campaign: String(campaign), month: "2018-07", format: "xlsx", out });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "衡南县应急管理局", "云集街道办事处", "车江街道办事处"]);

    const unit = wb.getWorksheet("衡南县应急管理局")!;
    const row = (ws: ExcelJS.Worksheet, n: number) => [1, 2, 3, 4].map((c) => ws.getCell(n, c).value ?? null);
    expect(row(unit, 1)[0]).toBe(TITLE);
    expect(String(row(unit, 2)[0])).toBe("填报单位(盖章):衡南县应急管理局");
    expect(String(row(unit, 2)[2])).toBe("填报时间:2018年7月5日");
    expect(row(unit, 3)).toEqual([null, "单位", "本月数", "累计数"]);
    expect(row(unit, 4)).toEqual([METRICS[0].zh, "次", 6, 10]); // current version 2 only; June + July
    expect(row(unit, 5)).toEqual(["出动执法人员", "人(次)", 13, 22]);
    expect(row(unit, 8)).toEqual(["经济处罚", "万元", 1.25, 1.75]);
    expect(unit.getCell(8, 3).numFmt).toBe("0.00");
    expect(row(unit, 15)[0]).toBe(FOOTNOTE);
    expect(unit.rowCount).toBe(15);

    // A unit that has not filed gets the empty form, as on paper.
    const silent = wb.getWorksheet("车江街道办事处")!;
    expect(row(silent, 4)).toEqual([METRICS[0].zh, "次", null, null]);
    expect(String(row(silent, 2)[2])).toBe("填报时间:");

    // The summary equals the roll-up of all units of the campaign.
    const summary = wb.getWorksheet("汇总")!;
    const totals = (await rollupFigures(deps, { campaignId: campaign, month: "2018-07" })).find((t) => t.code === "430422")!;
    METRICS.forEach((m, i) => expect(row(summary, 4 + i).slice(2)).toEqual([totals.month[m.code], totals.cumulative[m.code]]));
    expect(row(summary, 4).slice(2)).toEqual([9, 13]);
    expect(row(summary, 14)).toEqual(["抓捕涉嫌犯罪人员", "人", 1, 1]);
  });

  it("writes the summary as csv with a UTF-8 BOM to stdout, or one unit's form with --unit", async () => {
    const r = await run(deps, { campaign: String(campaign), month: "2018-07", format: "csv" });
    expect(r.code).toBe(0);
    expect([...r.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = r.stdout.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe(`${TITLE},,,`);
    expect(lines[2]).toBe(",单位,本月数,累计数");
    expect(lines[3]).toBe(`${METRICS[0].zh},次,9,13`);
    expect(lines[4]).toBe("出动执法人员,人(次),19,28");
    expect(lines[7]).toBe("经济处罚,万元,1.55,2.05");
    expect(lines[14]).toBe(`"${FOOTNOTE}",,,`);
    expect(lines[15]).toBe("报送情况:已报送 2/3 个单位;未报送:车江街道办事处,,,");
    expect(lines.slice(3, 14).every((l) => l.split(",").length === 4)).toBe(true);

    const one = await run(deps, { campaign: String(campaign), month: "2018-07", format: "csv", unit: "430422:emergency" });
    const unitLines = one.stdout.toString("utf8").split("\r\n");
    expect(unitLines[1]).toBe("填报单位(盖章):衡南县应急管理局,,填报时间:2018年7月5日,");
    expect(unitLines[7]).toBe("经济处罚,万元,1.25,1.75");
  });

  it("warns before writing xlsx to a terminal, and rejects bad flags with a clear message", async () => {
    const r = await run(deps, { campaign: String(campaign), month: "2018-07", format: "xlsx" }, true);
    expect(r.stderr).toContain("binary xlsx");
    expect(r.stdout.subarray(0, 2).toString()).toBe("PK"); // a zip container
    for (const [args, message] of [
      [{ month: "2018-07", format: "csv" }, "--campaign"],
      [{ campaign: String(campaign), month: "2018-7", format: "csv" }, "--month"],
      [{ campaign: String(campaign), month: "2018-07", format: "pdf" }, "--format"],
    ] as const) {
      const err = await run(deps, args).then(
        () => null,
        (e) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toContain(message);
    }
    const missing = await run(deps, { campaign: "999999", month: "2018-07", format: "csv" }).then(
      () => null,
      (e) => e,
    );
    expect((missing as AppError).code).toBe("not_found");
  });
});
