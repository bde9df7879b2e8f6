import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { exportFigures } from "../../src/app/figures/export-figures.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, createCampaign, figures, insertReport, unitId } from "../app/figures-fixtures.js";

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
const REQUIRED = process.env.JUBAO_LIBREOFFICE_REQUIRED === "1";
if (!SOFFICE && !REQUIRED) console.warn("[jubao tests] LibreOffice is not installed: the one-page-per-sheet print check is skipped (.ci/run installs it).");
const UNITS = ["430422:emergency", "430422001:township", "430422002:township", "430422:housing", "430422:fire"];

/**
 * The 月报表 as an office prints it: the xlsx goes through LibreOffice (`soffice --headless
 * --convert-to pdf`, what CI installs as libreoffice-calc-nogui) and the PDF must have exactly one
 * page per sheet — the summary and each unit — with the month in every title and, on the summary,
 * who has and has not filed.
 */
describe.each(DB_KINDS)("the 月报表 xlsx prints one A4 page per sheet, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let campaign: number;
  let dir: string;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2018-08-15T02:00:00Z") });
    dir = mkdtempSync(join(tmpdir(), "jubao-print-"));
    campaign = await createCampaign(deps.db);
    const ids = await Promise.all(UNITS.map((k) => unitId(deps.db, k)));
    for (const u of ids) await addFiguresObligations(deps.db, campaign, u, ["2018-07"]);
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: ids[0],
      period: "2018-07",
      values: figures({ enforcement_actions: 6, officers_deployed: 13 }),
    });
    await insertReport(deps.db, { campaignId: campaign, unitId: ids[1], period: "2018-07", values: figures({}) }); // a filed zero
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("names the month, says 2/5 filed and who did not, and sets up each sheet for one A4 page", async () => {
    const file = await exportFigures(deps, { campaignId: campaign, month: "2018-07", format: "xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as never);
    expect(wb.worksheets).toHaveLength(1 + UNITS.length);
    for (const ws of wb.worksheets) {
      expect(String(ws.getCell(1, 1).value), ws.name).toMatch(/情况月报表\(2018年7月\)$/);
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 1, printTitlesRow: "3:3" });
      expect(ws.pageSetup.printArea, ws.name).toBe(`A1:D${ws.rowCount}`);
    }
    const filing = String(wb.getWorksheet("汇总")!.getCell(16, 1).value);
    expect(filing).toMatch(/^报送情况:已报送 2\/5 个单位;未报送:/);
    const silent = wb.worksheets
      .slice(1)
      .filter((ws) => ws.getCell(4, 3).value === null)
      .map((ws) => ws.name);
    expect(silent).toHaveLength(3);
    for (const name of silent) expect(filing).toContain(name);

    const csv = await exportFigures(deps, { campaignId: campaign, month: "2018-07", format: "csv" });
    expect(new TextDecoder().decode(csv.body)).toContain("报送情况:已报送 2/5 个单位");
  });

  it.skipIf(!SOFFICE && !REQUIRED)(
    "LibreOffice prints it as one page per sheet (skipped with a warning where it is not installed; CI installs libreoffice-calc-nogui)",
    async () => {
      const file = await exportFigures(deps, { campaignId: campaign, month: "2018-07", format: "xlsx" });
      const xlsx = join(dir, "figures.xlsx");
      writeFileSync(xlsx, file.body);
      await promisify(execFile)(
        SOFFICE ?? "soffice",
        [`-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx],
        {
          timeout: 180_000,
          env: { ...process.env, HOME: dir },
        },
      );
      const pdf = await PDFDocument.load(readFileSync(join(dir, "figures.pdf")));
      expect(pdf.getPageCount()).toBe(1 + UNITS.length);
      for (const page of pdf.getPages()) {
        const { width, height } = page.getSize();
        // A4 portrait in points (595 × 842), give or take rounding.
        expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
      }
    },
    240_000,
  );
});
