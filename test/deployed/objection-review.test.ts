import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

const GATEWAY_SECRET = "deployed-objection-gateway-secret";
const ANSWER = {
  conclusion: "举报属实",
  summary: "现场检查发现消防通道被货物堵塞",
  decision: "责令当场清理并处罚款两万元",
  rewardEligibility: "符合奖励条件，另行通知",
};
const ANSWER_EN = {
  conclusionEn: "Substantiated",
  summaryEn: "Goods blocked the fire exits",
  decisionEn: "Cleared on the spot; fined 20,000 yuan",
  rewardEligibilityEn: "Eligible; you will be told",
};
const REVIEW = {
  conclusion: "复核维持原核查结论",
  summary: "南宁市安委办复核组再次现场检查",
  decision: "维持原处理决定并督促整改",
  rewardEligibility: "维持：符合奖励条件",
};

/**
 * `npm start` with staff made by the real CLI: a web tip answered through the admin routes, objected to
 * from /track with the plain form, reviewed by the committee one tier up (南宁市 for 兴宁区) and answered
 * again — the review's answer on /track and in the API; and an SMS tip objected to by 异议 through the
 * signed webhook, its answer and the review's start delivered to the stand-in SMS provider.
 */
describe.each(DB_KINDS)("answer, objection and review through the deployed service on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  let provider: Server;
  const delivered: { to: string; text: string }[] = [];

  beforeAll(async () => {
    provider = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        delivered.push(JSON.parse(body) as { to: string; text: string });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: `fake-${delivered.length}` }));
      });
    });
    await new Promise<void>((r) => provider.listen(0, "127.0.0.1", r));
    db = await serviceDb(kind);
    // PGlite: the CLI cannot open the data directory while the server holds it, so accounts come first.
    await cliCreateStaff(db.env, ["--username", "xingning", "--role", "committee", "--jurisdiction", "450102"]);
    await cliCreateStaff(db.env, ["--username", "nanning", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService({
      ...db.env,
      SMS_PROVIDER: "generic",
      SMS_GATEWAY_SECRET: GATEWAY_SECRET,
      SMS_GATEWAY_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/send`,
    });
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
    await new Promise<void>((r) => provider?.close(() => r()));
  }, 60_000);

  const form = (path: string, body: Record<string, string>) =>
    fetch(`${svc!.url}${path}`, {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
      signal: AbortSignal.timeout(20_000),
    });
  const api = (path: string, body: unknown) =>
    fetch(`${svc!.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  async function tipIdOf(staff: Browser, code: string): Promise<string> {
    const html = await (await staff.fetch(`/admin?q=${encodeURIComponent(code)}`)).text();
    const id = new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${code}`).exec(html)?.[1];
    expect(id, `tip ${code} on the queue`).toBeTruthy();
    return id!;
  }
  async function act(staff: Browser, tipId: string, action: string, fields: Record<string, string> = {}) {
    const res = await staff.post(`/admin/tips/${tipId}/${action}`, fields);
    expect(res.status, action).toBe(303);
    expect(res.headers.get("location"), action).toBe(`/admin/tips/${tipId}?done=${action}`);
  }
  async function answerTip(staff: Browser, tipId: string, extra: Record<string, string> = {}) {
    await act(staff, tipId, "accept");
    await act(staff, tipId, "investigate");
    await act(staff, tipId, "result", { result: "substantiated", findings: "消防通道堵塞属实" });
    await act(staff, tipId, "close", { ...ANSWER, ...extra });
  }
  const waitForSms = async (to: string, pattern: RegExp): Promise<string> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const hit = delivered.find((m) => m.to === to && pattern.test(m.text));
      if (hit) return hit.text;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`timed out waiting for an SMS to ${to} matching ${pattern}`);
  };

  it("a web tip: answered, objected to from /track, reviewed by 南宁市 and answered again, on /track and in the API", async () => {
    const sent = await form("/tips", {
      text: "兴宁区朝阳路一家商场把消防通道堆满货物，安全出口也锁着",
      county: "450102",
      sector: "fire_safety",
      lang: "zh-CN",
    });
    const receiptPage = await sent.text();
    expect(sent.status, receiptPage.slice(0, 300)).toBe(200);
    const code = /id="tracking-code">([^<]+)</.exec(receiptPage)![1];
    const secret = /id="secret">([^<]+)</.exec(receiptPage)![1];

    const xingning = new Browser(svc!.url);
    await xingning.login("xingning");
    const tipId = await tipIdOf(xingning, code);
    await answerTip(xingning, tipId, ANSWER_EN);

    const track = await form("/track", { code, secret, lang: "zh-CN" });
    const trackHtml = await track.text();
    expect(track.status).toBe(200);
    const answerBlock = /<section id="answer"[\s\S]*?<\/section>/.exec(trackHtml)?.[0] ?? "";
    for (const v of Object.values(ANSWER)) expect(answerBlock).toContain(v);
    expect(answerBlock).toContain("核查结论");
    expect(trackHtml).toContain('action="/track/objection"');
    // The English page shows staff's English version.
    const english = await (await form("/track", { code, secret, lang: "en" })).text();
    expect(/<section id="answer"[\s\S]*?<\/section>/.exec(english)?.[0]).toContain("Goods blocked the fire exits");

    const objected = await form("/track/objection", { code, secret, lang: "zh-CN", text: "我不服：商场晚上又把货物堆回通道了" });
    const objectedHtml = await objected.text();
    expect(objected.status, objectedHtml.slice(0, 300)).toBe(200);
    expect(objectedHtml).toContain('id="objection-sent"');
    expect(objectedHtml).toContain("已提出异议，待复核");
    expect(objectedHtml).not.toContain('action="/track/objection"');

    // The county itself may not review its own answer; the committee one tier up does.
    expect((await xingning.post(`/admin/tips/${tipId}/review-start`, {})).status).toBe(403);
    const nanning = new Browser(svc!.url);
    await nanning.login("nanning");
    const page = await (await nanning.fetch(`/admin/tips/${tipId}`)).text();
    expect(page).toContain('id="form-review-start"');
    expect(page).toContain("我不服：商场晚上又把货物堆回通道了");
    await act(nanning, tipId, "review-start", { message: "复核组将于本周内到现场" });
    await act(nanning, tipId, "review-close", REVIEW);

    const after = await (await form("/track", { code, secret, lang: "zh-CN" })).text();
    const reviewBlock = /<section id="review-answer"[\s\S]*?<\/section>/.exec(after)?.[0] ?? "";
    for (const v of Object.values(REVIEW)) expect(reviewBlock).toContain(v);
    expect(after).toContain("上级安委办已开始复核");
    expect(after).toContain("复核组将于本周内到现场");
    expect(after).not.toContain('action="/track/objection"');

    const status = await api("/api/v1/tips/status", { trackingCode: code, secret });
    const json = (await status.json()) as {
      status: string;
      answer: Record<string, string>;
      objection: { open: boolean; objectedAt: string | null; text: string };
      review: { startedAt: string | null; answer: Record<string, string> };
      history: { event: string }[];
    };
    expect(json.status).toBe("closed");
    expect(json.answer).toMatchObject({ ...ANSWER, language: "zh-CN" });
    expect(json.objection).toMatchObject({ open: false, text: "我不服：商场晚上又把货物堆回通道了" });
    expect(json.objection.objectedAt).toBeTruthy();
    expect(json.review.startedAt).toBeTruthy();
    expect(json.review.answer).toMatchObject(REVIEW);
    expect(json.history.map((e) => e.event)).toEqual(expect.arrayContaining(["closed", "objected", "review_started", "reviewed"]));
    const en = (await (await api("/api/v1/tips/status", { trackingCode: code, secret, lang: "en" })).json()) as { answer: Record<string, string> };
    expect(en.answer).toMatchObject({ conclusion: "Substantiated", language: "en" });

    const again = await api("/api/v1/tips/objection", { trackingCode: code, secret, text: "还是不服" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: "objection_refused", reason: "final" });
    expect((await api("/api/v1/tips/objection", { trackingCode: code, secret: "WRONG-SECRET", text: "不服" })).status).toBe(404);

    const audit = await (await nanning.fetch("/admin/audit")).text();
    for (const action of ["tip.objected", "tip.review_started", "tip.reviewed"]) expect(audit).toContain(action);
  }, 180_000);

  let n = 0;
  const sms = async (from: string, text: string): Promise<string> => {
    const body = JSON.stringify({ from, text, id: `objection-${kind}-${++n}` });
    const res = await fetch(`${svc!.url}/sms/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex") },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { reply: string }).reply;
  };

  it("an SMS tip: the answer reaches the phone, 查询 shows it, 异议 through the signed webhook objects, and the review's start is sent", async () => {
    const phone = "+8613900200001";
    const receipt = await sms(phone, "南宁市兴宁区民族大道一家化工厂夜里偷偷排放有毒气体，附近居民头晕");
    const [, code, secret] = /查询码([A-Z0-9-]{11}) 密钥([A-Z0-9-]{29})/.exec(receipt) ?? [];
    expect(secret, receipt).toBeDefined();

    const nanning = new Browser(svc!.url);
    await nanning.login("nanning");
    const tipId = await tipIdOf(nanning, code);
    await answerTip(nanning, tipId);
    const answer = await waitForSms(phone, /核查结论/);
    for (const v of Object.values(ANSWER)) expect(answer).toContain(v);
    expect(answer).toContain(`异议 ${code} 密钥 理由`);

    expect(await sms(phone, `查询 ${code} ${secret}`)).toMatch(new RegExp(`^${code}：已办结。结论：举报属实；`));
    const reply = await sms(phone, `异议 ${code} ${secret} 工厂晚上还在排放，处理决定没有执行`);
    expect(reply).toMatch(new RegExp(`^异议已提交（${code}），上级安委办将于 \\d{4}-\\d{2}-\\d{2} 前开始复核。$`));
    expect(await sms(phone, `异议 ${code} ${secret} 再提一次`)).toBe(`${code} 已提出过异议，正在等待或进行复核。`);

    const status = (await (await api("/api/v1/tips/status", { trackingCode: code, secret })).json()) as { status: string; objection: { text: string } };
    expect(status).toMatchObject({ status: "objected", objection: { text: "工厂晚上还在排放，处理决定没有执行" } });

    await act(nanning, tipId, "review-start");
    expect(await waitForSms(phone, /开始复核/)).toContain(code);
  }, 180_000);
});
