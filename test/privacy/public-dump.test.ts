import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { tipAttachments } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post } from "../http/admin-support.js";

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

/** Realistic values for each public route's path parameters, by the route as the router spells it. */
type Ids = { published: string[]; opaque: string[]; sectors: string[] };
const PARAMS: Record<string, (ids: Ids) => string[]> = {
  "/open311/v2/services/:file": (ids) => ids.sectors.flatMap((s) => [`${s}.json`, `${s}.xml`]),
  "/open311/v2/requests/:file": (ids) => [...ids.published, ...ids.opaque].flatMap((id) => [`${id}.json`, `${id}.xml`]),
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
  const ids: Ids = { published: [], opaque: [], sectors: ["fire_safety", "fireworks", "hazardous_chemicals", "construction", "coal_mine", "other"] };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    await makeStaff(deps, { username: STAFF[0]!, role: "committee", jurisdictionCode: "450100" });
    await makeStaff(deps, { username: STAFF[1]!, role: "committee", jurisdictionCode: "450300" });
    const png = (await import("sharp")).default;
    const photo = await png({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 10, b: 10 } } })
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
  }, 240_000);
  afterAll(async () => database?.close());

  it("every public route is fetched, and none shows a reporter, contact, text, attachment, note, staff name or claim", async () => {
    const routes = publicGetRoutes(app);
    // The routes this branch knows to exist; others (added later) are covered as they come.
    expect(routes).toEqual(
      expect.arrayContaining([
        "/",
        "/track",
        "/public/audit",
        "/public/stats",
        "/api/v1/audit/roots",
        "/open311/v2/requests.json",
        "/open311/v2/requests/:file",
      ]),
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
          const res = await app.request(url);
          fetched++;
          expect(res.status, url).toBeLessThan(500);
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
    // The published ones are there: the dump read real data, not empty pages.
    const all = await (await app.request("/open311/v2/requests.xml")).text();
    for (const code of ids.published) expect(all).toContain(code);
    expect(all).toContain("举报属实");
  }, 240_000);
});
