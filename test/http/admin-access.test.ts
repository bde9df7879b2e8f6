import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { createApp } from "../../src/http/app.js";
import { tipAttachments, tips, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post } from "./admin-support.js";

const ACTION_FORMS: Record<string, Record<string, string>> = {
  accept: {},
  reject: { reason: "理由理由" },
  investigate: {},
  transfer: { unitId: "1", reason: "理由理由" },
  result: { result: "substantiated", findings: "属实属实" },
  close: { conclusion: "a", summary: "b", decision: "c", rewardEligibility: "d" },
  merge: { intoTipId: "1" },
  message: { text: "请补充" },
  reward: { basisKind: "fine", fineYuan: "20000" },
  "reward-payment": { paidOn: "2024-01-02", way: "cash", reference: "ref" },
};

describe.each(DB_KINDS)("admin authorisation on every id route on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let mine: { cookie: string; csrf: string };
  let theirs: { cookie: string; csrf: string };
  let tipId: number;
  let attachmentId: number;
  let otherTipId: number;

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    const [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    const [other] = await deps.db
      .select()
      .from(units)
      .where(and(like(units.jurisdictionCode, "4501%"), eq(units.kind, "department")))
      .limit(1);
    await makeStaff(deps, { username: "fire", role: "unit", unit: fire.key });
    await makeStaff(deps, { username: "other", role: "unit", unit: other.key });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const r = await submitTip(deps, {
      channel: "web",
      text: "商场把消防通道堵死了<script>alert('x')</script><img src=x onerror=alert(1)>",
      place: "南宁市兴宁区",
      attachments: [{ fileName: "photo.png", mimeType: "image/png", body: png }],
    });
    tipId = r.tipId;
    expect(r.routing.unit.id).toBe(fire.id);
    [{ id: attachmentId }] = await deps.db.select({ id: tipAttachments.id }).from(tipAttachments).where(eq(tipAttachments.tipId, tipId));
    const o = await submitTip(deps, { channel: "web", text: "另一起消防通道堵塞的举报内容", place: "南宁市兴宁区" });
    otherTipId = o.tipId;
    await deps.db.update(tips).set({ unitId: other.id }).where(eq(tips.id, otherTipId));
    mine = await login(app, "fire");
    theirs = await login(app, "other");
  }, 240_000);
  afterAll(async () => database?.close());

  it("another unit's staff get 404 on the tip page, the attachment and every action — and nothing changes", async () => {
    expect((await app.request(`/admin/tips/${tipId}`, { headers: { Cookie: theirs.cookie } })).status).toBe(404);
    expect((await app.request(`/admin/tips/${tipId}/attachments/${attachmentId}`, { headers: { Cookie: theirs.cookie } })).status).toBe(404);
    for (const [action, form] of Object.entries(ACTION_FORMS)) {
      const res = await post(app, `/admin/tips/${tipId}/${action}`, { _csrf: theirs.csrf, ...form }, theirs.cookie);
      expect(res.status, action).toBe(404);
    }
    const [tip] = await deps.db.select().from(tips).where(eq(tips.id, tipId));
    expect(tip.status).toBe("received");
    // Merging my tip into theirs is refused the same way: the target is not visible to me.
    expect((await post(app, `/admin/tips/${tipId}/merge`, { _csrf: mine.csrf, intoTipId: String(otherTipId) }, mine.cookie)).status).toBe(404);
    // An attachment id paired with another tip id is not found either.
    expect((await app.request(`/admin/tips/${otherTipId}/attachments/${attachmentId}`, { headers: { Cookie: theirs.cookie } })).status).toBe(404);
    expect((await app.request(`/admin/tips/99999999`, { headers: { Cookie: mine.cookie } })).status).toBe(404);
    expect((await app.request(`/admin/tips/abc`, { headers: { Cookie: mine.cookie } })).status).toBe(400);
  });

  it("the owner sees the tip; its <script> text renders inert; the attachment downloads with attachment disposition and nosniff", async () => {
    const page = await app.request(`/admin/tips/${tipId}`, { headers: { Cookie: mine.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    const file = await app.request(`/admin/tips/${tipId}/attachments/${attachmentId}`, { headers: { Cookie: mine.cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toBe('attachment; filename="photo.png"');
    expect(file.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await file.arrayBuffer()).length).toBe(11);
    const queue = await (await app.request("/admin?q=%E6%B6%88%E9%98%B2", { headers: { Cookie: mine.cookie } })).text();
    expect(queue).not.toContain("<script>alert");
  });

  it("acts through the forms: accept redirects back with the new status; a wrong transition shows an error, not a 500", async () => {
    const accepted = await post(app, `/admin/tips/${tipId}/accept`, { _csrf: mine.csrf }, mine.cookie);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("Location")).toBe(`/admin/tips/${tipId}?done=accept`);
    const again = await post(app, `/admin/tips/${tipId}/accept`, { _csrf: mine.csrf }, mine.cookie);
    expect(again.headers.get("Location")).toBe(`/admin/tips/${tipId}?error=conflict`);
    const reject = await post(app, `/admin/tips/${tipId}/investigate`, { _csrf: "nope" }, mine.cookie);
    expect(reject.status).toBe(403);
    const page = await (await app.request(`/admin/tips/${tipId}?error=conflict`, { headers: { Cookie: mine.cookie } })).text();
    expect(page).toContain("已受理");
    expect(page).toContain("该举报当前状态不允许此操作");
  });

  it("shows the routing decision step by step and a readable trail, in the page's language", async () => {
    const section = (html: string, id: string) =>
      html.slice(html.indexOf(`id="${id}"`), html.indexOf(`</${id === "events" ? "table" : "ol"}>`, html.indexOf(`id="${id}"`)));
    const zh = await (await app.request(`/admin/tips/${tipId}`, { headers: { Cookie: mine.cookie } })).text();
    // Transfer targets are grouped by jurisdiction: the city's own units, then each county's.
    expect(zh).toMatch(/<optgroup label="南宁市">[\s\S]*?南宁市安委办[\s\S]*?<\/optgroup>/);
    expect(zh).toMatch(/<optgroup label="兴宁区">(?:(?!<\/optgroup>)[\s\S])*兴宁区应急管理局/);
    const steps = section(zh, "routing-steps");
    expect(steps).toContain("消防通道");
    expect(steps).toContain("南宁市消防救援支队");
    expect(steps.match(/<li>/g)?.length).toBeGreaterThanOrEqual(3);
    const trail = section(zh, "events");
    expect(trail).toContain("核查期限"); // the accepted event's verification deadline, labelled
    expect(trail).toMatch(/<td>fire<\/td>/); // the staff member by username, not staff:<id>:fire
    expect(trail).toContain("系统");
    await post(app, `/admin/tips/${tipId}/investigate`, { _csrf: mine.csrf }, mine.cookie);
    const investigating = section(await (await app.request(`/admin/tips/${tipId}`, { headers: { Cookie: mine.cookie } })).text(), "events");
    expect(investigating).toContain("已受理 → 核查中");
    expect(trail + steps).not.toMatch(/unitId|verifyBy|explanation|\[object Object\]|staff:\d+:/);

    const en = await (await app.request(`/admin/tips/${tipId}`, { headers: { Cookie: `${mine.cookie}; jubao_admin_lang=en` } })).text();
    const [fireUnit] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    expect(fireUnit.nameEn).toBeTruthy();
    expect(en).toContain(`<span id="tip-unit">${fireUnit.nameEn}</span>`);
    const enQueue = await (await app.request("/admin", { headers: { Cookie: `${mine.cookie}; jubao_admin_lang=en` } })).text();
    expect(enQueue).toContain(`<td>${fireUnit.nameEn}<`); // then "no liaison": none is bound in this test
    const enSteps = section(en, "routing-steps");
    expect(enSteps).toContain("Fire");
    expect(enSteps).not.toMatch(/行业|地点/);
    expect(section(en, "events")).toContain("<td>system</td>");
  });
});
