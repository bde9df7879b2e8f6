import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders } from "./http-support.js";

/**
 * #16 item 3 on the wire: `npm start`, tips from the public JSON API (five in Nanning, fire safety; three
 * in Guilin, construction), four accepted and three substantiated and closed over the admin HTTP routes, then
 * /public/stats and its CSV read from outside: the figures are there, and no 1 or 2 is, nor a total
 * that would give one back.
 */
describe.each(DB_KINDS)("public statistics (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "stats-nanning", "--role", "committee", "--jurisdiction", "450100"]);
    await cliCreateStaff(db.env, ["--username", "stats-guilin", "--role", "committee", "--jurisdiction", "450300"]);
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  const tip = async (text: string, jurisdictionCode: string, sector: string) => {
    const res = await fetch(`${svc.url}/api/v1/tips`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, jurisdictionCode, sector }),
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { trackingCode: string }).trackingCode;
  };

  it("shows the counts, hides 1 and 2 and the cell that would give them back, in the page, the chart and the CSV", async () => {
    const nanning: string[] = [];
    for (let i = 1; i <= 5; i++) nanning.push(await tip(`南宁市兴宁区某商场消防通道被堵死，第${i}号安全出口上锁`, "450102", "fire_safety"));
    for (let i = 1; i <= 2; i++) await tip(`桂林市秀峰区某工地脚手架没有安全网，第${i}号楼工人不系安全带`, "450302", "construction");

    const guilin = await tip("桂林市秀峰区某工厂仓库堆满易燃物，消防栓被挡住", "450302", "construction");
    const staff = new Browser(svc.url);
    await staff.login("stats-nanning");
    const queue = await (await staff.fetch("/admin")).text();
    const idOf = (code: string) => new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${code}`).exec(queue)?.[1];
    const act = async (code: string, action: string, form: Record<string, string>) => {
      const res = await staff.post(`/admin/tips/${idOf(code)}/${action}`, form);
      expect(res.status, action).toBe(303);
      expect(res.headers.get("location"), action).toContain(`done=${action}`);
    };
    // Guilin received 3 (shown); Nanning 5. Accepted: Nanning 3, Guilin 1. Verified, closed and closed on time: Nanning 3.
    for (const code of nanning.slice(0, 3)) await act(code, "accept", {});
    const guilinStaff = new Browser(svc.url);
    await guilinStaff.login("stats-guilin");
    const guilinId = new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${guilin}`).exec(await (await guilinStaff.fetch("/admin")).text())?.[1];
    const accepted = await guilinStaff.post(`/admin/tips/${guilinId}/accept`, {});
    expect(accepted.headers.get("location")).toContain("done=accept");
    for (const code of nanning.slice(0, 3)) {
      await act(code, "investigate", {});
      await act(code, "result", { result: "substantiated", findings: "现场查实消防通道堵塞", measures: "责令整改" });
      await act(code, "close", { conclusion: "举报属实", summary: "现场检查属实", decision: "责令整改", rewardEligibility: "不符合奖励条件" });
    }

    const res = await fetch(`${svc.url}/public/stats`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "GET /public/stats");
    const html = await res.text();
    expect(html).not.toContain("<script");
    expect(html).toContain("公开统计");
    const table = (id: string) => {
      const body = new RegExp(`<table class="stats" id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? "";
      return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((r) => [...r[1].matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]));
    };
    // Columns: name, received, accepted, verified, closed, closed on time, rewards paid, amount.
    const city = table("stats-city");
    expect(city.map((r) => r[0])).toEqual([expect.stringContaining("南宁"), expect.stringContaining("桂林"), "合计"]);
    // received 5 and 3, shown; accepted 3 and 1: the 1 hidden and the 3 with it (4 − 3 would give it back);
    // verified, closed and closed on time (the answer went out before its deadline) 3 and 0, shown.
    expect(city.map((r) => r.slice(1, 6))).toEqual([
      ["5", "&lt;3", "3", "3", "3"],
      ["3", "&lt;3", "0", "0", "0"],
      ["8", "4", "3", "3", "3"],
    ]);
    const sector = table("stats-sector");
    expect(sector.at(-1)?.slice(1, 6)).toEqual(["8", "4", "3", "3", "3"]);
    for (const rows of [city, sector, table("stats-month")]) for (const r of rows) for (const v of r.slice(1)) expect(["1", "2"]).not.toContain(v);
    // The chart: every tip came this month, so its bar carries the shown total; no bar ever reads 1 or 2.
    expect(html).toMatch(/<svg[^>]*class="chart"/);
    expect(html).toMatch(/<rect class="bar" data-key="\d{4}-\d{2}"[^>]*><title>\d{4}-\d{2}: 8<\/title>/);
    expect(html).not.toMatch(/<title>[^<]*: [12]<\/title>/);

    const csv = await fetch(`${svc.url}/public/stats.csv?table=city&lang=en`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split("\r\n");
    expect(lines[0]).toBe("City,Tips received,Accepted,Verified true (incl. partly),Closed,Closed on time,Rewards paid,Rewards paid (yuan)");
    expect(lines.slice(1).map((l) => l.split(",").slice(1, 6))).toEqual([
      ["5", "<3", "3", "3", "3"],
      ["3", "<3", "0", "0", "0"],
      ["8", "4", "3", "3", "3"],
    ]);
    for (const l of lines.slice(1)) for (const v of l.split(",").slice(1)) expect(["1", "2"]).not.toContain(v);

    const bad = await fetch(`${svc.url}/public/stats.csv?table=reporters`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("没有这张统计表");
  });
});
