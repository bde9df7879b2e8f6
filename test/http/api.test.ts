import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { PDFDocument } from "pdf-lib";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import { auditLog, inboundDedupe, receiptFailures, tipAttachments, tipEvents, tips } from "../../src/db/schema.js";
import { pruneInboundDedupe } from "../../src/jobs/housekeeping.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const FIRE_TIP = { text: "商场把消防通道和安全出口都堵死了，晚上人很多", place: "南宁市兴宁区" };

describe.each(DB_KINDS)("JSON API on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
  });
  afterAll(async () => database?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const countTips = async () => Number((await deps.db.select({ n: sql<number>`count(*)` }).from(tips))[0].n);

  it("stores a tip and answers 201 with the receipt and the routing", async () => {
    const res = await post("/api/v1/tips", FIRE_TIP);
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({
      trackingCode: expect.stringMatching(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/),
      secret: expect.stringMatching(/^([2-9A-Z]{4}-){5}[2-9A-Z]{4}$/),
      routing: { sector: "fire_safety", unit: { name: "南宁市消防救援支队" }, urgent: false },
    });
    expect(body.routing.jurisdiction.code).toMatch(/^4501/);
    expect(typeof body.routing.explanation).toBe("string");
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, body.trackingCode));
    expect(tip).toMatchObject({ channel: "api", unitId: body.routing.unit.id, anonymous: true });
    expect(deps.crypto.verifyHash("receipt-secret", body.secret, tip.secretHash)).toBe(true);
  });

  it("refuses bad input with 400 and field errors, and stores nothing", async () => {
    const before = await countTips();
    const cases: [unknown, string, string][] = [
      [{}, "text", "required"],
      [{ text: "太短" }, "text", "too_short"],
      [{ text: "消".repeat(10_001) }, "text", "too_long"],
      [{ ...FIRE_TIP, sector: "nuclear" }, "sector", "invalid"],
      [{ ...FIRE_TIP, urgent: "maybe" }, "urgent", "invalid"],
      [{ ...FIRE_TIP, jurisdictionCode: "'; drop table tips; --" }, "jurisdictionCode", "invalid"],
    ];
    for (const [body, path, code] of cases) {
      const res = await post("/api/v1/tips", body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await res.json()).fields).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect((await post("/api/v1/tips", "{not json")).status).toBe(400);
    expect(await (await post("/api/v1/tips", "{not json")).json()).toMatchObject({ error: "invalid_json" });
    expect((await post("/api/v1/tips", "[1,2]")).status).toBe(400);
    expect((await app.request("/api/v1/tips", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" })).status).toBe(415);
    expect((await post("/api/v1/tips", "x".repeat(300_000))).status).toBe(413);
    expect(await countTips()).toBe(before);
  });

  it("control characters are removed and script text is stored as plain text", async () => {
    const res = await post("/api/v1/tips", { ...FIRE_TIP, text: "工厂\u0000\u0007仓库<script>alert(1)</script>堆放烟花爆竹，无人看管" });
    expect(res.status).toBe(201);
    const { trackingCode } = await res.json();
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, trackingCode));
    expect(tip.text).toBe("工厂仓库<script>alert(1)</script>堆放烟花爆竹，无人看管");
  });

  it("honours Idempotency-Key: same key and body → the same receipt and one tip; a different body → 422", async () => {
    const before = await countTips();
    const headers = { "Idempotency-Key": "retry-test-0001" };
    const first = await post("/api/v1/tips", FIRE_TIP, headers);
    const second = await post("/api/v1/tips", FIRE_TIP, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const a = await first.json();
    expect(await second.json()).toEqual(a);
    expect(await countTips()).toBe(before + 1);
    const other = await post("/api/v1/tips", { ...FIRE_TIP, text: FIRE_TIP.text + "，还有人在里面吸烟" }, headers);
    expect(other.status).toBe(422);
    expect(await countTips()).toBe(before + 1);
    // The stored replay is encrypted: neither the secret nor the code is readable in the row.
    const rows = await deps.db.select().from(inboundDedupe).where(eq(inboundDedupe.source, "api-idempotency"));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(JSON.stringify(r)).not.toContain(a.secret);
    expect(JSON.stringify(rows)).not.toContain("retry-test-0001");
    expect((await post("/api/v1/tips", FIRE_TIP, { "Idempotency-Key": "short" })).status).toBe(400);
    // After 24 h housekeeping deletes the stored receipt.
    const later = testDeps(database, { clock: () => new Date(Date.now() + 25 * 3600_000) });
    const pruned = await pruneInboundDedupe(later);
    expect(pruned.idempotencyKeys).toBeGreaterThanOrEqual(1);
    expect(await deps.db.select().from(inboundDedupe).where(eq(inboundDedupe.source, "api-idempotency"))).toEqual([]);
  });

  it("status: the right secret shows status and public history; a wrong one is 404 like an unknown code", async () => {
    const { trackingCode, secret } = await (await post("/api/v1/tips", FIRE_TIP)).json();
    const ok = await post("/api/v1/tips/status", { trackingCode: trackingCode.toLowerCase().replace(/-/g, " "), secret });
    expect(ok.status).toBe(200);
    const status = await ok.json();
    expect(status).toMatchObject({ trackingCode, status: "received", sector: "fire_safety", unit: { name: "南宁市消防救援支队" } });
    expect(status.history.map((e: { kind: string }) => e.kind)).toEqual(["received"]); // "routed" is internal
    const wrong = await post("/api/v1/tips/status", { trackingCode, secret: "2222-2222-2222-2222-2222-2222" });
    const unknown = await post("/api/v1/tips/status", { trackingCode: "222-222-222", secret });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect((await post("/api/v1/tips/status", { trackingCode })).status).toBe(400);
  });

  it("rate-limits wrong secrets per tracking code: after 5 failures even the right secret gets 429", async () => {
    const { trackingCode, secret } = await (await post("/api/v1/tips", FIRE_TIP)).json();
    for (let i = 0; i < 5; i++) {
      expect((await post("/api/v1/tips/status", { trackingCode, secret: `WRONG-${i}` })).status).toBe(404);
    }
    const limited = await post("/api/v1/tips/status", { trackingCode, secret });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another code is not affected, and after the window the right secret works again.
    const fresh = await (await post("/api/v1/tips", FIRE_TIP)).json();
    expect((await post("/api/v1/tips/status", fresh)).status).toBe(200);
    const later = createApp({ deps: testDeps(database, { clock: () => new Date(Date.now() + 16 * 60_000) }) });
    const res = await later.request("/api/v1/tips/status", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode, secret }),
    });
    expect(res.status).toBe(200);
    expect(await deps.db.select().from(receiptFailures).where(eq(receiptFailures.trackingCode, trackingCode))).toEqual([]);
  });

  it("multipart with a GPS-tagged JPEG stores the photo without its metadata", async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#36c" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "LeakyPhone" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "108/1 19/1 0/1" },
      })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const form = new FormData();
    form.set("text", FIRE_TIP.text);
    form.set("place", FIRE_TIP.place);
    form.set("urgent", "true");
    form.append("attachments", new File([photo], "IMG_0001.jpg", { type: "image/jpeg" }));
    const res = await app.request("/api/v1/tips", { method: "POST", body: form });
    expect(res.status).toBe(201);
    const { trackingCode, routing } = await res.json();
    expect(routing.urgent).toBe(true);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, trackingCode));
    const [stored] = await deps.db.select().from(tipAttachments).where(eq(tipAttachments.tipId, tip.id));
    expect(stored).toMatchObject({ mimeType: "image/jpeg", fileName: "IMG_0001.jpg" });
    const meta = await sharp(Buffer.from(stored.body)).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Buffer.from(stored.body).includes(Buffer.from("LeakyPhone"))).toBe(false);

    const bad = new FormData();
    bad.set("text", FIRE_TIP.text);
    bad.append("attachments", new File(["MZ\u0090\u0000 not an image"], "photo.jpg", { type: "image/jpeg" }));
    const refused = await app.request("/api/v1/tips", { method: "POST", body: bad });
    expect(refused.status).toBe(400);
    expect((await refused.json()).fields).toEqual([{ path: "attachments", code: "unsupported_type", file: "photo.jpg" }]);
  });

  it("the reporter adds information with code + secret: a public event, an audit row, the attachment", async () => {
    const { trackingCode, secret } = await (await post("/api/v1/tips", FIRE_TIP)).json();
    const form = new FormData();
    form.set("trackingCode", trackingCode);
    form.set("secret", secret);
    form.set("text", "补充：后门也锁上了");
    // A real PDF: a header alone is refused as unreadable since PDFs are re-written without metadata.
    const pdf = await PDFDocument.create();
    pdf.addPage([200, 200]);
    form.append("attachments", new File([Buffer.from(await pdf.save())], "notice.pdf", { type: "application/pdf" }));
    const res = await app.request("/api/v1/tips/info", { method: "POST", body: form });
    expect(res.status).toBe(201);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, trackingCode));
    const events = await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.id));
    expect(events.at(-1)).toMatchObject({ kind: "reporter_info", public: true, actor: "reporter" });
    expect(await deps.db.select({ m: tipAttachments.mimeType }).from(tipAttachments).where(eq(tipAttachments.tipId, tip.id))).toEqual([
      { m: "application/pdf" },
    ]);
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(tip.id)));
    expect(audits.map((a) => a.action)).toContain("tip.reporter_info");
    const status = await (await post("/api/v1/tips/status", { trackingCode, secret })).json();
    expect(status.history.at(-1)).toMatchObject({ kind: "reporter_info", text: "补充：后门也锁上了" });
    expect((await post("/api/v1/tips/info", { trackingCode, secret: "WRONG", text: "x" })).status).toBe(404);
    expect((await post("/api/v1/tips/info", { trackingCode, secret })).status).toBe(400);
  });

  it("answers 503 when the database is down, for tips and for status", async () => {
    const gone = await openTestDb(kind);
    const goneApp = createApp({ deps: testDeps(gone) });
    await gone.close();
    const res = await goneApp.request("/api/v1/tips", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(FIRE_TIP) });
    expect(res.status).toBe(503);
    const status = await goneApp.request("/api/v1/tips/status", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: "222-222-222", secret: "x" }),
    });
    expect(status.status).toBe(503);
  });
});
