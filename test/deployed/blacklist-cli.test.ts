import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, type ServiceDb } from "../support/service.js";

const code = (n: number) => {
  const first = `91450102MA5D${String(n).padStart(5, "0")}`;
  return first + creditCodeCheckChar(first);
};

/**
 * `blacklist:import` and `blacklist:export` as an operator runs them: a file with one bad row imports
 * nothing (exit 1, the row named); the good file lists; its export imported again lists nothing new.
 */
describe.each(DB_KINDS)("blacklist:import and blacklist:export on the CLI, on %s", (kind) => {
  let db: ServiceDb;
  const dir = mkdtempSync(join(tmpdir(), "jubao-blacklist-"));
  beforeAll(async () => {
    db = await serviceDb(kind);
  }, 120_000);
  afterAll(async () => db?.drop());

  it("all or nothing, and a round trip that changes nothing", async () => {
    const enterprises = join(dir, "enterprises.csv");
    writeFileSync(
      enterprises,
      `name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted\n南宁市丁化工有限公司,${code(1)},hazardous_chemicals,450102,county,good,no\n南宁市戊建材有限公司,${code(2)},construction,450102,county,average,no\n`,
    );
    expect(await runCli(db.env, ["enterprises:import", "--file", enterprises])).toContain("imported 2 enterprises");

    const header = "credit_code,legal_basis,listing_unit,starts_on,planned_end_on,reason";
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      `${header}\n${code(1)},《安全生产法》,南宁市应急管理局,2026-10-01,,拒不整改\n${code(2)},《安全生产法》,南宁市应急管理局,2026-02-30,,拒不整改\n`,
    );
    const refused = await runCli(db.env, ["blacklist:import", "--file", bad]).then(
      () => "",
      (err: Error) => err.message,
    );
    expect(refused).toContain("nothing imported");
    expect(refused).toContain("row 3, column starts_on");
    const empty = join(dir, "empty.csv");
    await runCli(db.env, ["blacklist:export", "--out", empty]);
    expect(readFileSync(empty, "utf8").trim().split("\n")).toHaveLength(1);

    const good = join(dir, "good.csv");
    writeFileSync(good, `${header}\n${code(1)},《安全生产法》,南宁市应急管理局,2026-10-01,2027-09-30,拒不整改\n`);
    expect(await runCli(db.env, ["blacklist:import", "--file", good])).toContain("1 listed");
    const out = join(dir, "out.csv");
    await runCli(db.env, ["blacklist:export", "--out", out]);
    const exported = readFileSync(out, "utf8");
    expect(exported).toContain(`${code(1)},南宁市丁化工有限公司,《安全生产法》,南宁市应急管理局,2026-10-01,2027-09-30,拒不整改,listed`);
    expect(await runCli(db.env, ["blacklist:import", "--file", out])).toContain("0 listed, 1 skipped");
    const again = join(dir, "again.csv");
    await runCli(db.env, ["blacklist:export", "--out", again]);
    expect(readFileSync(again, "utf8")).toBe(exported);
  }, 120_000);
});
