import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { asList, asObject, errorsOf, expectedContentType, Open311Client, SPEC, W3C_DATETIME } from "../support/open311-client.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";

/**
 * #16 item 4 on the wire: `npm start`, an admin issues an Open311 api_key in /admin, a third-party client
 * (written from the GeoReport v2 specification) reads the services and posts requests over HTTP, reads
 * them back by id and in the list, runs into the key's hourly limit, and is refused once the key is revoked.
 */
describe.each(DB_KINDS)("Open311 GeoReport v2 (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;
  let client: Open311Client;

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "o311-wire-admin", "--role", "admin"]);
    svc = await startService(db.env);
    client = new Open311Client(`${svc.url}/open311/v2`, (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(20_000) }));
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("an issued key posts requests, reads them back, meets its limit and stops working when revoked", async () => {
    const admin = new Browser(svc.url);
    await admin.login("o311-wire-admin");
    const issued = await admin.post("/admin/open311-keys", { label: "第三方随手拍", perHour: "3" });
    expect(issued.status).toBe(200);
    expect(issued.headers.get("cache-control")).toBe("no-store");
    const key = /<code id="new-api-key">([^<]+)<\/code>/.exec(await issued.text())?.[1] ?? "";
    expect(key).toMatch(/^o311_/);
    // Shown once: the list never holds it again.
    expect(await (await admin.fetch("/admin/open311-keys")).text()).not.toContain(key);

    const discovery = await client.discovery("xml");
    expect(discovery.status).toBe(200);
    expect(discovery.root).toBe("discovery");
    expect(asList(asObject(discovery.body).endpoints)[0]!.url).toBe(`${svc.url}/open311/v2`);
    const services = await client.services("json");
    expect(services.headers.get("access-control-allow-origin")).toBe("*");
    expect(services.headers.get("x-content-type-options")).toBe("nosniff");
    expect(asList(services.body).map((s) => s.service_code)).toContain("fire_safety");
    expect((await client.serviceDefinition("fire_safety", "xml")).root).toBe("service_definition");

    const ids: string[] = [];
    const receipts: { tracking_code: string; secret: string }[] = [];
    for (const [i, format] of (["json", "xml", "json"] as const).entries()) {
      const res = await client.postRequest(format, {
        api_key: key,
        service_code: "fire_safety",
        lat: "22.8173",
        long: "108.3663",
        description: `兴宁区朝阳路某商场第${i + 1}号安全出口被铁链锁住，晚上人很多`,
        phone: "13900139000",
        "attribute[publish]": i === 1 ? "false" : "true",
      });
      expect(res.status, res.raw).toBe(201);
      expect(res.contentType).toMatch(expectedContentType(format));
      const [answer] = asList(res.body);
      ids.push(answer!.service_request_id as string);
      receipts.push({ tracking_code: answer!.tracking_code as string, secret: answer!.secret as string });
    }
    expect(ids[0]).toBe(receipts[0]!.tracking_code);
    expect(ids[1]).toMatch(/^o/);

    // The fourth in the hour is over the key's limit of 3.
    const limited = await client.postRequest("json", {
      api_key: key,
      service_code: "fire_safety",
      address_string: "兴宁区",
      description: "兴宁区某商场安全出口被锁，第四次提交",
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(errorsOf(limited)[0]!.code).toBe("429");

    for (const format of ["json", "xml"] as const) {
      const list = await client.requests(format, { service_code: "fire_safety", status: "open" });
      expect(list.status).toBe(200);
      const rows = asList(list.body);
      expect(rows.map((r) => r.service_request_id).sort()).toEqual([...ids].sort());
      for (const r of rows) {
        expect(Object.keys(r)).toEqual([...SPEC.request]);
        expect(r.requested_datetime).toMatch(W3C_DATETIME);
        expect(r.lat).toBe("22.82");
      }
      expect(list.raw).not.toContain("13900139000");
      expect(list.raw).not.toContain("铁链");
      expect(list.raw).not.toContain(receipts[1]!.tracking_code);
      for (const id of ids) expect(asList((await client.request(id, format)).body)[0]!.service_request_id).toBe(id);
    }
    // The receipt from the POST is the reporter's own: it opens the status check.
    const status = await fetch(`${svc.url}/api/v1/tips/status`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ trackingCode: receipts[1]!.tracking_code, secret: receipts[1]!.secret }),
    });
    expect(status.status).toBe(200);

    const bad = await client.requests("xml", { start_date: "2026-13-45" });
    expect(bad.status).toBe(400);
    expect(errorsOf(bad)[0]!.description).toMatch(/start_date/);

    // Revoked: refused from the next request on.
    const list = await (await admin.fetch("/admin/open311-keys")).text();
    const keyId = /data-key-id="(\d+)"/.exec(list)?.[1];
    const revoked = await admin.post(`/admin/open311-keys/${keyId}/revoke`, { reason: "合同到期" });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toContain("done=1");
    const refused = await client.postRequest("xml", {
      api_key: key,
      service_code: "fire_safety",
      address_string: "兴宁区",
      description: "兴宁区某商场安全出口被锁，吊销之后",
    });
    expect(refused.status).toBe(403);
    expect(errorsOf(refused)[0]!.code).toBe("403");
    expect(await (await admin.fetch("/admin/audit")).text()).toContain("open311_key.revoked");
  }, 120_000);
});
