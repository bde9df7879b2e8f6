import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { decideReward } from "../../src/app/triage/decide-reward.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { tipRewards, tips, units } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const TEXT = "兴宁区某商场把消防通道堵死了，安全出口也锁着";

/** The reporter's side of a reward over HTTP: the employee question on the form and the API, the claim's refusals. */
describe.each(DB_KINDS)("reward claim over HTTP on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let staff: StaffActor;

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    const [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    staff = { id: 904, username: "fire", displayName: "Fire", role: "unit", jurisdictionCode: fire.jurisdictionCode, unitId: fire.id, locale: "zh-CN" };
  }, 240_000);
  afterAll(async () => database?.close());

  const json = (path: string, body: unknown) =>
    app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const form = (path: string, body: Record<string, string>) => app.request(path, { method: "POST", body: new URLSearchParams(body) });
  const employeeOf = async (code: string) => (await deps.db.select({ e: tips.reporterEmployee }).from(tips).where(eq(tips.trackingCode, code)))[0].e;
  const rewarded = async (code: string) => {
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code));
    await acceptTip(deps, { actor: staff, tipId: tip.id });
    await startInvestigation(deps, { actor: staff, tipId: tip.id });
    await recordResult(deps, { actor: staff, tipId: tip.id, result: "substantiated", findings: "属实", fineYuan: 50_000 });
    await decideReward(deps, { actor: staff, tipId: tip.id, basisKind: "fine" });
    return tip.id;
  };

  it("records the optional employee answer from the API and the web form", async () => {
    const yes = (await (await json("/api/v1/tips", { text: TEXT, place: "南宁市兴宁区", employee: true })).json()) as { trackingCode: string };
    const silent = (await (await json("/api/v1/tips", { text: TEXT, place: "南宁市兴宁区" })).json()) as { trackingCode: string };
    expect(await employeeOf(yes.trackingCode)).toBe(true);
    expect(await employeeOf(silent.trackingCode)).toBeNull();
    expect((await json("/api/v1/tips", { text: TEXT, employee: "maybe" })).status).toBe(400);

    const page = await (await app.request("/")).text();
    expect(page).toContain('name="employee"');
    const web = await form("/tips", { text: TEXT, county: "450102", employee: "no", formToken: "" });
    const html = await web.text();
    expect(web.status).toBe(200);
    const code = /([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})/.exec(html)![1];
    expect(await employeeOf(code)).toBe(false);
  });

  it("an employee's claim on /track without name and ID number is refused with a clear message; the API names the fields", async () => {
    const res = await json("/api/v1/tips", { text: TEXT, place: "南宁市兴宁区", employee: true });
    const receipt = (await res.json()) as { trackingCode: string; secret: string };
    const tipId = await rewarded(receipt.trackingCode);

    const status = await (await form("/track", { code: receipt.trackingCode, secret: receipt.secret })).text();
    expect(status).toContain("须实名领取");
    expect(/id="reward-amount"[^>]*>([^<]*)</.exec(status)?.[1]).toBe("7500 元");

    const refused = await form("/track/reward-claim", { code: receipt.trackingCode, secret: receipt.secret, account: "现场领取" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("请填写姓名（实名领取时必填）");
    const badId = await json("/api/v1/tips/reward-claim", { trackingCode: receipt.trackingCode, secret: receipt.secret, name: "钱二", idNumber: "<script>" });
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: "invalid_input", fields: [{ path: "idNumber" }] });
    expect((await deps.db.select().from(tipRewards).where(eq(tipRewards.tipId, tipId)))[0].status).toBe("awaiting_claim");

    const ok = await json("/api/v1/tips/reward-claim", {
      trackingCode: receipt.trackingCode,
      secret: receipt.secret,
      name: "钱二",
      idNumber: "45010219900101123X",
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ ok: true, trackingCode: receipt.trackingCode, amountYuan: 7500, status: "claimed" });
    const after = await (await form("/track", { code: receipt.trackingCode, secret: receipt.secret })).text();
    expect(after).not.toContain('action="/track/reward-claim"');
    expect(/id="reward-status"[^>]*>([^<]*)</.exec(after)?.[1]).toBe("已申领，等待发放");
  });

  it("a tip without a reward: the API says so, and an unknown receipt is not found", async () => {
    const receipt = (await (await json("/api/v1/tips", { text: TEXT, place: "南宁市兴宁区" })).json()) as { trackingCode: string; secret: string };
    const none = await json("/api/v1/tips/reward-claim", { trackingCode: receipt.trackingCode, secret: receipt.secret, account: "现场领取" });
    expect(none.status).toBe(409);
    expect(await none.json()).toMatchObject({ error: "no_reward" });
    expect((await json("/api/v1/tips/reward-claim", { trackingCode: "AAA-AAA-AAA", secret: "x", account: "现场领取" })).status).toBe(404);
    const status = (await (await json("/api/v1/tips/status", receipt)).json()) as { reward: unknown };
    expect(status.reward).toBeNull();
  });
});
