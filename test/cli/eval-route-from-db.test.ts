import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { createDb } from "../../src/db/client.js";
import { units } from "../../src/db/schema.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { transferTip } from "../../src/app/triage/transfer-tip.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { DB_KINDS } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { ROOT_DIR } from "../support/paths.js";
import { serviceDb, type ServiceDb } from "../support/service.js";

/** `npm run eval:route -- --from-db` as an operator runs it, against DATA_DIR or DATABASE_URL. */
function evalFromDb(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "eval:route", "--", "--from-db"], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`eval:route --from-db exited ${code}:\n${out}`));
    });
  });
}

/**
 * #14 item 5: the staff corrections in a database are a labelled set. Three tips staff moved (two
 * construction tips from the housing bureau to the emergency bureau, one left to the 安委办 and forwarded
 * to the fire service) and one tip left where the router put it: the script reports sector, urgent,
 * place and unit figures over the three corrections only.
 */
describe.each(DB_KINDS)("npm run eval:route -- --from-db, on %s", (kind) => {
  let db: ServiceDb;
  beforeAll(async () => {
    db = await serviceDb(kind);
    const database = await createDb({ DATABASE_URL: db.env.DATABASE_URL, DATA_DIR: join(db.dataDir, "pglite") }, { max: 2 });
    try {
      const deps = testDeps(database);
      const unitId = async (key: string) => (await deps.db.select({ id: units.id }).from(units).where(eq(units.key, key)))[0].id;
      const actor: StaffActor = { id: 1, username: "nn", displayName: "NN", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };
      const move = async (text: string, to: string) => {
        const tip = await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区" });
        await transferTip(deps, { actor, tipId: tip.tipId, unitId: await unitId(to), reason: "工作人员改派" });
      };
      await move("兴宁区三塘镇一个工地脚手架没挂安全网", "450102:emergency");
      await move("兴宁区昆仑大道工地基坑没有支护", "450102:emergency");
      await move("有个地方天天晚上很吵，不知道该找谁", "450100:fire");
      await submitTip(deps, { channel: "web", text: "兴宁区一家商场把消防通道堵死了", place: "南宁市兴宁区" });
    } finally {
      await database.close();
    }
  }, 180_000);
  afterAll(async () => db?.drop());

  it("prints the sector table, urgent figures, places and the unit staff settled on, for the corrections only", async () => {
    const out = await evalFromDb(db.env);
    expect(out).toContain("staff corrections in the database");
    // Sector labels come from the final unit's own sectors: the fire service answers for fire safety
    // only (a label; the router said "other"); the emergency bureau answers for several, none of them
    // construction, so those two tips count for the unit figure only.
    expect(out).toContain("accuracy: 0/1 = 0.0%");
    expect(out).toMatch(/ {2}[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3} {2}fire_safety → other/);
    expect(out).toMatch(/urgent: precision n\/a \(0\/0\), recall n\/a \(0\/0\)/);
    expect(out).toMatch(/place recognised: 3\/3 \(100\.0%\)/);
    expect(out).toMatch(/unit as staff settled it: 0\/3 \(0\.0%\)/);
    expect(out).not.toContain("消防通道");
  }, 180_000);
});
