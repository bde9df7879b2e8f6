import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

/**
 * #12 item 5 on the wire: `npm start`, a tip from the JSON API substantiated with a fine, the reward
 * calculated and decided over the admin HTTP routes, the reporter reading amount and deadline from
 * /api/v1/tips/status, claiming on the /track form, staff recording the payment, the reporter seeing 已发放.
 */
const GATEWAY_SECRET = "deployed-reward-gateway-3";

describe.each(DB_KINDS)("a reward from calculation to payment (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "reward-nanning", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService({ ...db.env, SMS_PROVIDER: "generic", SMS_GATEWAY_SECRET: GATEWAY_SECRET });
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  const api = async (path: string, body: unknown) => {
    const res = await fetch(`${svc.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** A signed SMS to the real POST /sms/inbound; the reply comes back in the response. */
  let n = 0;
  const sms = async (from: string, text: string): Promise<string> => {
    const body = JSON.stringify({ from, text, id: `deployed-reward-${++n}` });
    const res = await fetch(`${svc.url}/sms/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex") },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { reply: string }).reply;
  };

  it("calculates, tells, is claimed on /track, is paid, and the reporter sees 已发放", async () => {
    const submitted = await api("/api/v1/tips", {
      text: "南宁市兴宁区某商场把消防通道堵死了，安全出口也锁着",
      jurisdictionCode: "450102",
      sector: "fire_safety",
      employee: false,
    });
    expect(submitted.status).toBe(201);
    const receipt = submitted.body as { trackingCode: string; secret: string };

    const staff = new Browser(svc.url);
    await staff.login("reward-nanning");
    const queue = await (await staff.fetch("/admin")).text();
    const tipId = new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${receipt.trackingCode}`).exec(queue)?.[1];
    expect(tipId, "the tip on the queue").toBeTruthy();
    const act = async (action: string, form: Record<string, string>) => {
      const res = await staff.post(`/admin/tips/${tipId}/${action}`, form);
      expect(res.status, action).toBe(303);
      return res.headers.get("location") ?? "";
    };
    expect(await act("accept", {})).toContain("done=accept");
    expect(await act("investigate", {})).toContain("done=investigate");
    expect(await act("result", { result: "substantiated", findings: "现场查实消防通道堵塞", measures: "责令整改，罚款", fineYuan: "200000" })).toContain(
      "done=result",
    );

    // The reward section proposes 15% of the recorded fine.
    const page = await (await staff.fetch(`/admin/tips/${tipId}`)).text();
    expect(page).toContain('id="reward"');
    expect(/id="reward-proposal"[^>]*>([^<]*)</.exec(page)?.[1]).toContain("30000");

    // Another amount without a reason is refused on the page; the proposal is accepted.
    expect(await act("reward", { basisKind: "fine", fineYuan: "200000", amountYuan: "45000" })).toContain("error=deviation_reason_required");
    const refused = await (await staff.fetch(`/admin/tips/${tipId}?error=deviation_reason_required`)).text();
    expect(refused).toContain("请填写调整理由");
    expect(await act("reward", { basisKind: "fine", fineYuan: "200000", reporterEmployee: "no" })).toContain("done=reward");

    // The reporter reads the amount and the deadline.
    const told = await api("/api/v1/tips/status", { trackingCode: receipt.trackingCode, secret: receipt.secret });
    expect(told.status).toBe(200);
    const reward = told.body.reward as { status: string; amountYuan: number; claimBy: string };
    expect(reward).toMatchObject({ status: "awaiting_claim", amountYuan: 30000 });
    expect(reward.claimBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Date.parse(reward.claimBy)).toBeGreaterThan(Date.now() + 59 * 24 * 3600_000);
    // The same on an SMS 查询 with the receipt (any phone: the receipt is the proof).
    expect(await sms("+8613900170001", `查询 ${receipt.trackingCode} ${receipt.secret}`)).toContain(
      `奖励30,000元待领取，${reward.claimBy}前凭查询码和密钥在网站申领`,
    );

    // A wrong secret claims nothing; then the claim on the /track form (no JavaScript: a plain POST).
    expect((await api("/api/v1/tips/reward-claim", { trackingCode: receipt.trackingCode, secret: "WRONG-SECRET", account: "x1234" })).status).toBe(404);
    const trackPage = await (
      await fetch(`${svc.url}/track`, { method: "POST", body: new URLSearchParams({ code: receipt.trackingCode, secret: receipt.secret }) })
    ).text();
    expect(trackPage).toContain('action="/track/reward-claim"');
    expect(trackPage).toContain(reward.claimBy);
    const claimed = await fetch(`${svc.url}/track/reward-claim`, {
      method: "POST",
      body: new URLSearchParams({ code: receipt.trackingCode, secret: receipt.secret, name: "赵一", idNumber: "", account: "6222 0200 1234 5678" }),
    });
    const claimedHtml = await claimed.text();
    expect(claimed.status, claimedHtml.slice(0, 300)).toBe(200);
    expect(claimedHtml).toContain("已收到您的申领");
    expect((await api("/api/v1/tips/reward-claim", { trackingCode: receipt.trackingCode, secret: receipt.secret, account: "again" })).body.error).toBe(
      "already_claimed",
    );

    // Staff see the claimant's details only in the reward section, then record the payment once.
    const claimedPage = await (await staff.fetch(`/admin/tips/${tipId}`)).text();
    expect(/id="reward-claimant"[^>]*>([^<]*)</.exec(claimedPage)?.[1]).toContain("赵一");
    const list = await (await staff.fetch("/admin/rewards")).text();
    expect(list).toContain(receipt.trackingCode);
    expect(list).not.toContain("赵一");
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await act("reward-payment", { paidOn: today, way: "bank_transfer", reference: "NN-2026-0001" })).toContain("done=reward-payment");
    expect(await act("reward-payment", { paidOn: today, way: "cash", reference: "again" })).toContain("error=reward_paid");

    const paid = await api("/api/v1/tips/status", { trackingCode: receipt.trackingCode, secret: receipt.secret });
    expect(paid.body.reward).toMatchObject({ status: "paid", amountYuan: 30000, paidOn: today });
    const finalPage = await (
      await fetch(`${svc.url}/track`, { method: "POST", body: new URLSearchParams({ code: receipt.trackingCode, secret: receipt.secret }) })
    ).text();
    expect(/id="reward-status"[^>]*>([^<]*)</.exec(finalPage)?.[1]).toBe("已发放");
    expect(await sms("+8613900170001", `STATUS ${receipt.trackingCode} ${receipt.secret}`)).toContain(`Reward 30,000 yuan paid on ${today}`);
    expect(finalPage).not.toContain('action="/track/reward-claim"');
  }, 120_000);
});
