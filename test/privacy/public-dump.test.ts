import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { staffUsers, tipAttachments } from "../../src/db/schema.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { createDraw } from "../../src/app/enforcement/draws.js";
import { toActor } from "../../src/app/staff/actor.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post } from "../http/admin-support.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "../deployed/http-support.js";
import sharp from "sharp";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../support/run-cli.js";

/**
 * #16 item 5: everything public, dumped after a realistic data set, shows no reporter, contact, tip text,
 * attachment, internal note, staff username or reward claim. The public routes are taken from the
 * router's own table (app.routes): every GET outside the staff areas (/admin, /desk) and the webhooks
 * (/telegram, /sms). The reporter's receipt-authenticated API is POST only; its GETs (/api/v1/audit/roots)
 * are public and fetched too. A route added later is fetched
 * without parameters automatically; one with path parameters must be given realistic values in PARAMS
 * below, or this test fails naming it.
 */
const NOT_PUBLIC = /^\/(admin|desk|telegram|sms)(\/|$)/;

// Distinctive values: a hit anywhere public cannot be a coincidence.
const NAMES = ["司马懿然", "Quixotefield"];
const PHONES = ["13611136101", "13611136102", "13611136103", "13611136104"];
const EMAIL = "whistle.quixote@example.org";
const CHAT = "7340918265339";
const TEXT_MARKERS = ["蓝鲸冷库", "赤兔爆竹厂", "青鸾化工", "白泽工地", "玄武煤矿"];
const NOTE = "内部备注麒麟线人可靠";
const MESSAGE = "留言貔貅请补充照片";
const STAFF = ["pd-nanning-zhangsan", "pd-guilin-lisi"];
const FILE_NAME = "举报照片-司马懿然家门口.png";
const CLAIM = { idNumber: "45010219880808777X", account: "6222027777333322228" };
const ANSWER_PRIVATE = "摘要中提到的内部细节饕餮";

/** Realistic paths for each public route with path parameters, by the route as the router spells it. */
type Ids = { published: string[]; opaque: string[]; sectors: string[]; draws: string[] };
const PARAMS: Record<string, (ids: Ids) => string[]> = {
  "/open311/v2/services/:file": (ids) => ids.sectors.flatMap((s) => [`/open311/v2/services/${s}.json`, `/open311/v2/services/${s}.xml`]),
  "/open311/v2/requests/:file": (ids) =>
    [...ids.published, ...ids.opaque].flatMap((id) => [`/open311/v2/requests/${id}.json`, `/open311/v2/requests/${id}.xml`]),
  "/public/draws/:id{[0-9]+}": (ids) => ids.draws.map((id) => `/public/draws/${id}`),
  "/api/v1/draws/:id{[0-9]+}": (ids) => ids.draws.map((id) => `/api/v1/draws/${id}`),
};
/** Query variants every public route is fetched with besides none. */
const QUERIES: Record<string, string[]> = {
  "/open311/v2/requests.json": ["status=open", "status=closed", "service_code=fire_safety,fireworks", "jurisdiction_id=450100", "lang=en"],
  "/open311/v2/requests.xml": ["status=closed", "jurisdiction_id=450000"],
  "/public/stats.csv": ["table=month", "table=sector", "table=city"],
};

function publicGetRoutes(app: ReturnType<typeof createApp>): string[] {
  return [
    ...new Set(app.routes.filter((r) => (r.method === "GET" || r.method === "ALL") && !r.path.endsWith("*") && !NOT_PUBLIC.test(r.path)).map((r) => r.path)),
  ].sort();
}

