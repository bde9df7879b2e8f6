import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { COMMANDS } from "../../src/cli/commands.js";
import { rollupFigures } from "../../src/app/figures/rollup.js";
import type { Deps } from "../../src/app/deps.js";
import { METRICS } from "../../src/domain/figures.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, createCampaign, figures, insertReport, unitId } from "../app/figures-fixtures.js";

const SOFFICE = ["/usr/bin/libreoffice", "/usr/bin/soffice"].find((p) => existsSync(p));
const REQUIRED = process.env.JUBAO_LIBREOFFICE_REQUIRED === "1";
if (!SOFFICE && !REQUIRED) console.warn("[jubao tests] LibreOffice is not installed: the xlsx-opens-in-LibreOffice check is skipped (.ci/run installs it).");

/** The exported workbook as an office suite reads it: LibreOffice converts its first sheet (the summary) to CSV. */
describe.runIf(SOFFICE || REQUIRED).each(DB_KINDS)("the xlsx export opened by LibreOffice (%s)", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let dir: string;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2018-08-15T02:00:00Z") });
    dir = mkdtempSync(join(tmpdir(), "jubao-lo-"));
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens, and its numbers equal the database's roll-up", async () => {
    const campaign = await createCampaign(deps.db);
    const emergency = await unitId(deps.db, "430422:emergency");
    const township = await unitId(deps.db, "430422001:township");
    for (const u of [emergency, township]) await addFiguresObligations(deps.db, campaign, u, ["2018-06", "2018-07"]);
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: emergency,
      period: "2018-06",
      values: figures({ enforcement_actions: 4, officers_deployed: 9, fines: 0.5 }),
    });
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: emergency,
      period: "2018-07",
      values: figures({ enforcement_actions: 6, officers_deployed: 13, cases_opened: 2, fines: 1.25 }),
    });
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: township,
      period: "2018-07",
      values: figures({ enforcement_actions: 3, officers_deployed: 6, fines: 0.3, criminal_arrests: 1 }),
    });
    const xlsx = join(dir, "july.xlsx");
    const code = await COMMANDS.export.run(
      deps,
      { campaign: String(campaign), month: "2018-07", format: "xlsx", out: xlsx },
      { stdin: new PassThrough(), stdout: new PassThrough() },
    );
    expect(code).toBe(0);

    execFileSync(
      SOFFICE!,
      [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, xlsx],
      { timeout: 120_000, stdio: "pipe" },
    );
    const rows = readFileSync(join(dir, "july.csv"), "utf8")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .map((l) => l.split(",").map((c) => c.replace(/^"|"$/g, "")));
    const totals = (await rollupFigures(deps, { campaignId: campaign, month: "2018-07" })).find((t) => t.code === "430422")!;
    for (const m of METRICS) {
      const row = rows.find((r) => r[0] === m.zh);
      expect(row, m.zh).toBeDefined();
      expect([Number(row![2]), Number(row![3])], m.zh).toEqual([totals.month[m.code], totals.cumulative[m.code]]);
    }
    expect(Number(rows.find((r) => r[0] === "组织(包括日常、集中、联合、专项等)执法活动")![2])).toBe(9);
  }, 180_000);
});
