import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { enterprises } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { ROOT_DIR } from "../support/paths.js";
import { login, makeStaff, ORIGIN } from "./admin-support.js";

const CODES = ["92450102MA5N000111", "91450100MA5N00022B", "92450102MA5N000339"];
const fixture = (name: string) => readFileSync(join(ROOT_DIR, "test/data/csv", name));

/** The admin import page with the files people really have: Excel's GBK, UTF-8 with and without BOM, and garbled re-saves. */
describe.each(DB_KINDS)("enterprise CSV import by encoding, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    await makeStaff(deps, { username: "importer", role: "admin" });
    admin = await login(app, "importer");
  }, 240_000);
  afterAll(async () => database?.close());

  const upload = async (name: string, lang = "zh-CN") => {
    const form = new FormData();
    form.set("_csrf", admin.csrf);
    form.set("file", new File([fixture(name)], name, { type: "text/csv" }));
    const res = await app.request("/admin/enterprises/import", {
      method: "POST",
      body: form,
      headers: { Origin: ORIGIN, Cookie: `${admin.cookie}; jubao_admin_lang=${lang}` },
    });
    return { status: res.status, html: await res.text() };
  };
  const stored = () => deps.db.select().from(enterprises).where(inArray(enterprises.creditCode, CODES));

  it.each(["enterprises-gbk.csv", "enterprises-utf8.csv", "enterprises-utf8-bom.csv"])("%s imports with Chinese sector and level names", async (name) => {
    const res = await upload(name);
    expect(res.html).toMatch(/已导入 3 家企业/);
    const rows = await stored();
    expect(rows.map((r) => [r.creditCode, r.name, r.sectorCode, r.supervisingLevel, r.blacklisted]).sort()).toEqual([
      ["91450100MA5N00022B", "南宁市某化工有限公司（危化品仓库）", "hazardous_chemicals", "city", true],
      ["92450102MA5N000111", "南宁市兴宁区鸿运烟花爆竹批发部", "fireworks", "county", false],
      ["92450102MA5N000339", "兴宁区三塘镇建材店", "other", "township", false],
    ]);
  });

  it("a GB18030 file keeps a character GBK cannot write", async () => {
    expect((await upload("enterprises-gb18030.csv")).html).toMatch(/已导入 4 家企业/);
    const [e] = await deps.db
      .select()
      .from(enterprises)
      .where(inArray(enterprises.creditCode, ["91450102MA5N00044G"]));
    expect(e).toMatchObject({ name: "𠮷野家餐饮南宁有限公司", sectorCode: "fire_safety", supervisingLevel: "county" });
  });

  it.each(["enterprises-mojibake-utf8.csv", "enterprises-mojibake-gbk.csv"])(
    "%s (UTF-8 read as GBK, re-saved) is refused with row and column named",
    async (name) => {
      const before = (await stored()).map((r) => `${r.name}|${r.updatedAt?.toISOString()}`);
      const res = await upload(name);
      expect(res.status).toBe(400);
      expect(res.html).toContain("未导入任何数据");
      expect(res.html).toMatch(/第 2 行，name：乱码/);
      expect(res.html).toMatch(/第 2 行，sector：乱码/);
      expect(res.html).toMatch(/第 3 行，name：乱码/);
      // A short cell that lost bytes may not read back as Chinese: it is still refused, as an unknown level.
      expect(res.html).toMatch(/第 4 行，supervising_level：/);
      expect((await stored()).map((r) => `${r.name}|${r.updatedAt?.toISOString()}`)).toEqual(before);
      const en = await upload(name, "en");
      expect(en.html).toMatch(/Row 2, name: garbled text/);
    },
  );

  it("the mojibake saved as UTF-8 names what the cell should have said", async () => {
    expect((await upload("enterprises-mojibake-utf8.csv")).html).toContain("烟花爆竹");
  });
});
