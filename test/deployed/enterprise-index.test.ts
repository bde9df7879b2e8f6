import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

const code = (n: number) => {
  const first17 = `91450321MA5N${String(n).padStart(5, "0")}`;
  return first17 + creditCodeCheckChar(first17);
};

/**
 * The in-memory enterprise index in the started service: an enterprise imported by the CLI is matched by
 * a tip naming it (its place decides the route); renamed over HTTP on /admin, the next tip naming the new
 * name is matched and the old name no longer is — the index was refreshed without a restart.
 */
describe.each(DB_KINDS)("enterprise index in the service (npm start on %s)", (kind) => {
  let db: ServiceDb;
  const dir = mkdtempSync(join(tmpdir(), "jubao-enterprise-index-"));
  beforeAll(async () => {
    db = await serviceDb(kind);
  }, 120_000);
  afterAll(async () => db?.drop());

  it("matches an imported enterprise, then its new name after a rename on /admin", async () => {
    const file = join(dir, "enterprises.csv");
    writeFileSync(
      file,
      `name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted\n阳朔县漓江云岭烟花制造有限公司,${code(1)},fireworks,450321,county,average,no\n`,
    );
    expect(await runCli(db.env, ["enterprises:import", "--file", file])).toContain("imported 1 enterprises");
    await cliCreateStaff(db.env, ["--username", "idxadmin", "--role", "admin"]);
    const svc = await startService(db.env);
    try {
      const tip = async (enterprise: string) => {
        const res = await fetch(`${svc.url}/api/v1/tips`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text: "这家厂在居民楼里囤放大量成品，很危险", enterprise }),
        });
        const body = await res.text();
        expect(res.status, body).toBe(201);
        return JSON.parse(body).routing as { unit: { name: string }; explanation: string };
      };
      const first = await tip("漓江云岭烟花制造公司");
      expect(first.explanation).toContain("企业: 阳朔县漓江云岭烟花制造有限公司");
      expect(first.unit.name).toBe("阳朔县应急管理局"); // the enterprise's place: the tip named none

      const browser = new Browser(svc.url);
      await browser.login("idxadmin");
      const list = await (await browser.fetch("/admin/enterprises")).text();
      const id = /\/admin\/enterprises\/(\d+)/.exec(list)?.[1];
      expect(id, list).toBeDefined();
      await browser.fetch(`/admin/enterprises/${id}`); // the edit form sets the CSRF cookie
      const saved = await browser.post(`/admin/enterprises/${id}`, {
        name: "阳朔县青山花炮制造有限公司",
        creditCode: code(1),
        sectorCode: "fireworks",
        jurisdictionCode: "450321",
        supervisingLevel: "county",
        riskClass: "average",
      });
      expect(saved.status).toBe(303);
      expect(saved.headers.get("location")).toBe(`/admin/enterprises/${id}?done=1`);

      const renamed = await tip("青山花炮制造公司");
      expect(renamed.explanation).toContain("企业: 阳朔县青山花炮制造有限公司");
      const oldName = await tip("漓江云岭烟花制造公司");
      expect(oldName.explanation).not.toContain("企业:");
    } finally {
      await svc.stop();
    }
  }, 300_000);
});
