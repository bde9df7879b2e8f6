import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { auditLog, units } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { ROOT_DIR } from "../support/paths.js";
import { login, makeStaff, ORIGIN } from "./admin-support.js";

const NAMES = ["岐山办事处", "衡南县片区服务中心"];
const fixture = (name: string) => readFileSync(join(ROOT_DIR, "test/data/csv", name));

/** The unit CSV upload on /admin/units: Excel's GBK file, a garbled re-save, and committee scope. */
describe.each(DB_KINDS)("unit CSV import on the admin page, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let hengnan: { cookie: string; csrf: string };
  let nanning: { cookie: string; csrf: string };
  let unitStaff: { cookie: string; csrf: string };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    await makeStaff(deps, { username: "hn-committee", role: "committee", jurisdictionCode: "430422" });
    await makeStaff(deps, { username: "nn-committee", role: "committee", jurisdictionCode: "450100" });
    await makeStaff(deps, { username: "hn-unit", role: "unit", unit: "430422001:township" });
    hengnan = await login(app, "hn-committee");
    nanning = await login(app, "nn-committee");
    unitStaff = await login(app, "hn-unit");
  }, 240_000);
  afterAll(async () => database?.close());

  const upload = async (who: { cookie: string; csrf: string }, name: string, lang = "zh-CN") => {
    const form = new FormData();
    form.set("_csrf", who.csrf);
    form.set("file", new File([fixture(name)], name, { type: "text/csv" }));
    const res = await app.request("/admin/units/import", {
      method: "POST",
      body: form,
      headers: { Origin: ORIGIN, Cookie: `${who.cookie}; jubao_admin_lang=${lang}` },
    });
    return { status: res.status, html: await res.text() };
  };
  const stored = () => deps.db.select().from(units).where(inArray(units.name, NAMES));

  it("the page offers the upload to committee staff only", async () => {
    const page = async (who: { cookie: string }) => (await app.request("/admin/units", { headers: { Cookie: who.cookie } })).text();
    expect(await page(hengnan)).toContain('action="/admin/units/import"');
    expect(await page(unitStaff)).not.toContain('action="/admin/units/import"');
    expect((await upload(unitStaff, "units-gbk.csv")).status).toBe(403);
  });

  it("a garbled re-save is refused with row and column named, in the reader's language", async () => {
    const res = await upload(hengnan, "units-mojibake-gbk.csv");
    expect(res.status).toBe(400);
    expect(res.html).toContain("未导入任何数据");
    expect(res.html).toMatch(/第 2 行，name：乱码（文件编码不对）：看起来原文是“岐山办事/);
    expect(res.html).toMatch(/第 3 行，name：乱码/);
    expect((await upload(hengnan, "units-mojibake-gbk.csv", "en")).html).toMatch(/Row 2, name: garbled text/);
    expect(await stored()).toEqual([]);
  });

  it("another city's committee cannot import units under 衡南县", async () => {
    const res = await upload(nanning, "units-gbk.csv");
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/第 2 行，jurisdiction_code：行政区划“430422”不在您的管辖范围内/);
    expect(await stored()).toEqual([]);
  });

  it("Excel's GBK file creates both units under 衡南县, audited as the committee member; a second upload is refused", async () => {
    const res = await upload(hengnan, "units-gbk.csv");
    expect(res.status).toBe(200);
    expect(res.html).toContain("已新建 2 个单位");
    const rows = await stored();
    expect(rows.map((u) => [u.name, u.jurisdictionCode, u.kind]).sort()).toEqual([
      ["岐山办事处", "430422", "township"],
      ["衡南县片区服务中心", "430422", "township"],
    ]);
    for (const u of rows) expect(res.html).toContain(`href="/admin/units/${u.id}"`);
    const audits = await deps.db.select().from(auditLog).where(eq(auditLog.action, "unit.created"));
    expect(audits.filter((a) => a.actor.includes("hn-committee"))).toHaveLength(2);

    const again = await upload(hengnan, "units-gbk.csv");
    expect(again.status).toBe(400);
    expect(again.html).toMatch(/第 2 行，name：该行政区划下已有名为“岐山办事处”的单位/);
    expect(await stored()).toHaveLength(2);
  });
});