describe.each(DB_KINDS)("privacy of everything public (%s)", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  const secrets: string[] = [];
  const ids: Ids = { published: [], opaque: [], sectors: ["fire_safety", "fireworks", "hazardous_chemicals", "construction", "coal_mine", "other"], draws: [] };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    await makeStaff(deps, { username: STAFF[0]!, role: "committee", jurisdictionCode: "450100" });
    await makeStaff(deps, { username: STAFF[1]!, role: "committee", jurisdictionCode: "450300" });
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .png()
      .toBuffer();
    const tips = [
      await submitTip(deps, {
        channel: "web",
        text: `兴宁区${TEXT_MARKERS[0]}把消防通道堵死了，安全出口也锁着`,
        sector: "fire_safety",
        jurisdictionCode: "450102",
        location: { lat: 22.817341, lon: 108.366291 },
        reporter: { contact: `${PHONES[0]} ${EMAIL}`, name: NAMES[0], consent: true },
        attachments: [{ fileName: FILE_NAME, mimeType: "image/png", body: new Uint8Array(photo) }],
        publish: true,
      }),
      await submitTip(deps, {
        channel: "sms",
        text: `青秀区${TEXT_MARKERS[1]}在居民楼里存放大量烟花爆竹`,
        sector: "fireworks",
        jurisdictionCode: "450103",
        reporter: { address: `+86${PHONES[1]}` },
      }),
      await submitTip(deps, {
        channel: "telegram",
        text: `${TEXT_MARKERS[2]}储罐区无人值守，有刺鼻异味，工人没有防护`,
        sector: "hazardous_chemicals",
        jurisdictionCode: "450102001",
        reporter: { address: CHAT, name: NAMES[1] },
      }),
      await submitTip(deps, {
        channel: "api",
        text: `秀峰区${TEXT_MARKERS[3]}塔吊司机无证上岗，夜间施工无人看管`,
        sector: "construction",
        jurisdictionCode: "450302",
        reporter: { contact: PHONES[2], consent: false },
        publish: true,
      }),
      await submitTip(deps, {
        channel: "phone",
        text: `${TEXT_MARKERS[4]}超能力超强度生产，瞒报入井人数`,
        sector: "coal_mine",
        jurisdictionCode: "450300",
        reporter: { address: PHONES[3], reply: "sms" },
        enteredBy: STAFF[1],
      }),
    ];
    for (const t of tips) (t === tips[0] || t === tips[3] ? ids.published : ids.opaque).push(t.trackingCode);
    secrets.push(
      ...NAMES,
      ...PHONES,
      EMAIL,
      CHAT,
      ...TEXT_MARKERS,
      NOTE,
      MESSAGE,
      ...STAFF,
      FILE_NAME,
      "司马懿然家门口",
      CLAIM.idNumber,
      CLAIM.account,
      ANSWER_PRIVATE,
    );
    for (const t of tips) secrets.push(t.secret);
    for (const t of tips.slice(1)) if (!ids.published.includes(t.trackingCode)) secrets.push(t.trackingCode);

    // Staff work on the 南宁 tips over the admin routes: notes, a message, a result, an answer, a reward.
    const session = await login(app, STAFF[0]!);
    const act = async (tipId: number, action: string, form: Record<string, string>) => {
      const res = await post(app, `/admin/tips/${tipId}/${action}`, { _csrf: session.csrf, ...form }, session.cookie);
      expect(res.status, action).toBe(303);
      expect(res.headers.get("location"), action).toContain(`done=${action}`);
    };
    for (const t of [tips[0]!, tips[1]!]) {
      await act(t.tipId, "accept", { note: NOTE, message: MESSAGE });
      await act(t.tipId, "investigate", { note: NOTE });
      await act(t.tipId, "result", { result: "substantiated", findings: `查实${NOTE}` });
      await act(t.tipId, "close", { conclusion: "举报属实", summary: ANSWER_PRIVATE, decision: "罚款2万元", rewardEligibility: "符合奖励条件" });
    }
    await act(tips[0]!.tipId, "reward", { basisKind: "fine", fineYuan: "20000" });
    const claim = await app.request("/api/v1/tips/reward-claim", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ trackingCode: tips[0]!.trackingCode, secret: tips[0]!.secret, name: NAMES[0], ...CLAIM }),
    });
    expect(claim.status).toBe(201);
    const [attachment] = await deps.db.select().from(tipAttachments).where(eq(tipAttachments.tipId, tips[0]!.tipId));
    const bytes = Buffer.from(attachment!.body as Uint8Array);
    // The stored image, however a page might carry it.
    secrets.push(bytes.toString("base64").slice(0, 40), bytes.toString("hex").slice(16, 80), bytes.subarray(16, 48).toString("latin1"));
    // The opaque ids as Open311 shows them.
    const list = JSON.parse(await (await app.request("/open311/v2/requests.json")).text()) as { service_request_id: string }[];
    ids.opaque = list.map((r) => r.service_request_id).filter((id) => id.startsWith("o"));
    expect(ids.opaque).toHaveLength(3);
    // A published 双随机 draw of the unit the fire tip went to: its public page and JSON are dumped too.
    await upsertEnterprise(deps, { name: "抽查样本消防有限公司", sectorCode: "fire_safety", jurisdictionCode: "450102", supervisingLevel: "county" });
    const [committee] = await deps.db.select().from(staffUsers).where(eq(staffUsers.username, STAFF[0]!));
    const draw = await createDraw(deps, toActor(committee!), { unitId: tips[0]!.routing.unit.id, drawnOn: "2026-12-01", count: 1 });
    ids.draws.push(String(draw.id));
  }, 240_000);
  afterAll(async () => database?.close());

  it("every public route is fetched, and none shows a reporter, contact, text, attachment, note, staff name or claim", async () => {
    await dumpPublic(publicGetRoutes(app), ids, secrets, async (url) => app.request(url));
    // The published ones are there: the dump read real data, not empty pages.
    const all = await (await app.request("/open311/v2/requests.xml")).text();
    for (const code of ids.published) expect(all).toContain(code);
    expect(all).toContain("举报属实");
  }, 240_000);
});

