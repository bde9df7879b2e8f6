import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

/**
 * The learned layer on the wire (`npm start`, #14): a web tip the rules alone leave to the 宾阳县安委办 (a sugar
 * mill, "gas testing" split between two sectors) is routed by the combined router to the county's emergency
 * management bureau (工贸), and the tip page names the words behind it.
 */
describe.each(DB_KINDS)("the combined router on the deployed service (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    // PGlite: the CLI cannot open the data directory while the server holds it, so the account comes first.
    await cliCreateStaff(db.env, ["--username", "rl-nanning", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("routes a sugar-mill tip in English to 宾阳县应急管理局, not to manual triage", async () => {
    const res = await fetch(`${svc.url}/api/v1/tips`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      signal: AbortSignal.timeout(20_000),
      body: JSON.stringify({ text: "Workers at the sugar mill in Binyang county clean the molasses tank without any gas testing" }),
    });
    expect(res.status).toBe(201);
    const code = ((await res.json()) as { trackingCode: string }).trackingCode;

    const staff = new Browser(svc.url);
    await staff.login("rl-nanning");
    const queue = await (await staff.fetch("/admin")).text();
    const id = new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${code}`).exec(queue)?.[1];
    expect(id, `${code} on the queue`).toBeTruthy();
    const page = await (await staff.fetch(`/admin/tips/${id}`)).text();
    expect(page).toContain("宾阳县应急管理局");
    expect(page).toMatch(/行业: 工贸[^<]*mill/);
    expect(page).not.toContain("人工分办");
  }, 120_000);
});
