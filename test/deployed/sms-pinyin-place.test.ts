import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

const GATEWAY_SECRET = "deployed-pinyin-place-secret";

/**
 * #14 item 3 on `npm start`: an English SMS (no place field) that names only a township in pinyin
 * ("Xingping", 兴坪镇 of 阳朔县) is routed to a unit of 阳朔县, and one that names a Hengnan township
 * with the southern -ng/-n merger ("Santan town, Hengnan") to a unit of 衡南县 rather than to Bobai's
 * real 三滩镇. Seen on the staff tip page of a province-level committee account. Signed generic webhook.
 */
describe.each(DB_KINDS)("an English SMS naming a township in pinyin, on the deployed service, on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  const env = () => ({ ...db.env, SMS_PROVIDER: "generic", SMS_GATEWAY_SECRET: GATEWAY_SECRET });

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "gx-places", "--role", "committee", "--jurisdiction", "450000"]);
    await cliCreateStaff(db.env, ["--username", "hn-places", "--role", "committee", "--jurisdiction", "430422"]);
    svc = await startService(env());
  }, 300_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  });

  let n = 0;
  const sms = async (from: string, text: string): Promise<string> => {
    const body = JSON.stringify({ from, text, id: `pinyin-place-${++n}` });
    const res = await fetch(`${svc!.url}/sms/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex") },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { reply: string }).reply;
  };
  const tipPage = async (user: string, receipt: string): Promise<string> => {
    const code = /Code ([A-Z0-9-]{11})/.exec(receipt)?.[1];
    expect(code, receipt).toBeDefined();
    const staff = new Browser(svc!.url);
    await staff.login(user);
    const queue = await (await staff.fetch(`/admin?q=${encodeURIComponent(code!)}`)).text();
    const id = new RegExp(`href="/admin/tips/(\\d+)">${code}<`).exec(queue)?.[1];
    expect(id, queue.slice(0, 300)).toBeDefined();
    return (await staff.fetch(`/admin/tips/${id}`)).text();
  };

  it("routes 'Xingping' to a unit of 阳朔县", async () => {
    const receipt = await sms(
      "+8613900182001",
      "Building site for a new hotel in Xingping, the scaffold is leaning and has no netting, workers on it every day",
    );
    const page = await tipPage("gx-places", receipt);
    expect(page).toContain("广西壮族自治区桂林市阳朔县兴坪镇");
    expect(/id="tip-unit">([^<]*)</.exec(page)?.[1]).toContain("阳朔");
  }, 120_000);

  it("routes 'Hengnan Santan town' to a unit of 衡南县, not to Bobai's 三滩镇", async () => {
    const receipt = await sms("+8613900182002", "overload sand trucks Hengnan Santan town every night, sand falling on the road, no cover, quarry trucks");
    const page = await tipPage("hn-places", receipt);
    expect(page).toContain("湖南省衡阳市衡南县三塘镇");
    expect(/id="tip-unit">([^<]*)</.exec(page)?.[1]).toContain("衡南");
  }, 120_000);
});