/**
 * Fetch every public route (with its realistic parameters and query variants) and fail on any secret in a
 * body (as UTF-8 and as bytes) or a header; no route may answer 5xx.
 */
async function dumpPublic(routes: string[], ids: Ids, secrets: string[], get: (url: string) => Promise<Response>): Promise<void> {
  // The routes this branch knows to exist; others (added later) are covered as they come.
  expect(routes).toEqual(
    expect.arrayContaining(["/", "/track", "/public/audit", "/public/stats", "/api/v1/audit/roots", "/open311/v2/requests.json", "/open311/v2/requests/:file"]),
  );
  const missing = routes.filter((r) => r.includes(":") && !PARAMS[r]);
  expect(missing, "public routes with path parameters and no realistic values in PARAMS").toEqual([]);
  let fetched = 0;
  let answered = 0;
  for (const route of routes) {
    const paths = route.includes(":") ? PARAMS[route]!(ids) : [route];
    for (const path of paths) {
      for (const query of ["", "lang=en", ...(QUERIES[route] ?? [])]) {
        const url = query ? `${path}?${query}` : path;
        const res = await get(url);
        fetched++;
        expect(res.status, url).toBeLessThan(500);
        // A realistic id reaches a real record: otherwise the dump would read only 404 pages.
        if (route.includes(":")) expect(res.status, url).toBe(200);
        if (res.status === 200) answered++;
        const body = Buffer.from(await res.arrayBuffer());
        const text = body.toString("utf8");
        const latin = body.toString("latin1");
        const headers = JSON.stringify([...res.headers]);
        for (const s of secrets) {
          expect(text.includes(s) || latin.includes(s), `${url} shows ${s}`).toBe(false);
          expect(headers, `${url} headers carry ${s}`).not.toContain(s);
        }
      }
    }
  }
  expect(fetched).toBeGreaterThan(30);
  expect(answered).toBeGreaterThan(20);
}

/**
 * The same dump against the real service (`npm start`): tips from the web form (with a named photo) and
 * the JSON API (with contacts), a committee member's notes, message, result, answer and reward over the
 * admin routes, the reporter's reward claim; then every public route over HTTP. The route table is read
 * from the app as built in-process (building it touches no database).
 */
