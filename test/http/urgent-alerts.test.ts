import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { liaisons, outbox, tipEvents, tips, units } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff } from "./admin-support.js";

/**
 * Item #12.7: an urgent tip's receipt says who was really alerted. The alert itself is the outbox row
 * to a liaison; a jurisdiction whose committee has no reachable liaison gets no claim in the receipt,
 * and its committee staff see the tip on a banner, the tip page and the queue.
 */
describe.each(DB_KINDS)("urgent alerts that are true (%s)", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  const unitId = async (key: string) => (await deps.db.select({ id: units.id }).from(units).where(eq(units.key, key)))[0].id;
  const postTip = async (body: Record<string, unknown>) => {
    const res = await app.request("/api/v1/tips", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return res.json() as Promise<{
      trackingCode: string;
      notice: string | null;
      routing: { urgent: boolean; explanation: string; alerted: { role: string; name: string }[] };
    }>;
  };
  const outboxOf = async (trackingCode: string) => {
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, trackingCode));
    const rows = await deps.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `tip:${tip.id}:%`));
    return {
      tip,
      rows: rows.map((r) => ({
        key: r.dedupeKey!,
        to: deps.crypto.decrypt(r.recipientEnc),
        text: JSON.parse(deps.crypto.decrypt(r.payloadEnc!)).text as string,
      })),
    };
  };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    // Nanning's committee has a liaison on Telegram; Guilin's (450300) has none, nor have its units.
    await deps.db.insert(liaisons).values({
      unitId: await unitId("450100:committee"),
      telegramChatEnc: deps.crypto.encrypt("710001"),
      telegramChatHash: deps.crypto.hash("tg-chat", "710001"),
    });
    await makeStaff(deps, { username: "gl_committee", role: "committee", jurisdictionCode: "450300" });
    await makeStaff(deps, { username: "nn_committee", role: "committee", jurisdictionCode: "450100" });
  });
  afterAll(async () => database?.close());

  it("with a bound liaison: the outbox holds the alert to the committee, and the receipt names it", async () => {
    const r = await postTip({ text: "兴宁区一个工地基坑塌方，有工人被困在下面", place: "南宁市兴宁区", urgent: true });
    expect(r.routing.urgent).toBe(true);
    const { tip, rows } = await outboxOf(r.trackingCode);
    const alert = rows.find((m) => m.to === "710001");
    expect(alert?.key).toBe(`tip:${tip.id}:alert:liaison:${(await deps.db.select().from(liaisons))[0].id}`);
    expect(alert?.text).toContain("紧急举报告知");
    expect(alert?.text).toContain(r.trackingCode);
    expect(r.routing.alerted).toEqual([{ role: "committee", id: await unitId("450100:committee"), name: "南宁市安委办" }]);
    expect(r.notice).toContain("并已通知：南宁市安委办");
    const [event] = await deps.db
      .select()
      .from(tipEvents)
      .where(eq(tipEvents.tipId, tip.id))
      .then((es) => es.filter((e) => e.kind === "alerted"));
    expect(event).toMatchObject({ public: false, data: { told: 1, committee: { liaisons: 1 } } });

    const nn = await login(app, "nn_committee");
    const queue = await (await app.request("/admin", { headers: { Cookie: nn.cookie } })).text();
    expect(queue).not.toContain('id="untold-urgent"');
    const page = await (await app.request(`/admin/tips/${tip.id}`, { headers: { Cookie: nn.cookie } })).text();
    expect(page).toMatch(/id="alert-committee">[^<]*南宁市安委办: 有可联系的联络员 · 收到举报时已通知 1 名联络员/);
  });

  it("without one: no outbox row to anyone, no claim in the receipt (API and web), and the committee sees it", async () => {
    const before = (await deps.db.select().from(outbox)).length;
    const r = await postTip({ text: "阳朔县一个工地塔吊螺栓松动，随时可能倒下来", place: "阳朔县", urgent: true, locale: "en" });
    expect(r.routing.urgent).toBe(true);
    expect((await outboxOf(r.trackingCode)).rows).toEqual([]);
    expect((await deps.db.select().from(outbox)).length).toBe(before);
    expect(r.routing.alerted).toEqual([]);
    expect(r.notice).toBe(
      "You reported an immediate danger: the tip is marked urgent and staff will be alerted in the tip queue. If lives are in danger, call 119 or 110 now.",
    );
    expect(r.routing.explanation).not.toMatch(/alerted at once|已同时告知/);

    const form = new FormData();
    form.set("text", "阳朔县一个工地基坑边坡开裂，有工人在下面干活");
    form.set("county", "450321");
    form.set("urgent", "1");
    const web = await (await app.request("/tips", { method: "POST", body: form })).text();
    expect(web).toContain("工作人员将在举报处理系统中收到提醒");
    expect(web).not.toMatch(/已同时告知|已通知/);

    const { tip } = await outboxOf(r.trackingCode);
    const gl = await login(app, "gl_committee");
    const queue = await (await app.request("/admin", { headers: { Cookie: gl.cookie } })).text();
    const banner = /<section class="flash err" id="untold-urgent"[\s\S]*?<\/section>/.exec(queue)?.[0] ?? "";
    expect(banner).toContain(r.trackingCode);
    expect(banner).toContain("条紧急举报在收到时没有通知到任何联络员");
    const row = new RegExp(`<tr data-tip-id="${tip.id}">[\\s\\S]*?</tr>`).exec(queue)?.[0] ?? "";
    expect(row).toContain("无联络员");
    expect(row).toContain("上级安委办无联络员");
    const page = await (await app.request(`/admin/tips/${tip.id}`, { headers: { Cookie: gl.cookie } })).text();
    expect(page).toMatch(/id="alert-committee" class="alert-missing">[^<]*桂林市安委办: 目前没有可联系的联络员/);
    expect(page).toContain("收到举报时没有通知到任何联络员");
    // Once a liaison binds, the page says so; the banner still lists it until someone accepts the tip.
    await deps.db.insert(liaisons).values({ unitId: await unitId("450300:committee"), phoneEnc: deps.crypto.encrypt("13900000001") });
    const later = await (await app.request(`/admin/tips/${tip.id}`, { headers: { Cookie: gl.cookie } })).text();
    expect(later).toMatch(/id="alert-committee">[^<]*桂林市安委办: 有可联系的联络员/);
    // The Nanning committee's banner is scoped to its own jurisdiction.
    const nn = await login(app, "nn_committee");
    expect(await (await app.request("/admin", { headers: { Cookie: nn.cookie } })).text()).not.toContain(r.trackingCode);
  });
});
