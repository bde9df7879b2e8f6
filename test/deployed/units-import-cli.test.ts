import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { ROOT_DIR } from "../support/paths.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

const fixture = (name: string) => join(ROOT_DIR, "test/data/csv", name);
const fails = (p: Promise<unknown>) =>
  p.then(
    () => "",
    (err: Error) => err.message,
  );

/**
 * `npm run cli -- units:import --file …` on a file Excel saved on Chinese Windows (GBK): both units
 * created under 衡南县; the garbled re-save and a second import of the same file are refused with the row
 * named and nothing written — checked from outside, on the units page of the started service.
 */
describe.each(DB_KINDS)("units:import on the CLI, on %s", (kind) => {
  let db: ServiceDb;

  beforeAll(async () => {
    db = await serviceDb(kind);
  }, 120_000);
  afterAll(async () => db?.drop());

  it("imports a GBK unit file, refuses a garbled one and a repeated one naming the row", async () => {
    const garbledRun = await fails(runCli(db.env, ["units:import", "--file", fixture("units-mojibake-gbk.csv")]));
    expect(garbledRun).toContain("ended with 1");
    expect(garbledRun).toContain("nothing imported");
    expect(garbledRun).toMatch(/row 2, column name: garbled text \(wrong encoding\); it looks like "岐山办事/);
    expect(garbledRun).toMatch(/row 3, column name: garbled text/);

    const ok = await runCli(db.env, ["units:import", "--file", fixture("units-gbk.csv")]);
    expect(ok).toContain("imported 2 units");
    expect(ok).toMatch(/\t430422:u\d+\t岐山办事处/);
    expect(ok).toMatch(/\t430422:u\d+\t衡南县片区服务中心/);

    const again = await fails(runCli(db.env, ["units:import", "--file", fixture("units-gbk.csv")]));
    expect(again).toContain("ended with 1");
    expect(again).toContain('row 2, column name: a unit named "岐山办事处" already exists under this jurisdiction');

    await cliCreateStaff(db.env, ["--username", "unitadmin", "--role", "admin"]);
    const svc = await startService(db.env);
    try {
      const browser = new Browser(svc.url);
      await browser.login("unitadmin");
      const html = await (await browser.fetch("/admin/units?jurisdiction=430422")).text();
      expect(html.match(/岐山办事处/g)).toHaveLength(1);
      expect(html).toContain("衡南县片区服务中心");
      expect(html).not.toContain("宀愬");
    } finally {
      await svc.stop();
    }
  }, 300_000);
});
