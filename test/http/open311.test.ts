import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { closeTip } from "../../src/app/triage/close-tip.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { toActor } from "../../src/app/staff/actor.js";
import { auditLog, open311Keys, staffUsers, tips } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import {
  asList,
  asObject,
  errorsOf,
  expectedContentType,
  type Format,
  type Generic,
  Open311Client,
  type Open311Response,
  SPEC,
  W3C_DATETIME,
} from "../support/open311-client.js";
import { login, makeStaff, post } from "./admin-support.js";

const FORMATS: Format[] = ["json", "xml"];
const SECTOR_COUNT = 11;

/**
 * Open311 GeoReport v2 contract: every endpoint in JSON and in XML, read by a client written from the
 * specification (test/support/open311-client.ts). Both formats must say the same thing; fields, values
 * and errors must be the spec's.
 */
describe.each(DB_KINDS)("Open311 GeoReport v2 contract on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let client: Open311Client;
  let admin: { cookie: string; csrf: string };
  let apiKey = "";
  const t = {} as Record<"published" | "hidden" | "closed" | "guilin", { tipId: number; trackingCode: string; secret: string }>;

  async function issueKey(label: string, perHour = "60"): Promise<string> {
    const res = await post(app, "/admin/open311-keys", { _csrf: admin.csrf, label, perHour }, admin.cookie);
    expect(res.status).toBe(200);
    const m = /<code id="new-api-key">([^<]+)<\/code>/.exec(await res.text());
    if (!m) throw new Error("no key on the page");
    return m[1]!;
  }

  const both = async (call: (f: Format) => Promise<Open311Response>) => {
    const [json, xml] = await Promise.all(FORMATS.map(call));
    expect(json!.contentType).toMatch(expectedContentType("json"));
    expect(xml!.contentType).toMatch(expectedContentType("xml"));
    expect(json!.contentType).toMatch(/charset=utf-8/i);
    expect(xml!.contentType).toMatch(/charset=utf-8/i);
    expect(xml!.status).toBe(json!.status);
    // The two formats carry the same document.
    expect(xml!.body).toEqual(json!.body);
    return { json: json!, xml: xml! };
  };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    client = new Open311Client("http://localhost/open311/v2", (url, init) => Promise.resolve(app.request(url, init)));
    await makeStaff(deps, { username: "o311-admin", role: "admin" });
    await makeStaff(deps, { username: "o311-nanning", role: "committee", jurisdictionCode: "450100" });
    admin = await login(app, "o311-admin");
    apiKey = await issueKey("城市服务App");
    const receipt = (r: { tipId: number; trackingCode: string; secret: string }) => ({ tipId: r.tipId, trackingCode: r.trackingCode, secret: r.secret });
    t.published = receipt(
      await submitTip(deps, {
        channel: "web",
        text: "兴宁区某商场把消防通道堵死了，安全出口也锁着",
        sector: "fire_safety",
        jurisdictionCode: "450102",
        location: { lat: 22.81734, lon: 108.36629 },
        publish: true,
      }),
    );
    t.hidden = receipt(
      await submitTip(deps, {
        channel: "web",
        text: "兴宁区某工地脚手架没有安全网，工人高空作业不系安全带",
        sector: "construction",
        jurisdictionCode: "450102001",
        reporter: { contact: "13800138000", consent: false },
      }),
    );
    t.closed = receipt(
      await submitTip(deps, {
        channel: "web",
        text: "青秀区某化工厂储罐区无人值守，有异味",
        sector: "hazardous_chemicals",
        jurisdictionCode: "450103",
        publish: true,
      }),
    );
    t.guilin = receipt(await submitTip(deps, { channel: "web", text: "秀峰区某酒店消防通道堆满杂物", sector: "fire_safety", jurisdictionCode: "450302" }));
    const [row] = await deps.db.select().from(staffUsers).where(eq(staffUsers.username, "o311-nanning"));
    const actor = toActor(row!);
    await acceptTip(deps, { actor, tipId: t.closed.tipId });
    await startInvestigation(deps, { actor, tipId: t.closed.tipId });
    await recordResult(deps, { actor, tipId: t.closed.tipId, result: "substantiated", findings: "属实" });
    await closeTip(deps, {
      actor,
      tipId: t.closed.tipId,
      conclusion: "举报属实，已责令整改",
      summary: "内部摘要不应公开",
      decision: "罚款2万元",
      rewardEligibility: "符合奖励条件",
    });
  }, 240_000);
  afterAll(async () => database?.close());

  it("discovery: the spec's fields, this endpoint with both formats", async () => {
    const { json, xml } = await both((f) => client.discovery(f));
    expect(json.status).toBe(200);
    expect(xml.root).toBe(SPEC.roots.discovery);
    const d = asObject(json.body);
    expect(Object.keys(d)).toEqual([...SPEC.discovery]);
    expect(d.changeset).toMatch(W3C_DATETIME);
    const [endpoint] = asList(d.endpoints);
    expect(Object.keys(endpoint!)).toEqual([...SPEC.endpoint]);
    expect(endpoint!.specification).toBe("http://wiki.open311.org/GeoReport_v2");
    expect(endpoint!.url).toBe("http://localhost/open311/v2");
    expect(endpoint!.formats).toEqual(["text/xml", "application/json"]);
  });

  it("services: every sector as a service with the spec's fields and allowed values", async () => {
    const { json, xml } = await both((f) => client.services(f));
    expect(xml.root).toBe(SPEC.roots.services);
    expect(xml.raw).toContain("<services><service><service_code>");
    const list = asList(json.body);
    expect(list).toHaveLength(SECTOR_COUNT);
    for (const s of list) {
      expect(Object.keys(s)).toEqual([...SPEC.service]);
      expect(SPEC.serviceTypes).toContain(s.type);
      expect(["true", "false"]).toContain(s.metadata);
      expect(s.service_name).not.toBe("");
      expect(s.group).not.toBe("");
    }
    const fire = list.find((s) => s.service_code === "fire_safety")!;
    expect(fire.service_name).toBe("消防");
    expect(fire.keywords).toMatch(/消防/);
    const en = asList((await client.services("json", { lang: "en" })).body).find((s) => s.service_code === "fire_safety")!;
    expect(en.service_name).toBe("Fire safety");
    // jurisdiction_id: a known code answers, an unknown one is the spec's 404 error.
    expect((await client.services("json", { jurisdiction_id: "450100" })).status).toBe(200);
    const bad = await both((f) => client.services(f, { jurisdiction_id: "999999" }));
    expect(bad.json.status).toBe(404);
    expect(errorsOf(bad.xml)[0]!.code).toBe("404");
    expect(errorsOf(bad.json)[0]!.description).toMatch(/jurisdiction_id/);
  });

  it("service definition: attributes with the spec's fields for every service; an unknown code is 404", async () => {
    for (const code of ["fire_safety", "coal_mine", "other"]) {
      const { json, xml } = await both((f) => client.serviceDefinition(code, f));
      expect(json.status).toBe(200);
      expect(xml.root).toBe(SPEC.roots.definition);
      const def = asObject(json.body);
      expect(Object.keys(def)).toEqual(["service_code", "attributes"]);
      expect(def.service_code).toBe(code);
      const attrs = asList(def.attributes);
      expect(attrs.map((a) => a.code)).toEqual(["urgent", "enterprise", "consent", "publish"]);
      for (const a of attrs) {
        expect(Object.keys(a).slice(0, SPEC.attribute.length)).toEqual([...SPEC.attribute]);
        expect(SPEC.datatypes).toContain(a.datatype);
        expect(["true", "false"]).toContain(a.variable);
        expect(["true", "false"]).toContain(a.required);
        if (a.datatype === "singlevaluelist") {
          const values = asList(a.values);
          expect(values.map((v) => Object.keys(v))).toEqual(values.map(() => ["key", "name"]));
          expect(values.map((v) => v.key)).toEqual(["true", "false"]);
        } else expect(a.values).toBeUndefined();
      }
    }
    const missing = await both((f) => client.serviceDefinition("potholes", f));
    expect(missing.json.status).toBe(404);
    expect(errorsOf(missing.xml)).toEqual(errorsOf(missing.json));
    expect(missing.xml.raw).toMatch(/<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>/);
  });

  it("GET requests: public fields only, ids by consent, rounded places at county level, both formats alike", async () => {
    const { json, xml } = await both((f) => client.requests(f));
    expect(json.status).toBe(200);
    expect(xml.root).toBe(SPEC.roots.requests);
    const list = asList(json.body);
    expect(list).toHaveLength(4);
    for (const r of list) {
      expect(Object.keys(r)).toEqual([...SPEC.request]);
      expect(["open", "closed"]).toContain(r.status);
      expect(r.requested_datetime).toMatch(W3C_DATETIME);
      expect(r.updated_datetime).toMatch(W3C_DATETIME);
      expect(r.description).toBe("");
    }
    const byCode = (code: string) => list.find((r) => r.service_request_id === code);
    const published = byCode(t.published.trackingCode)!;
    expect(published).toBeDefined();
    expect(published.status).toBe("open");
    expect(published.service_code).toBe("fire_safety");
    expect(published.service_name).toBe("消防");
    expect(published.lat).toBe("22.82");
    expect(published.long).toBe("108.37");
    expect(published.address).toMatch(/兴宁区$/);
    expect(published.agency_responsible).toMatch(/消防/);
    expect(published.expected_datetime).toMatch(W3C_DATETIME);
    // The tip whose reporter did not agree: an opaque id, never its tracking code.
    expect(json.raw).not.toContain(t.hidden.trackingCode);
    const hidden = list.find((r) => r.service_code === "construction")!;
    expect(hidden.service_request_id).toMatch(/^o[A-Za-z0-9_-]{22}$/);
    // A township's tip is shown at its county; no location given, no coordinates.
    expect(hidden.address).toMatch(/兴宁区$/);
    expect(hidden.lat).toBe("");
    const closed = byCode(t.closed.trackingCode)!;
    expect(closed.status).toBe("closed");
    expect(closed.status_notes).toBe("举报属实，已责令整改");
    expect(closed.expected_datetime).toBe("");
    for (const secret of ["消防通道堵死", "脚手架", "13800138000", "内部摘要不应公开", "罚款2万元", t.published.secret, t.hidden.secret])
      expect(json.raw + xml.raw, secret).not.toContain(secret);
  });

  it("GET requests filters: status, service_code, jurisdiction_id, dates; bad values are the spec's 400 errors", async () => {
    const ids = async (params: Record<string, string>) => {
      const { json } = await both((f) => client.requests(f, params));
      expect(json.status).toBe(200);
      return asList(json.body).map((r) => r.service_request_id as string);
    };
    expect(await ids({ status: "closed" })).toEqual([t.closed.trackingCode]);
    expect(await ids({ status: "open" })).not.toContain(t.closed.trackingCode);
    expect((await ids({ status: "open,closed" })).length).toBe(4);
    expect((await ids({ service_code: "fire_safety" })).length).toBe(2);
    expect(await ids({ service_code: "hazardous_chemicals,construction" })).toHaveLength(2);
    const nanning = await ids({ jurisdiction_id: "450100" });
    expect(nanning).toHaveLength(3);
    expect(await ids({ jurisdiction_id: "450300" })).toHaveLength(1);
    expect(await ids({ start_date: "2001-01-01T00:00:00Z", end_date: "2001-02-01T00:00:00+08:00" })).toEqual([]);
    const soon = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await ids({ end_date: soon })).toHaveLength(4);
    // service_request_id: all other parameters are ignored.
    expect(await ids({ service_request_id: `${t.published.trackingCode},${t.closed.trackingCode}`, status: "open" })).toHaveLength(2);

    for (const [params, status, pattern] of [
      [{ status: "pending" }, 400, /status/],
      [{ service_code: "potholes" }, 400, /service_code/],
      [{ start_date: "yesterday" }, 400, /start_date/],
      [{ start_date: "2026-01-01T00:00:00Z", end_date: "2026-06-01T00:00:00Z" }, 400, /90 days/],
      [{ start_date: "2026-06-01T00:00:00Z", end_date: "2026-01-01T00:00:00Z" }, 400, /before/],
      [{ jurisdiction_id: "12345" }, 404, /jurisdiction_id/],
    ] as const) {
      const { json, xml } = await both((f) => client.requests(f, params as Record<string, string>));
      expect(json.status, JSON.stringify(params)).toBe(status);
      const errs = errorsOf(json);
      expect(errs[0]!.code).toBe(String(status));
      expect(errs[0]!.description).toMatch(pattern);
      expect(errorsOf(xml)).toEqual(errs);
    }
  });

  it("GET request by id: a published tracking code or an opaque id; an unpublished code reads as missing", async () => {
    const all = asList((await client.requests("json")).body);
    const opaque = all.find((r) => r.service_code === "construction")!.service_request_id as string;
    for (const id of [t.published.trackingCode, opaque]) {
      const { json, xml } = await both((f) => client.request(id, f));
      expect(json.status).toBe(200);
      expect(xml.root).toBe(SPEC.roots.requests);
      const [one, ...rest] = asList(json.body);
      expect(rest).toEqual([]);
      expect(one!.service_request_id).toBe(id);
      expect(Object.keys(one!)).toEqual([...SPEC.request]);
    }
    // Lower case and without dashes: the same code.
    expect((await client.request(t.published.trackingCode.replace(/-/g, "").toLowerCase(), "json")).status).toBe(200);
    for (const id of [t.hidden.trackingCode, t.guilin.trackingCode, "oAAAAAAAAAAAAAAAAAAAAAA", "nonsense"]) {
      const { json, xml } = await both((f) => client.request(id, f));
      expect(json.status, id).toBe(404);
      expect(errorsOf(xml)[0]!.code).toBe("404");
    }
  });

  it("POST request with an api_key: the spec's answer plus the receipt once; the tip is stored and public as asked", async () => {
    for (const format of FORMATS) {
      const res = await client.postRequest(format, {
        api_key: apiKey,
        service_code: "construction",
        lat: "22.8123",
        long: "108.3811",
        address_string: "南宁市青秀区民族大道某工地",
        description: `青秀区某工地塔吊司机无证上岗，已经连续几天了 ${format}`,
        email: "app-user@example.org",
        "attribute[urgent]": "true",
        "attribute[publish]": format === "json" ? "true" : "false",
        jurisdiction_id: "450103",
      });
      expect(res.status, res.raw).toBe(201);
      expect(res.contentType).toMatch(expectedContentType(format));
      const [answer] = asList(res.body);
      expect(Object.keys(answer!).slice(0, 3)).toEqual([...SPEC.postResponse]);
      expect(answer!.tracking_code).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
      expect(answer!.secret).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){5}$/);
      expect(answer!.service_notice).not.toBe("");
      const id = answer!.service_request_id as string;
      if (format === "json") expect(id).toBe(answer!.tracking_code);
      else expect(id).toMatch(/^o/);
      // The id answers GET request, and the receipt answers the reporter's status check.
      const got = asList((await client.request(id, "json")).body)[0]!;
      expect(got.service_code).toBe("construction");
      expect(got.lat).toBe("22.81");
      const status = await app.request("/api/v1/tips/status", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ trackingCode: answer!.tracking_code, secret: answer!.secret }),
      });
      expect(status.status).toBe(200);
      const [stored] = await deps.db
        .select()
        .from(tips)
        .where(eq(tips.trackingCode, answer!.tracking_code as string));
      expect(stored!.channel).toBe("api");
      expect(stored!.urgent).toBe(true);
      expect(stored!.publishConsent).toBe(format === "json");
      expect(stored!.reporterContactEnc).not.toBeNull();
    }
  });

  it("POST errors: no key, an unknown or revoked key (403), missing fields (400), the key's hourly limit (429)", async () => {
    const valid = { service_code: "fire_safety", address_string: "兴宁区朝阳路", description: "商场安全出口被铁链锁住了，晚上人很多" };
    for (const format of FORMATS) {
      for (const key of [undefined, "o311_notakeyatallnotakeyatall", "wrong"]) {
        const res = await client.postRequest(format, { ...valid, ...(key ? { api_key: key } : {}) });
        expect(res.status).toBe(403);
        expect(errorsOf(res)[0]).toMatchObject({ code: "403" });
      }
      const missing = await client.postRequest(format, { api_key: apiKey, description: "短" });
      expect(missing.status).toBe(400);
      const descriptions = errorsOf(missing).map((e) => e.description);
      expect(descriptions.some((d) => /service_code/.test(d))).toBe(true);
      expect(descriptions.some((d) => /location/.test(d))).toBe(true);
      const tooShort = await client.postRequest(format, { ...valid, api_key: apiKey, description: "太短" });
      expect(tooShort.status).toBe(400);
      expect(errorsOf(tooShort)[0]!.description).toMatch(/description/);
      const badFlag = await client.postRequest(format, { ...valid, api_key: apiKey, "attribute[urgent]": "maybe" });
      expect(badFlag.status).toBe(400);
      const badLat = await client.postRequest(format, { ...valid, api_key: apiKey, lat: "north", long: "108" });
      expect(badLat.status).toBe(400);
    }
    const json = await app.request("/open311/v2/requests.json", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(json.status).toBe(400);

    // A key limited to 2 an hour: the third is refused with Retry-After, nothing stored.
    const small = await issueKey("小程序", "2");
    for (let i = 0; i < 2; i++) expect((await client.postRequest("json", { ...valid, api_key: small })).status).toBe(201);
    const before = (await deps.db.select({ id: tips.id }).from(tips)).length;
    const limited = await client.postRequest("xml", { ...valid, api_key: small });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(errorsOf(limited)[0]!.code).toBe("429");
    expect((await deps.db.select({ id: tips.id }).from(tips)).length).toBe(before);

    // Revoked in /admin: refused from then on; both steps audited, the key itself never stored.
    const [row] = await deps.db.select().from(open311Keys).where(eq(open311Keys.label, "小程序"));
    expect(row!.keyHash).not.toContain(small);
    const revoke = await post(app, `/admin/open311-keys/${row!.id}/revoke`, { _csrf: admin.csrf, reason: "合同到期" }, admin.cookie);
    expect(revoke.status).toBe(303);
    expect((await client.postRequest("json", { ...valid, api_key: small })).status).toBe(403);
    const audit = await deps.db.select().from(auditLog).where(eq(auditLog.entity, "open311_key"));
    expect(audit.map((a) => a.action).sort()).toEqual(["open311_key.issued", "open311_key.issued", "open311_key.revoked"]);
    expect(JSON.stringify(audit)).not.toContain(small);
    expect(JSON.stringify(audit)).not.toContain(apiKey);
    const page = await (await app.request("/admin/open311-keys", { headers: { Cookie: admin.cookie } })).text();
    expect(page).not.toContain(small);
    expect(page).toContain("小程序");
  });

  it("the web form's and the JSON API's publication box decide the id Open311 shows", async () => {
    const form = await app.request("/");
    expect(await form.text()).toContain('name="publish"');
    const web = async (publish: boolean) => {
      const body = new FormData();
      body.set("text", `兴宁区某网吧安全出口被锁，消防通道堆满杂物 ${publish}`);
      body.set("county", "450102");
      if (publish) body.set("publish", "1");
      const res = await app.request("/tips", { method: "POST", body });
      expect(res.status).toBe(200);
      const [row] = await deps.db.select().from(tips).orderBy(desc(tips.id)).limit(1);
      return row!;
    };
    const shown = await web(true);
    const kept = await web(false);
    expect([shown.publishConsent, kept.publishConsent]).toEqual([true, false]);
    const api = await app.request("/api/v1/tips", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "兴宁区某酒店消防栓没有水，灭火器过期", jurisdictionCode: "450102", publish: true }),
    });
    expect(api.status).toBe(201);
    const { trackingCode } = (await api.json()) as { trackingCode: string };
    const listed = (await client.requests("json")).raw;
    expect(listed).toContain(shown.trackingCode);
    expect(listed).toContain(trackingCode);
    expect(listed).not.toContain(kept.trackingCode);
  });

  it("keys are the admins' alone; unknown resources and formats answer in the spec's error format", async () => {
    const committee = await login(app, "o311-nanning");
    expect((await app.request("/admin/open311-keys", { headers: { Cookie: committee.cookie } })).status).toBe(403);
    expect((await post(app, "/admin/open311-keys", { _csrf: committee.csrf, label: "越权" }, committee.cookie)).status).toBe(403);
    for (const path of ["/open311/v2/services.csv", "/open311/v2/nothing.json", "/open311/v2/services/fire_safety", "/open311/v2/requests/x.html"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const body = JSON.parse(await res.text()) as Generic;
      expect(asList(body)[0]).toMatchObject({ code: 404 });
    }
    const xml = await app.request("/open311/v2/nothing.xml");
    expect(await xml.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<errors><error><code>404<\/code>/);
  });
});
