import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { addPhoneLiaison } from "../../src/app/liaisons/add-phone-liaison.js";
import { removeLiaison } from "../../src/app/liaisons/remove-liaison.js";
import { remindUnit } from "../../src/app/reminders/remind-unit.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { sendDueReminders } from "../../src/app/reminders/send-due-reminders.js";
import { conversations, deskLinks, monthlyReports, outbox } from "../../src/db/schema.js";
import { pruneBookkeeping } from "../../src/jobs/retention.js";
import { shanghaiInstant } from "../../src/domain/reminder-policy.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, createCampaign, unitId } from "../app/figures-fixtures.js";
import { cookieHeader, ORIGIN } from "./admin-support.js";

const SECRET = "gateway-secret-sms-liaison";
const LIAISON = "+8613800138011";
const STRANGER = "+8613900139022";

/**
 * Liaisons without Telegram (#13 item 2), through the real SMS webhook and desk routes: a phone liaison
 * files the month with `月报 <11 numbers>` (the bot's parser, Chinese numerals and units), a warning
 * waits for `确认`, a correction needs a reason and becomes a new version, a bad SMS is answered and
 * files nothing, a stranger's 月报 is refused; and the reminder SMS carries a one-time desk link.
 */
describe.each(DB_KINDS)("SMS liaisons on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let unit: number;
  let campaign: number;
  let now = shanghaiInstant("2018-07-10", "10:00");
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { env: { SMS_GATEWAY_SECRET: SECRET, PUBLIC_URL: ORIGIN }, clock: () => now });
    app = createApp({ deps });
    unit = await unitId(deps.db, "430422103:township");
    campaign = await createCampaign(deps.db);
    await addFiguresObligations(deps.db, campaign, unit, ["2018-06", "2018-07"]);
    const added = await addPhoneLiaison(deps, { unit: "430422103:township", phone: "138 0013 8011", actor: "staff:test" });
    expect(added).toMatchObject({ ok: true, phone: LIAISON });
    expect(await addPhoneLiaison(deps, { unit, phone: LIAISON, actor: "staff:test" })).toEqual({ ok: false, reason: "already_liaison" });
    expect(await addPhoneLiaison(deps, { unit, phone: "12345", actor: "staff:test" })).toEqual({ ok: false, reason: "invalid_phone" });
  });
  afterAll(async () => database?.close());

  let n = 0;
  const sms = async (from: string, text: string): Promise<string> => {
    const body = JSON.stringify({ from, text, id: `sl-${++n}` });
    const res = await app.request("/sms/inbound", {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", SECRET).update(body).digest("hex") },
      body,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { reply: string }).reply;
  };
  const reports = (period: string) =>
    deps.db
      .select()
      .from(monthlyReports)
      .where(and(eq(monthlyReports.unitId, unit), eq(monthlyReports.period, period)))
      .orderBy(asc(monthlyReports.version));

  it("refuses a 月报 from a phone that is no liaison, and bad counts and values, filing nothing", async () => {
    expect(await sms(STRANGER, "月报 1 2 3 4 5 6 7 8 9 10 11")).toContain("不是任何单位的联络员");
    expect(await sms(LIAISON, "月报 12 30 15")).toBe("月报需要11个数，本条找到3个，未填报。格式：月报 数1 数2 … 数11（按报表顺序，用空格分隔）");
    expect(await sms(LIAISON, "月报 12 30 15 2 3501元 0 0 0 0 0 0")).toMatch(/^第5项“经济处罚”：.*最多保留两位小数.*本条未填报/);
    expect(await sms(LIAISON, "月报 12 30 1.5 2 0 0 0 0 0 0 0")).toMatch(/^第3项“检查生产经营单位”：这一项须为整数/);
    expect(await reports("2018-06")).toEqual([]);
    // A stranger's 确认 is not a figures command: it goes on as text (the tip flow asks for more).
    expect(await sms(STRANGER, "确认")).not.toContain("月报");
  });

  it("files the month due at once in Chinese numerals when nothing looks odd", async () => {
    const reply = await sms(LIAISON, "月报 十二、三十、十五、二、0.5万元、0、0、0、0、0、0");
    expect(reply).toBe("茶市镇人民政府2018年6月月报已报送。谢谢！");
    const [june] = await reports("2018-06");
    expect(june).toMatchObject({ version: 1, current: true, late: false });
    expect(june.submittedBy).toMatch(/^liaison:\d+$/);
    expect((june.values as Record<string, number>).enforcement_actions).toBe(12);
    expect((june.values as Record<string, number>).fines).toBe(50);
  });

  it("holds a month with warnings until 确认, then files it; a second 确认, or one a day late, finds nothing", async () => {
    now = shanghaiInstant("2018-08-10", "09:00");
    await sms(LIAISON, "月报 10 5 8 0 1.2万元 0 0 0 0 0 0");
    now = shanghaiInstant("2018-08-11", "09:30");
    expect(await sms(LIAISON, "确认")).toContain("没有待确认的月报");
    expect(await reports("2018-07")).toEqual([]);
    const reply = await sms(LIAISON, "月报 10 5 8 0 1.2万元 0 0 0 0 0 0");
    expect(reply).toContain("将填报茶市镇人民政府2018年7月月报。请核对：");
    expect(reply).toContain("出动执法人员 5 人次，少于执法活动 10 次所需的 20 人次");
    expect(reply).toContain("经济处罚 为 1.20 万元，但立案调查为 0");
    expect(reply).toContain("无误请回复“确认”");
    expect(await reports("2018-07")).toEqual([]);
    const pending = await deps.db.select().from(conversations).where(eq(conversations.flow, "sms-figures"));
    expect(pending).toHaveLength(1);
    expect(JSON.stringify(pending[0])).not.toContain("13800138011");
    expect(await sms(STRANGER, "确认")).not.toContain("已报送");
    expect(await reports("2018-07")).toEqual([]);

    now = shanghaiInstant("2018-08-11", "10:00");
    expect(await sms(LIAISON, "确认")).toBe("茶市镇人民政府2018年7月月报已报送。已超过期限，记为逾期报送");
    const [july] = await reports("2018-07");
    expect(july).toMatchObject({ version: 1, late: true });
    expect((july.values as Record<string, number>).fines).toBe(120);
    expect(await sms(LIAISON, "确认")).toContain("没有待确认的月报");
  });

  it("takes a named month as a correction that needs 确认 with a reason, as a new version", async () => {
    const reply = await sms(LIAISON, "月报 2018-06 12 30 15 2 0.5 1 0 0 0 0 0");
    expect(reply).toContain("茶市镇人民政府2018年6月月报已报送（第1版），本条将作为更正。");
    expect(reply).toContain("确认 更正原因");
    expect(await sms(LIAISON, "确认")).toContain("更正须写明原因");
    expect(await sms(LIAISON, "确认 停产停业漏报一家")).toBe("茶市镇人民政府2018年6月月报已更正（第2版），原版本已保留");
    const versions = await reports("2018-06");
    expect(versions.map((v) => [v.version, v.current, v.reason])).toEqual([
      [1, false, null],
      [2, true, "停产停业漏报一家"],
    ]);
    expect(await sms(LIAISON, "月报 2018年6月 12 30 15 2 0.5 1 0 0 0 0 0")).toContain("数据相同，未作更改");
    expect(await sms(LIAISON, "月报 1 2 3 4 5 6 7 8 9 10 11")).toContain("目前没有需要填报的月报表");
  });

  it("sends the reminder by SMS with a one-time desk link that signs in once", async () => {
    const c2 = await createCampaign(deps.db, { name: "九月行动" });
    await addFiguresObligations(deps.db, c2, unit, ["2018-08"]);
    now = shanghaiInstant("2018-09-10", "10:00");
    await planReminders(deps);
    expect((await sendDueReminders(deps)).messages).toBeGreaterThanOrEqual(1);
    const queued = await deps.db.select().from(outbox).where(eq(outbox.channel, "sms"));
    const texts = queued
      .filter((o) => deps.crypto.decrypt(o.recipientEnc) === LIAISON)
      .map((o) => JSON.parse(deps.crypto.decrypt(o.payloadEnc!)).text as string);
    const text = texts.find((t) => t.includes("九月行动"))!;
    expect(text).toContain("短信回复“月报”加11个数");
    const link = /http:\/\/localhost(\/desk\/in\/[A-Za-z0-9_-]{22})/.exec(text)?.[1];
    expect(link, text).toBeDefined();

    const page = await app.request(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("登录单位工作台");
    const signIn = () => app.request(link!, { method: "POST", headers: { Origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }, body: "" });
    const first = await signIn();
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/desk");
    const cookie = cookieHeader(first);
    const desk = await app.request("/desk", { headers: { Cookie: cookie } });
    const html = await desk.text();
    expect(desk.status, html.slice(0, 400)).toBe(200);
    expect(html).toContain("茶市镇人民政府");
    expect(html).toContain("月报表 · 2018年8月");
    expect(html).toContain("2018年6月 · 查看或更正");
    const second = await signIn();
    expect(second.status).toBe(410);
    expect(await second.text()).toContain("此链接已使用过");
    expect((await app.request("/desk/in/AAAAAAAAAAAAAAAAAAAAAA", { method: "POST", headers: { Origin: ORIGIN } })).status).toBe(410);

    // Staff urge the unit by hand: a fresh link, which expires after 72 hours unused.
    expect(await remindUnit(deps, { unit, actor: "staff:test" })).toMatchObject({ ok: true, messages: 1 });
    const all = await deps.db.select().from(outbox).where(eq(outbox.channel, "sms"));
    const urged = all.map((o) => JSON.parse(deps.crypto.decrypt(o.payloadEnc!)).text as string).find((t) => t.includes("/desk/in/") && !t.includes(link!));
    const fresh = /http:\/\/localhost(\/desk\/in\/[A-Za-z0-9_-]{22})/.exec(urged ?? "")?.[1];
    expect(fresh, urged).toBeDefined();
    now = new Date(now.getTime() + 73 * 3_600_000);
    const late = await app.request(fresh!, { method: "POST", headers: { Origin: ORIGIN } });
    expect(late.status).toBe(410);
    expect(await late.text()).toContain("此链接已过期");

    // Removing the liaison ends a live desk session at once.
    await remindUnit(deps, { unit, actor: "staff:test" });
    const latest = (await deps.db.select().from(outbox).where(eq(outbox.channel, "sms")))
      .map((o) => /http:\/\/localhost(\/desk\/in\/[A-Za-z0-9_-]{22})/.exec(JSON.parse(deps.crypto.decrypt(o.payloadEnc!)).text)?.[1])
      .filter((l): l is string => !!l && l !== link && l !== fresh)
      .at(-1)!;
    const live = cookieHeader(await app.request(latest, { method: "POST", headers: { Origin: ORIGIN } }));
    expect((await app.request("/desk", { headers: { Cookie: live } })).status).toBe(200);
    const liaisonId = await phoneLiaisonId();
    expect(html).toContain(`联络员 #${liaisonId}（茶市镇人民政府）`);
    await removeLiaison(deps, { liaisonId, actor: "staff:test", reason: "调岗" });
    expect((await app.request("/desk", { headers: { Cookie: live } })).status).toBe(303);

    // Spent and expired links are bookkeeping: removed a week after they expire.
    now = new Date(now.getTime() + 11 * 86_400_000);
    expect((await pruneBookkeeping(deps)).deskLinks).toBeGreaterThanOrEqual(1);
    expect(await deps.db.select().from(deskLinks)).toEqual([]);
  });

  async function phoneLiaisonId(): Promise<number> {
    const { listLiaisons } = await import("../../src/app/liaisons/list-liaisons.js");
    const { liaisons } = await listLiaisons(deps, { unit });
    return liaisons.find((l) => l.phone && l.active)!.id;
  }
});
