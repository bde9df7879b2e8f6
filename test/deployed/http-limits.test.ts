import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { createHmac } from "node:crypto";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { UPLOAD_LIMIT_BYTES } from "../../src/http/page-support.js";
import { Browser, hiddenCsrf } from "./http-support.js";

const GATEWAY_SECRET = "deployed-gateway-secret-413";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/**
 * One HTTP/1.1 request through a keep-alive agent, as an SMS gateway or an API client sends them. The
 * body may be refused before it is all written; the answer is what counts, so a write error after the
 * response has arrived is ignored.
 */
function send(agent: Agent, url: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: opts.method ?? "GET", headers: opts.headers, timeout: 15_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body, reusedSocket: req.reusedSocket }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (err) => reject(err));
    req.end(opts.body);
  });
}

describe.each(DB_KINDS)("body limits and NUL bytes on the wire (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    svc = await startService({ ...db.env, SMS_GATEWAY_SECRET: GATEWAY_SECRET });
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("after a 413 the keep-alive client's next request succeeds (the rest of the body is drained, or the server says Connection: close)", async () => {
    const big = Buffer.alloc(1024 * 1024, "a");
    const cases: { path: string; headers: Record<string, string>; size?: number }[] = [
      { path: "/api/v1/tips", headers: { "Content-Type": "application/json" } },
      { path: "/sms/inbound", headers: { "Content-Type": "application/json", "X-Signature": createHmac("sha256", GATEWAY_SECRET).update(big).digest("hex") } },
      { path: "/tips", headers: { "Content-Type": "application/x-www-form-urlencoded" }, size: UPLOAD_LIMIT_BYTES + 1024 * 1024 },
      { path: "/admin/login", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: svc.url } },
    ];
    for (const c of cases) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await send(agent, svc.url + "/healthz");
        expect(first.status).toBe(200);
        const body = c.size ? Buffer.alloc(c.size, "a") : big;
        const refused = await send(agent, svc.url + c.path, { method: "POST", headers: { ...c.headers, "Content-Length": String(body.length) }, body });
        expect(refused.status, c.path).toBe(413);
        // Straight after, as a gateway delivering its next message would: either on the same connection
        // (the server read and dropped the rest of the body) or, told `Connection: close`, on a new one.
        const next = await send(agent, svc.url + "/healthz");
        expect(next.status, `${c.path}: next request`).toBe(200);
        // A 1 MB body is read and dropped well within the server's bound, so the same connection serves on.
        if (!c.size) expect(next.reusedSocket || refused.headers.connection === "close", `${c.path}: kept alive and reused`).toBe(true);
      } finally {
        agent.destroy();
      }
    }
  });

  it("/admin refuses a large body with 413 before reading it, signed in or not, in the staff member's language", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const [path, size] of [
        ["/admin/login", 2 * 1024 * 1024],
        ["/admin/tips/1/accept", 1024 * 1024],
        ["/admin/enterprises/import", 9 * 1024 * 1024],
      ] as const) {
        const res = await send(agent, svc.url + path, {
          method: "POST",
          body: Buffer.alloc(size, "a"),
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: svc.url, "Accept-Language": "zh-CN", "Content-Length": String(size) },
        });
        expect(res.status, path).toBe(413);
        expect(res.body, path).toContain("提交的内容太大");
      }
      // Chunked, with no Content-Length: refused once the limit is crossed, and told to close.
      const chunked = await send(agent, svc.url + "/admin/login", {
        method: "POST",
        body: Buffer.alloc(640 * 1024, "a"),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: svc.url, "Transfer-Encoding": "chunked" },
      });
      expect(chunked.status).toBe(413);
      expect((await send(agent, svc.url + "/admin/login")).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it("NUL bytes: refused at login and in SMS ids (400), stripped from a tip's words (tip kept)", async () => {
    const browser = new Browser(svc.url);
    const page = await browser.fetch("/admin/login");
    const login = await browser.fetch("/admin/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: svc.url },
      body: `_csrf=${hiddenCsrf(await page.text())}&username=a%00b&password=whatever`,
    });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain("输入不完整或不正确");

    const sms = (payload: object) => {
      const body = JSON.stringify(payload);
      return fetch(svc.url + "/sms/inbound", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Signature": createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex") },
        body,
      });
    };
    expect((await sms({ from: "+8613900139055", text: "南宁市兴宁区某工厂夜里偷排废气", id: "\u0000" })).status).toBe(400);
    const kept = await sms({ from: "+8613900139056", text: "南宁市兴宁区某工厂\u0000夜里偷排废气，附近居民头晕", id: "gw-wire-1" });
    expect(kept.status).toBe(200);
    expect(((await kept.json()) as { reply: string }).reply).toMatch(/查询码/);

    const api = await fetch(svc.url + "/api/v1/tips", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "南宁市兴宁区某商场\u0000消防通道被堵死了", place: "兴宁\u0000区" }),
    });
    expect(api.status).toBe(201);
    const receipt = (await api.json()) as { trackingCode: string; secret: string };
    const status = await fetch(svc.url + "/api/v1/tips/status", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(receipt),
    });
    expect(((await status.json()) as { text: string }).text).toBe("南宁市兴宁区某商场消防通道被堵死了");
    expect(
      (await fetch(svc.url + "/api/v1/tips/status?code=%00", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status,
    ).toBe(400);
  });
});
