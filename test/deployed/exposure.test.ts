import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders } from "./http-support.js";

/**
 * #16 items 1 and 2 on the wire: `npm start`, two committee accounts made with the CLI. A tip from the
 * public API (with a contact) is closed over the admin routes; one person prepares a 曝光台 entry from it,
 * cannot publish it herself, a second person approves it; /public, the Atom feed and the JSON show the
 * staff-written entry and nothing of the reporter or the tip; withdrawn, it leaves only the notice.
 */
describe.each(DB_KINDS)("曝光台 publish and withdraw (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "exp-alice", "--role", "committee", "--jurisdiction", "450100"]);
    await cliCreateStaff(db.env, ["--username", "exp-bob", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("prepared by one, approved by another, public with its feeds, then withdrawn to a notice", async () => {
    const TIP_TEXT = "南宁市兴宁区某商场消防通道被货物堵死，我是保安王小明，夜班时安全出口上锁";
    const res = await fetch(`${svc.url}/api/v1/tips`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: TIP_TEXT, jurisdictionCode: "450102", sector: "fire_safety", contact: "13912345678", consent: true }),
    });
    expect(res.status).toBe(201);
    const { trackingCode } = (await res.json()) as { trackingCode: string };

    const alice = new Browser(svc.url);
    await alice.login("exp-alice");
    const queue = await (await alice.fetch("/admin")).text();
    const tipId = new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${trackingCode}`).exec(queue)?.[1];
    const act = async (action: string, form: Record<string, string>) => {
      const r = await alice.post(`/admin/tips/${tipId}/${action}`, form);
      expect(r.headers.get("location"), action).toContain(`done=${action}`);
    };
    // An open tip cannot be exposed yet.
    const early = await alice.post("/admin/exposure", {
      kind: "hazard",
      source: "tip",
      sourceRef: trackingCode,
      enterpriseName: "南宁市某商场",
      findings: "消防通道被货物堵塞，安全出口上锁",
      measures: "责令立即清理通道，罚款二万元",
      occurredOn: today(),
    });
    expect(early.headers.get("location")).toContain("error=conflict");
    await act("accept", {});
    await act("investigate", {});
    await act("result", { result: "substantiated", findings: "现场查实", measures: "责令整改" });
    await act("close", { conclusion: "举报属实", summary: "现场检查属实", decision: "责令整改", rewardEligibility: "不符合奖励条件" });

    const prepared = await alice.post("/admin/exposure", {
      kind: "hazard",
      source: "tip",
      sourceRef: trackingCode,
      enterpriseName: "南宁市某商场",
      findings: "消防通道被货物堵塞，安全出口上锁",
      measures: "责令立即清理通道，罚款二万元",
      occurredOn: today(),
    });
    expect(prepared.headers.get("location")).toContain("done=1");
    const page = await (await alice.fetch("/admin/exposure")).text();
    const id = /id="entry-(\d+)"/.exec(page)?.[1];
    expect(id).toBeTruthy();
    expect(page).not.toContain(`/admin/exposure/${id}/approve`);
    const own = await alice.post(`/admin/exposure/${id}/approve`, {});
    expect(own.headers.get("location")).toContain("error=forbidden");
    expect(await (await fetch(`${svc.url}/public`)).text()).not.toContain("消防通道被货物堵塞");

    const bob = new Browser(svc.url);
    await bob.login("exp-bob");
    const approved = await bob.post(`/admin/exposure/${id}/approve`, {});
    expect(approved.headers.get("location")).toContain("done=1");

    const board = await fetch(`${svc.url}/public?area=450100`);
    expectSecurityHeaders(board, "GET /public");
    const html = await board.text();
    expect(html).not.toContain("<script");
    expect(html).toContain("消防通道被货物堵塞，安全出口上锁");
    expect(html).toContain("南宁市某商场");
    expect(html).toContain("兴宁区");
    const json = await (await fetch(`${svc.url}/public/exposures.json`)).text();
    const atom = await (await fetch(`${svc.url}/public/exposures.atom`)).text();
    expect(JSON.parse(json).items).toEqual([expect.objectContaining({ id: Number(id), status: "published", findings: "消防通道被货物堵塞，安全出口上锁" })]);
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom).toContain("消防通道被货物堵塞");
    for (const [label, body] of [
      ["page", html],
      ["json", json],
      ["atom", atom],
    ]) {
      for (const secret of [trackingCode, "王小明", "13912345678", TIP_TEXT.slice(0, 20), "exp-alice", "exp-bob", "现场检查属实"])
        expect(body, `${label} shows ${secret}`).not.toContain(secret);
    }

    const withdrawn = await bob.post(`/admin/exposure/${id}/withdraw`, { reason: "企业对认定提出异议，待复核" });
    expect(withdrawn.headers.get("location")).toContain("done=1");
    const after = await (await fetch(`${svc.url}/public`)).text();
    expect(after).not.toContain("消防通道被货物堵塞");
    expect(after).toContain(`此条曝光已于 ${today()} 撤回。`);
    expect(after).not.toContain("企业对认定提出异议");
    const afterJson = JSON.parse(await (await fetch(`${svc.url}/public/exposures.json`)).text());
    expect(afterJson.items).toEqual([{ id: Number(id), kind: "hazard", status: "withdrawn", withdrawnOn: today() }]);
    const afterAtom = await (await fetch(`${svc.url}/public/exposures.atom?lang=en`)).text();
    expect(afterAtom).not.toContain("消防通道被货物堵塞");
    expect(afterAtom).toContain(`This entry was withdrawn on ${today()}.`);
  }, 120_000);
});

function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