describe.each(DB_KINDS)("privacy of everything public, on the wire (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", STAFF[0]!, "--role", "committee", "--jurisdiction", "450100"]);
    const file = join(db.dataDir, "enterprises.csv");
    writeFileSync(
      file,
      "name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted\n抽查样本消防有限公司,91450102MA5L00D0PU,fire_safety,450102,county,average,0\n",
    );
    expect(await runCli(db.env, ["enterprises:import", "--file", file])).toContain("imported 1 enterprise");
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("after tips, staff work and a claim over HTTP, no public route shows any of it", async () => {
    const secrets = [
      ...NAMES,
      PHONES[0]!,
      PHONES[2]!,
      EMAIL,
      TEXT_MARKERS[0]!,
      TEXT_MARKERS[3]!,
      NOTE,
      MESSAGE,
      STAFF[0]!,
      FILE_NAME,
      "司马懿然家门口",
      ANSWER_PRIVATE,
      CLAIM.idNumber,
      CLAIM.account,
    ];
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 200, b: 10 } } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.set("text", `兴宁区${TEXT_MARKERS[0]}把消防通道堵死了，安全出口也锁着`);
    form.set("county", "450102");
    form.set("contact", `${PHONES[0]} ${EMAIL} ${NAMES[0]}`);
    form.set("consent", "1");
    form.set("publish", "1");
    form.append("attachments", new File([new Uint8Array(photo)], FILE_NAME, { type: "image/png" }));
    const web = await fetch(`${svc.url}/tips`, { method: "POST", body: form });
    expect(web.status).toBe(200);
    const page = await web.text();
    const published = /[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}/.exec(page)![0];
    const webSecret = /[2-9A-Z]{4}(-[2-9A-Z]{4}){5}/.exec(page)![0];
    const api = await fetch(`${svc.url}/api/v1/tips`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        text: `兴宁区${TEXT_MARKERS[3]}塔吊司机无证上岗，夜间施工无人看管`,
        jurisdictionCode: "450102",
        sector: "construction",
        contact: `${PHONES[2]} ${NAMES[1]}`,
      }),
    });
    expect(api.status).toBe(201);
    const hidden = (await api.json()) as { trackingCode: string; secret: string };
    secrets.push(webSecret, hidden.trackingCode, hidden.secret);

    const staff = new Browser(svc.url);
    await staff.login(STAFF[0]!);
    const queue = await (await staff.fetch("/admin")).text();
    const tipId = new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${published}`).exec(queue)?.[1];
    expect(tipId).toBeTruthy();
    const act = async (action: string, f: Record<string, string>) => {
      const res = await staff.post(`/admin/tips/${tipId}/${action}`, f);
      expect(res.headers.get("location"), action).toContain(`done=${action}`);
    };
    await act("accept", { note: NOTE, message: MESSAGE });
    await act("investigate", { note: NOTE });
    await act("result", { result: "substantiated", findings: `查实${NOTE}` });
    await act("close", { conclusion: "举报属实", summary: ANSWER_PRIVATE, decision: "罚款2万元", rewardEligibility: "符合奖励条件" });
    await act("reward", { basisKind: "fine", fineYuan: "20000" });
    const claim = await fetch(`${svc.url}/api/v1/tips/reward-claim`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ trackingCode: published, secret: webSecret, name: NAMES[0], ...CLAIM }),
    });
    expect(claim.status).toBe(201);
    // The stored photo as staff download it: its bytes must not reach anything public.
    const attachmentPath = /href="(\/admin\/tips\/\d+\/attachments\/\d+)"/.exec(await (await staff.fetch(`/admin/tips/${tipId}`)).text())?.[1];
    const bytes = Buffer.from(await (await staff.fetch(attachmentPath!)).arrayBuffer());
    expect(bytes.length).toBeGreaterThan(40);
    secrets.push(bytes.toString("base64").slice(0, 40), bytes.subarray(16, 48).toString("latin1"));

    const list = (await (await fetch(`${svc.url}/open311/v2/requests.json`)).json()) as { service_request_id: string }[];
    // A published 双随机 draw of the unit that holds the fire tip, made over HTTP as staff do.
    const fire = await fetch(`${svc.url}/api/v1/tips`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "兴宁区貔貅商场的消防通道被货物堵住了", jurisdictionCode: "450102", sector: "fire_safety" }),
    });
    expect(fire.status).toBe(201);
    const fireReceipt = (await fire.json()) as { trackingCode: string; secret: string; routing: { unit: { id: number } } };
    secrets.push("貔貅商场", fireReceipt.trackingCode, fireReceipt.secret);
    const unitId = String(fireReceipt.routing.unit.id);
    const drawn = await staff.post("/admin/draws", { unitId, drawnOn: "2026-12-01", count: "1", perEnterprise: "2" });
    const drawId = /^\/public\/draws\/(\d+)$/.exec(drawn.headers.get("location") ?? "")?.[1];
    expect(drawId, `draw answered ${drawn.status} ${drawn.headers.get("location")}`).toBeTruthy();
    const ids: Ids = {
      published: [published],
      opaque: list.map((r) => r.service_request_id).filter((id) => id.startsWith("o")),
      sectors: ["fire_safety", "construction"],
      draws: [drawId!],
    };
    expect(ids.opaque).toHaveLength(1);
    const routes = publicGetRoutes(createApp({ deps: testDeps({ db: {} } as never) }));
    await dumpPublic(routes, ids, secrets, (url) => fetch(`${svc.url}${url}`, { signal: AbortSignal.timeout(20_000) }));
    expect(JSON.stringify(list)).toContain(published);
  }, 240_000);
});
