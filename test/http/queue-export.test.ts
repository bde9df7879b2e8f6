import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { Deps } from "../../src/app/deps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff } from "./admin-support.js";

/** The queue as CSV and xlsx: the same scope and filters as the queue page, and nothing about who reported. */
describe.each(DB_KINDS)("queue export on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let nanning: { cookie: string };
  const codes = { fire: "", building: "", formula: "", guilin: "" };
  const get = (path: string, cookie = nanning.cookie) => app.request(path, { headers: { Cookie: cookie } });

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    const tip = async (text: string, jurisdictionCode: string, sector: "fire_safety" | "construction", reporter = {}) =>
      (await submitTip(deps, { channel: "web", text, jurisdictionCode, sector, reporter: { consent: true, ...reporter } })).trackingCode;
    codes.fire = await tip("南宁市兴宁区某商场把消防通道堵死了，安全出口也锁着", "450102", "fire_safety", {
      name: "王举报人",
      contact: "13800138000",
      address: "13900139000",
    });
    codes.building = await tip("南宁市兴宁区某工地夜间施工塔吊无人看管，工人没戴安全帽", "450102", "construction");
    codes.formula = await tip('=HYPERLINK("http://evil.example","点我") 南宁市兴宁区仓库消防通道被堵', "450102", "fire_safety");
    codes.guilin = await tip("桂林市秀峰区某酒店消防通道堆满杂物，安全出口上锁", "450302", "fire_safety");
    await makeStaff(deps, { username: "qx-nanning", role: "committee", jurisdictionCode: "450100" });
    nanning = await login(app, "qx-nanning");
  }, 240_000);
  afterAll(async () => database?.close());

  it("the queue page links both formats with its filters", async () => {
    const html = await (await get("/admin?sector=fire_safety&page=2")).text();
    expect(html).toContain('href="/admin/tips/export?sector=fire_safety&amp;format=csv"');
    expect(html).toContain('href="/admin/tips/export?sector=fire_safety&amp;format=xlsx"');
  });

  it("CSV: the actor's tips only, filtered like the queue, no reporter identity, formulas defused", async () => {
    const res = await get("/admin/tips/export?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="queue-\d+\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("查询码,收到时间,状态,行业,紧急,逾期,渠道,承办单位,地点,内容\r\n")).toBe(true);
    for (const c of [codes.fire, codes.building, codes.formula]) expect(csv).toContain(c);
    expect(csv).not.toContain(codes.guilin);
    expect(csv).not.toContain("桂林");
    for (const secret of ["王举报人", "13800138000", "13900139000"]) expect(csv).not.toContain(secret);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"") 南宁市兴宁区仓库消防通道被堵"`);
    const line = csv.split("\r\n").find((l) => l.startsWith(codes.building))!;
    expect(line).toContain(",建筑施工,否,");

    const filtered = await (await get("/admin/tips/export?format=csv&sector=construction")).text();
    expect(filtered).toContain(codes.building);
    expect(filtered).not.toContain(codes.fire);
    const en = await (await get("/admin/tips/export?format=csv", `${nanning.cookie}; jubao_admin_lang=en`)).text();
    expect(en.startsWith("Tracking code,")).toBe(true);
  });

  it("xlsx: the same rows, one landscape A4 page wide with the heading row repeated", async () => {
    const res = await get("/admin/tips/export?format=xlsx&sector=fire_safety");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-export-rows")).toBe("2");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    const cells = ws.getSheetValues().flat().map(String).join("\n");
    expect(cells).toContain(codes.fire);
    expect(cells).toContain(codes.formula);
    expect(cells).not.toContain(codes.building);
    expect(cells).not.toContain(codes.guilin);
    for (const secret of ["王举报人", "13800138000", "13900139000"]) expect(cells).not.toContain(secret);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, printTitlesRow: "1:1" });
  });

  it("a bad format is a 400 and an unknown filter value is refused, never a 500", async () => {
    expect((await get("/admin/tips/export?format=pdf")).status).toBe(400);
    expect((await get("/admin/tips/export?format=csv&status=nope")).status).toBe(400);
    expect((await app.request("/admin/tips/export?format=csv")).status).toBe(303);
  });
});
