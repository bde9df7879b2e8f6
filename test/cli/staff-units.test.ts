import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, type ServiceDb } from "../support/service.js";
import { cliCreateStaff } from "../deployed/http-support.js";

/** The staff:* and unit:* commands as an operator types them (`npm run cli -- …`), on a seeded database. */
describe.each(DB_KINDS)("staff and unit commands as processes on %s", (kind) => {
  let db: ServiceDb;
  const cli = (args: string[]) => runCli({ ...db.env, LOG_LEVEL: "error" }, args);

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "cli-fire", "--role", "unit", "--unit", "430422:fire"]);
  }, 120_000);
  afterAll(async () => db?.drop(), 60_000);

  it("staff: list, reset link, disable, enable, reset TOTP", async () => {
    expect(await cli(["staff:list"])).toMatch(/cli-fire\s+unit\s+active .*last sign-in never .*衡南县消防救援大队/);
    const reset = await cli(["staff:reset-password", "--username", "cli-fire"]);
    expect(reset).toMatch(/\/admin\/password-reset\/[A-Za-z0-9_-]{20,}\n/);
    expect(await cli(["staff:disable", "--username", "cli-fire"])).toMatch(/^disabled account \d+\n$/);
    expect(await cli(["staff:enable", "--username", "cli-fire"])).toMatch(/^enabled account \d+\n$/);
    expect(await cli(["staff:reset-totp", "--username", "cli-fire"])).toMatch(/had no authenticator/);
  }, 400_000);

  it("units: create 岐山办事处 under 衡南县, rename it, retire a unit into it after a preview", async () => {
    const created = await cli(["unit:create", "--jurisdiction", "430422", "--name", "岐山办事处", "--sectors", "fireworks", "--route"]);
    const key = /created unit \d+ \((430422:u\d+)\)/.exec(created)?.[1];
    expect(key, created).toBeTruthy();
    expect(await cli(["unit:rename", "--unit", key!, "--name", "岐山街道办事处"])).toMatch(/^renamed unit \d+\n$/);
    // Without --confirm: what would move, nothing changed, exit 3.
    const preview = await cli(["unit:retire", "--unit", "430422:fire", "--into", key!, "--reason", "机构改革"]).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(preview).toContain("ended with 3");
    expect(preview).toMatch(/routing rules moved:\s+[1-9]/);
    expect(preview).toMatch(/unit accounts stopped:\s+1/);
    expect(preview).toContain("nothing changed");
    const done = await cli(["unit:retire", "--unit", "430422:fire", "--into", key!, "--reason", "机构改革", "--confirm"]);
    expect(done).toMatch(/^retired 衡南县消防救援大队/);
    expect(await cli(["staff:list"])).toMatch(/cli-fire\s+unit\s+disabled/);
    await expect(cli(["unit:merge", "--unit", "430422:fire", "--into", key!, "--reason", "再来一次", "--confirm"])).rejects.toThrow(/already retired/);
    // No server runs here, so nothing links the chain every second: link once, as an operator would, so the
    // check does not depend on how fast a loaded machine ran the commands above (60 s window).
    expect(await cli(["audit:link"])).toMatch(/entries linked/);
    const verify = await cli(["audit:verify"]);
    expect(verify).toContain("chain intact");
  }, 400_000);
});
