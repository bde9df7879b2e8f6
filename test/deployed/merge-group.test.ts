import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

const GATEWAY_SECRET = "merge-group-gateway-secret";
const SMS_PHONE = "+8613900180077";

interface Receipt {
  channel: string;
  trackingCode: string;
  secret: string;
}

/**
 * `npm start` with the generic SMS gateway pointed at a local fake provider: three reporters (web form,
 * JSON API, SMS) tell of one matter; staff see the duplicates on the tip page and merge them in one
 * click each; once the handled tip is closed every reporter reads the combined answer — on the API and
 * in the SMS the provider received — and none of them ever sees another reporter's tracking code.
 */
describe.each(DB_KINDS)("a merge group of three reporters, through the deployed service, on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service;
  let gateway: Server;
  const sent: { to: string; text: string }[] = [];
  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        sent.push(JSON.parse(body) as { to: string; text: string });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `fake-${sent.length}` }));
      });
    });
    await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "merge-clerk", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService({
      ...db.env,
      SMS_PROVIDER: "generic",
      SMS_GATEWAY_SECRET: GATEWAY_SECRET,
      SMS_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`,
    });
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
    await new Promise((r) => gateway?.close(r));
  }, 60_000);

  it("merges the three in one click each; all three reporters get the combined answer, each under their own code only", async () => {
    const web = await fetch(`${svc.url}/tips`, {
      method: "POST",
      body: new URLSearchParams({ text: "兴宁区宏达建筑工地脚手架没有安全网，工人高空作业不系安全带", county: "450102", sector: "construction" }),
    });
    const webHtml = await web.text();
    expect(web.status, webHtml.slice(0, 300)).toBe(200);
    const webReceipt: Receipt = {
      channel: "web",
      trackingCode: /id="tracking-code">([^<]+)</.exec(webHtml)![1],
      secret: /id="secret">([^<]+)</.exec(webHtml)![1],
    };
    const api = await fetch(`${svc.url}/api/v1/tips`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "宏达建筑工地的脚手架没有挂安全网，高处作业的工人也没系安全带", jurisdictionCode: "450102", sector: "construction" }),
    });
    expect(api.status).toBe(201);
    const apiReceipt: Receipt = { channel: "api", ...((await api.json()) as { trackingCode: string; secret: string }) };
    const smsBody = JSON.stringify({ from: SMS_PHONE, text: "南宁市兴宁区宏达建筑工地脚手架没安全网，工人不系安全带很危险", id: "merge-group-1" });
    const sms = await fetch(`${svc.url}/sms/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(smsBody).digest("hex") },
      body: smsBody,
    });
    const reply = ((await sms.json()) as { reply: string }).reply;
    const [, smsCode, smsSecret] = /查询码([A-Z0-9-]{11}) 密钥([A-Z0-9-]{29})/.exec(reply) ?? [];
    expect(smsSecret, reply).toBeDefined();
    const smsReceipt: Receipt = { channel: "sms", trackingCode: smsCode, secret: smsSecret };
    const receipts = [webReceipt, apiReceipt, smsReceipt];
    const codes = receipts.map((r) => r.trackingCode);

    const clerk = new Browser(svc.url);
    await clerk.login("merge-clerk");
    const queue = await (await clerk.fetch("/admin")).text();
    const idOf = (code: string) => new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${code}`).exec(queue)?.[1];
    const [webId, apiId, smsId] = codes.map(idOf);
    expect([webId, apiId, smsId].every(Boolean), queue.slice(0, 200)).toBe(true);

    // The first tip's page suggests the two later ones, scored, each with a one-click merge into it.
    const page = await (await clerk.fetch(`/admin/tips/${webId}`)).text();
    const section = /<section class="card" id="duplicates">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? "";
    expect(section).toContain(apiReceipt.trackingCode);
    expect(section).toContain(smsReceipt.trackingCode);
    for (const id of [apiId, smsId]) {
      const form = new RegExp(`<form method="post" action="(/admin/tips/${id}/merge)">([\\s\\S]*?)</form>`).exec(section);
      expect(form, `merge button for ${id}`).toBeTruthy();
      const hidden = Object.fromEntries([...form![2].matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      expect(hidden.intoTipId).toBe(webId);
      const merged = await clerk.post(form![1], { intoTipId: hidden.intoTipId, back: hidden.back });
      expect(merged.headers.get("location")).toBe(`/admin/tips/${webId}?done=merge`);
    }
    expect(await (await clerk.fetch(`/admin/tips/${webId}`)).text()).not.toContain('id="duplicates"');

    // Staff name the other tips in the answer, as they do; no reporter may read another's code.
    const answer = {
      conclusion: "举报属实",
      summary: `现场检查属实，与 ${apiReceipt.trackingCode}、${smsReceipt.trackingCode.replace(/-/g, "")} 并案办理`,
      decision: "责令停工整改，罚款三万元",
      rewardEligibility: `首位举报人（${webReceipt.trackingCode}）符合奖励条件`,
    };
    for (const [action, form] of [
      ["accept", {}],
      ["investigate", {}],
      ["result", { result: "substantiated", findings: "脚手架无安全网属实", fineYuan: "30000" }],
      ["close", answer],
    ] as const) {
      const res = await clerk.post(`/admin/tips/${webId}/${action}`, form);
      expect(res.headers.get("location"), action).toBe(`/admin/tips/${webId}?done=${action}`);
    }

    for (const r of receipts) {
      const res = await fetch(`${svc.url}/api/v1/tips/status`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ trackingCode: r.trackingCode, secret: r.secret }),
      });
      expect(res.status).toBe(200);
      const body = await res.text();
      const view = JSON.parse(body) as { answer: { conclusion: string; summary: string; decision: string; rewardEligibility: string } | null };
      expect(view.answer, r.channel).toMatchObject({ conclusion: "举报属实", decision: "责令停工整改，罚款三万元" });
      expect(view.answer!.summary).toContain("现场检查属实");
      const others = codes.filter((c) => c !== r.trackingCode);
      for (const other of others) {
        expect(body, `${r.channel} sees ${other}`).not.toContain(other);
        expect(body.toUpperCase()).not.toContain(other.replace(/-/g, ""));
      }
      const track = await fetch(`${svc.url}/track`, { method: "POST", body: new URLSearchParams({ code: r.trackingCode, secret: r.secret }) });
      const trackHtml = await track.text();
      expect(track.status).toBe(200);
      for (const other of others) expect(trackHtml.toUpperCase()).not.toContain(other.replace(/-/g, ""));
    }

    // The SMS reporter gets the answer on their phone, through the provider, under their own code only.
    const deadline = Date.now() + 30_000;
    let answerSms: { to: string; text: string } | undefined;
    while (!answerSms && Date.now() < deadline) {
      answerSms = sent.find((m) => m.to === SMS_PHONE && m.text.includes("责令停工整改"));
      if (!answerSms) await new Promise((r) => setTimeout(r, 250));
    }
    expect(answerSms, JSON.stringify(sent)).toBeDefined();
    expect(answerSms!.text).toContain(smsReceipt.trackingCode);
    expect(answerSms!.text).toContain("举报属实");
    for (const other of codes.filter((c) => c !== smsReceipt.trackingCode)) {
      expect(answerSms!.text).not.toContain(other);
      expect(answerSms!.text.toUpperCase()).not.toContain(other.replace(/-/g, ""));
    }

    // The API reporter, merged, objects under their own code; the matter goes to review by 南宁市 (one tier
    // up from 兴宁区), and the review's answer reaches all three, each under their own code only.
    const objection = await fetch(`${svc.url}/api/v1/tips/objection`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: apiReceipt.trackingCode, secret: apiReceipt.secret, text: "安全网只挂了一半" }),
    });
    const objected = (await objection.json()) as { trackingCode: string };
    expect(objection.status, JSON.stringify(objected)).toBe(201);
    expect(objected.trackingCode).toBe(apiReceipt.trackingCode);
    const review = { conclusion: "复核维持原结论", summary: "复核组再次到现场", decision: "维持处理决定", rewardEligibility: "不变" };
    for (const [action, form] of [
      ["review-start", {}],
      ["review-close", review],
    ] as const) {
      const res = await clerk.post(`/admin/tips/${webId}/${action}`, form);
      expect(res.headers.get("location"), action).toBe(`/admin/tips/${webId}?done=${action}`);
    }
    for (const r of receipts) {
      const res = await fetch(`${svc.url}/api/v1/tips/status`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ trackingCode: r.trackingCode, secret: r.secret }),
      });
      const body = await res.text();
      expect((JSON.parse(body) as { review: { answer: unknown } | null }).review?.answer, r.channel).toMatchObject(review);
      for (const other of codes.filter((c) => c !== r.trackingCode)) expect(body, `${r.channel} sees ${other}`).not.toContain(other);
    }
    const reviewDeadline = Date.now() + 30_000;
    let reviewSms: { to: string; text: string } | undefined;
    while (!reviewSms && Date.now() < reviewDeadline) {
      reviewSms = sent.find((m) => m.to === SMS_PHONE && m.text.includes("复核维持原结论"));
      if (!reviewSms) await new Promise((r) => setTimeout(r, 250));
    }
    expect(reviewSms, JSON.stringify(sent)).toBeDefined();
    expect(reviewSms!.text).toContain(smsReceipt.trackingCode);
    for (const other of codes.filter((c) => c !== smsReceipt.trackingCode)) expect(reviewSms!.text).not.toContain(other);
  }, 150_000);
});
