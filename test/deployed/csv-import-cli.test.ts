import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { ROOT_DIR } from "../support/paths.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

const fixture = (name: string) => join(ROOT_DIR, "test/data/csv", name);

/**
 * `npm run cli -- enterprises:import --file …` as an operator runs it on a file Excel saved on Chinese
 * Windows (GBK), then the garbled re-save: refused with the row and column named, nothing written —
 * checked from outside, on the admin page of the started service.
 */
describe.each(DB_KINDS)("enterprises:import on the CLI, on %s", (kind) => {
  let db: ServiceDb;

  beforeAll(async () => {
    db = await serviceDb(kind);
  }, 120_000);
  afterAll(async () => db?.drop());

  it("imports a GBK file and refuses a mis-encoded one naming row and column", async () => {
    const ok = await runCli(db.env, ["enterprises:import", "--file", fixture("enterprises-gbk.csv")]);
    expect(ok).toContain("imported 3 enterprises (3 new, 0 updated)");

    const refused = await runCli(db.env, ["enterprises:import", "--file", fixture("enterprises-mojibake-gbk.csv")]).then(
      () => "",
      (err: Error) => err.message,
    );
    expect(refused).toContain("ended with 1");
    expect(refused).toContain("nothing imported");
    expect(refused).toMatch(/row 2, column name: garbled text \(wrong encoding\); it looks like "南宁市兴宁区鸿运烟花爆/);
    expect(refused).toMatch(/row 2, column sector: garbled text/);

    // What was stored, seen from outside: the GBK names read back intact, and nothing of the garbled file.
    await cliCreateStaff(db.env, ["--username", "csvadmin", "--role", "admin"]);
    const svc = await startService(db.env);
    try {
      const browser = new Browser(svc.url);
      await browser.login("csvadmin");
      const html = await (await browser.fetch("/admin/enterprises")).text();
      expect(html).toContain("南宁市兴宁区鸿运烟花爆竹批发部");
      expect(html).toContain("乡镇级");
      expect(html).toContain("共 3 家");
      expect(html).not.toContain("鍗");
    } finally {
      await svc.stop();
    }
  }, 300_000);
});
