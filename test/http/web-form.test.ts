import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import { tipAttachments, tipEvents, tips } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const FIRE_TEXT = "商场把消防通道和安全出口都堵死了，晚上人很多";

/** The receipt page as the reporter reads it: code and secret out of their elements. */
function receiptOf(html: string): { code: string; secret: string } {
  const code = /id="tracking-code">([^<]+)</.exec(html)?.[1];
  const secret = /id="secret">([^<]+)</.exec(html)?.[1];
  if (!code || !secret) throw new Error("no receipt in page");
  return { code, secret };
}

describe.each(DB_KINDS)("web form and track pages on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
  });
  afterAll(async () => database?.close());

  const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const countTips = async () => Number((await deps.db.select({ n: sql<number>`count(*)` }).from(tips))[0].n);

  it("GET / renders the form in Chinese with server-filled places, strict headers and no script", async () => {
    const res = await app.request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/); // standards mode, not quirks
    expect(html).toContain("不确定");
    expect(html).toMatch(/<optgroup label="南宁市">[\s\S]*兴宁区/);
    expect(html).toContain('name="formToken"');
    expect(html).not.toContain("<script");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const css = await app.request("/assets/web.css");
    expect(css.headers.get("content-type")).toContain("text/css");
  });

  it("switches to English with ?lang=en and remembers it in a cookie", async () => {
    const res = await app.request("/?lang=en");
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Not sure");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^lang=en;/);
    const again = await app.request("/track", { headers: { cookie: "lang=en" } });
    expect(await again.text()).toContain("Tracking code");
  });

  it("POST /tips (form-encoded) stores the tip and shows code, secret, routing and the once-only warning", async () => {
    const res = await postForm("/tips", { text: FIRE_TEXT, city: "450100", county: "450102", place: "朝阳路 1 号", sector: "" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("已转交 南宁市消防救援支队 处理。");
    expect(html).toContain("查询码");
    expect(html).toContain("密钥只显示这一次");
    const { code, secret } = receiptOf(html);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code));
    expect(tip).toMatchObject({ channel: "web", jurisdictionCode: "450102", placeText: "朝阳路 1 号", anonymous: true, reporterContactEnc: null });
    expect(deps.crypto.verifyHash("receipt-secret", secret, tip.secretHash)).toBe(true);
  });

  it("POST /tips (multipart) with a photo and a contact stores both, the photo without EXIF and the contact encrypted", async () => {
    const photo = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#c33" } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1" } })
      .toBuffer();
    const form = new FormData();
    form.set("text", FIRE_TEXT);
    form.set("county", "450102");
    form.set("contact", "13800138000");
    form.set("consent", "1");
    form.append("attachments", new File([photo], "a.jpg", { type: "image/jpeg" }));
    const res = await app.request("/tips", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const { code } = receiptOf(await res.text());
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code));
    expect(tip).toMatchObject({ contactConsent: true, anonymous: false });
    expect(Buffer.from(tip.reporterContactEnc!).toString("latin1")).not.toContain("13800138000");
    const [stored] = await deps.db.select().from(tipAttachments).where(eq(tipAttachments.tipId, tip.id));
    expect((await sharp(Buffer.from(stored.body)).metadata()).exif).toBeUndefined();
  });

  it("refused input re-renders the form (422) with what was typed, escaped, and messages from the .ftl files", async () => {
    const before = await countTips();
    const res = await postForm("/tips", { text: "太短了", place: '"><script>alert(1)</script>', county: "450102", contact: "微信 abc", urgent: "1" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("请修改下面标出的内容后再提交。");
    expect(html).toContain("太短了，请至少写 10 个字。");
    expect(html).toContain(">太短了</textarea>");
    expect(html).toContain('value="微信 abc"');
    expect(html).toMatch(/<option value="450102" selected="">/);
    expect(html).toMatch(/name="urgent" value="1" checked=""/);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const fake = new FormData();
    fake.set("text", FIRE_TEXT);
    fake.append("attachments", new File(["<?php echo 1; ?>"], "x.png", { type: "image/png" }));
    const refused = await app.request("/tips", { method: "POST", body: fake });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("“x.png”不是可接受的类型");
    expect(refusedHtml).toContain("如有附件，请重新选择。");
    expect(refusedHtml).toContain(FIRE_TEXT);
    expect(await countTips()).toBe(before);
  });

  it("submitting the same form twice (reload, double click) gives the same receipt and one tip", async () => {
    const token = /name="formToken" value="([^"]+)"/.exec(await (await app.request("/")).text())![1];
    const before = await countTips();
    const fields = { text: FIRE_TEXT, county: "450102", formToken: token };
    const a = receiptOf(await (await postForm("/tips", fields)).text());
    const b = receiptOf(await (await postForm("/tips", fields)).text());
    expect(b).toEqual(a);
    expect(await countTips()).toBe(before + 1);
  });

  it("track: the right secret shows status, the tip and history inert; wrong → 404; too many → 429", async () => {
    const res = await postForm("/tips", { text: "仓库里<script>alert('x')</script>堆满了烟花爆竹，没有任何消防设施", county: "450102" });
    const { code, secret } = receiptOf(await res.text());
    const ok = await postForm("/track", { code, secret });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const html = await ok.text();
    expect(html).toContain('id="status-label">已接收<');
    expect(html).toContain("举报已接收");
    expect(html).not.toContain("<script>alert('x')</script>");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");

    const added = await postForm("/track/add", { code, secret, text: "<img src=x onerror=alert(1)>后门也锁了" });
    expect(added.status).toBe(200);
    const addedHtml = await added.text();
    expect(addedHtml).toContain("补充内容已提交");
    expect(addedHtml).toContain("&lt;img src=x onerror=alert(1)&gt;后门也锁了");
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code));
    expect((await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.id))).map((e) => e.kind)).toContain("reporter_info");

    const wrong = await postForm("/track", { code, secret: "2222-3333-4444-5555-6666-7777" });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain("查询码或密钥不正确");
    for (let i = 0; i < 4; i++) await postForm("/track", { code, secret: "nope" });
    const limited = await postForm("/track", { code, secret });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("错误次数过多");
  });

  it("database down: the form says to try again (503) and keeps what was typed", async () => {
    const gone = await openTestDb(kind);
    const goneApp = createApp({ deps: testDeps(gone) });
    await gone.close();
    const res = await goneApp.request("/tips", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ text: FIRE_TEXT, place: "朝阳路 1 号", county: "450102" }).toString(),
    });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain("您的举报还没有提交");
    expect(html).toContain(`>${FIRE_TEXT}</textarea>`);
    expect(html).toContain('value="朝阳路 1 号"');
    expect(html).toMatch(/<option value="450102" selected="">/);
  });
});
