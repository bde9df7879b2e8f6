import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createApp } from "../../src/http/app.js";
import { createBot } from "../../bot/create-bot.js";
import { auditLog, conversations, monthlyReports, obligations } from "../../src/db/schema.js";
import { getReport } from "../../src/app/figures/get-report.js";
import { rollupFigures } from "../../src/app/figures/rollup.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { BOT_INFO, callbackUpdate, recordApiCalls, sentTexts, textUpdate, type ApiCall } from "../support/fake-telegram.js";
import { addFiguresObligations, addLiaison, createCampaign, figures, insertReport, unitId } from "../app/figures-fixtures.js";

const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
const SECRET = "hook-secret-figures";

function buttons(calls: ApiCall[]): string[] {
  const markup = calls.filter((c) => c.method === "sendMessage").at(-1)?.payload.reply_markup as
    | { inline_keyboard?: { callback_data: string }[][] }
    | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);
}

describe.each(DB_KINDS)("monthly figures in conversation through POST /telegram/webhook on %s", (kind) => {
  let database: TestDb;
  let base: Deps;
  let campaignId: number;
  let emergency: number;
  let township: number;
  let julyObligation: number;
  let now = new Date();

  beforeAll(async () => {
    database = await openTestDb(kind);
    base = testDeps(database);
    campaignId = await createCampaign(base.db);
    emergency = await unitId(base.db, "430422:emergency");
    township = await unitId(base.db, "430422001:township");
    const ids = await addFiguresObligations(base.db, campaignId, emergency, ["2018-06", "2018-07"]);
    julyObligation = ids["2018-07"];
    await insertReport(base.db, {
      campaignId,
      unitId: emergency,
      period: "2018-06",
      values: figures({ enforcement_actions: 4, officers_deployed: 10, units_inspected: 8, cases_opened: 1, fines: 0.5 }),
    });
    await base.db.update(obligations).set({ status: "done" }).where(eq(obligations.id, ids["2018-06"]));
    await addFiguresObligations(base.db, campaignId, township, ["2018-07"]);
    await addLiaison(base, emergency, 7101);
    await addLiaison(base, township, 7102);
    await addLiaison(base, emergency, 7103);
    await addLiaison(base, township, 7103);
  });
  afterAll(async () => database?.close());

  /** A fresh bot and app each time: what a restarted server or another replica would be. */
  function setup() {
    const deps = testDeps(database, { clock: () => now, env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET } });
    const bot = createBot({ token: TOKEN, deps, botConfig: { botInfo: BOT_INFO } });
    const calls = recordApiCalls(bot);
    const app = createApp({ deps, bot });
    const post = async (update: unknown) => {
      const res = await app.request("/telegram/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    };
    const say = (chat: number, text: string) => post(textUpdate(chat, text));
    const tap = (chat: number, data: string) => post(callbackUpdate(chat, data));
    const last = (chat: number) => sentTexts(calls, chat).at(-1) ?? "";
    return { deps, calls, say, tap, last };
  }

  it("files all 11 metrics one by one from the reminder's button, with last month, 0, Chinese numerals, a re-ask and a confirmed warning", async () => {
    now = new Date("2018-08-03T02:00:00Z"); // 10:00 in Hengnan, before the 10th
    const { calls, say, tap, last } = setup();
    await tap(7101, `fig:start:${julyObligation}`);
    expect(last(7101)).toContain("衡南县应急管理局 2018年7月");
    expect(last(7101)).toContain("第 1/11 项：组织(包括日常、集中、联合、专项等)执法活动（次）");
    expect(last(7101)).toContain("上月：4");
    expect(buttons(calls)).toEqual(["fig:same", "fig:zero", "fig:cancel"]);

    await tap(7101, "fig:same");
    expect(last(7101)).toContain("第 2/11 项：出动执法人员（人次）");
    expect(last(7101)).toContain("上月：10");
    await say(7101, "很多");
    expect(last(7101)).toContain("没能识别出一个数字");
    expect(last(7101)).toContain("第 2/11 项");
    await say(7101, "十二");
    expect(last(7101)).toContain("第 3/11 项：检查生产经营单位");
    await say(7101, "两千");
    expect(last(7101)).toContain("检查生产经营单位 为 2000，超过本单位以往中位数 8 的 5 倍");
    expect(buttons(calls)).toEqual(["fig:confirm", "fig:edit"]);
    await tap(7101, "fig:confirm");
    expect(last(7101)).toContain("第 4/11 项：立案调查");
    await say(7101, "3起");
    await say(7101, "3500元");
    expect(last(7101)).toContain("第 6/11 项：责令停产停业");
    await tap(7101, "fig:zero");
    await say(7101, "一");
    for (let i = 0; i < 3; i++) await tap(7101, "fig:zero");
    expect(last(7101)).toContain("第 11/11 项：抓捕涉嫌犯罪人员");
    await say(7101, "0");

    const review = last(7101);
    expect(review).toContain("请核对 衡南县应急管理局 2018年7月 月报表");
    expect(review).toContain("指标｜单位｜本月数｜累计数");
    // 累计数 = June's current version + July's answers, computed.
    expect(review).toContain("组织(包括日常、集中、联合、专项等)执法活动｜次｜4｜8");
    expect(review).toContain("出动执法人员｜人次｜12｜22");
    expect(review).toContain("经济处罚｜万元｜0.35｜0.85");
    expect(buttons(calls)).toEqual(["fig:submit", "fig:edit", "fig:cancel"]);

    await tap(7101, "fig:submit");
    expect(last(7101)).toContain("已报送");
    expect(last(7101)).toContain("按时报送");
    const [row] = await base.db
      .select()
      .from(monthlyReports)
      .where(and(eq(monthlyReports.unitId, emergency), eq(monthlyReports.period, "2018-07")));
    expect(row).toMatchObject({ version: 1, current: true, late: false });
    expect(row.values).toMatchObject({
      enforcement_actions: 4,
      officers_deployed: 12,
      units_inspected: 2000,
      cases_opened: 3,
      fines: 35,
      licences_suspended_or_revoked: 1,
      criminal_arrests: 0,
    });
    const [obligation] = await base.db.select().from(obligations).where(eq(obligations.id, julyObligation));
    expect(obligation.status).toBe("done");
    expect(obligation.doneBy).toMatch(/^liaison:\d+$/);
    const audits = await base.db.select().from(auditLog).where(eq(auditLog.action, "figures.submit"));
    expect(audits.map((a) => a.entityId)).toContain(String(row.id));
    expect(await base.db.select().from(conversations)).toHaveLength(0);
  });

  it("takes all eleven in one message (after saying how many it found), survives a restart, and marks a filing after the due day late", async () => {
    now = new Date("2018-08-10T16:30:00Z"); // 00:30 on the 11th in Asia/Shanghai: past the due day
    const first = setup();
    await first.say(7102, "/figures");
    expect(first.last(7102)).toContain("云集街道");
    expect(first.last(7102)).toContain("上月：—");
    expect(buttons(first.calls)).toEqual(["fig:zero", "fig:cancel"]);

    const second = setup(); // another replica, or the same server after a restart
    await second.say(7102, "5 12 30");
    expect(second.last(7102)).toContain("找到 3 个数字，月报表需要 11 个");
    await second.say(7102, "5、12、30、2、1.5、0、0、1、0、0、0");
    const review = second.last(7102);
    expect(review).toContain("组织(包括日常、集中、联合、专项等)执法活动｜次｜5｜5");
    expect(review).toContain("经济处罚｜万元｜1.50｜1.50");
    await second.tap(7102, "fig:submit");
    expect(second.last(7102)).toContain("逾期报送");
    const [row] = await base.db.select().from(monthlyReports).where(eq(monthlyReports.unitId, township));
    expect(row).toMatchObject({ version: 1, late: true });
    expect(row.values).toMatchObject({ fines: 150, closures: 1 });
  });

  it("corrects a filed month as version 2 with a reason; version 1 stays, not current; totals use version 2", async () => {
    now = new Date("2018-08-20T02:00:00Z");
    const own = await createCampaign(base.db);
    const housing = await unitId(base.db, "430422:housing");
    const ids = await addFiguresObligations(base.db, own, housing, ["2018-06", "2018-07"]);
    await base.db.update(obligations).set({ status: "done" }).where(eq(obligations.campaignId, own));
    await insertReport(base.db, { campaignId: own, unitId: housing, period: "2018-06", values: figures({ enforcement_actions: 4, officers_deployed: 12 }) });
    await insertReport(base.db, { campaignId: own, unitId: housing, period: "2018-07", values: figures({ enforcement_actions: 4, officers_deployed: 12 }) });
    await addLiaison(base, housing, 7104);
    const { calls, say, tap, last } = setup();
    await tap(7104, `fig:start:${ids["2018-07"]}`);
    expect(last(7104)).toContain("已报送，以下为当前数据");
    expect(last(7104)).toContain("组织(包括日常、集中、联合、专项等)执法活动｜次｜4｜8");
    await tap(7104, "fig:edit");
    expect(buttons(calls)).toHaveLength(11);
    await tap(7104, "fig:edit:0");
    expect(last(7104)).toContain("当前填写：4");
    await say(7104, "6");
    expect(last(7104)).toContain("组织(包括日常、集中、联合、专项等)执法活动｜次｜6｜10");
    await tap(7104, "fig:submit");
    expect(last(7104)).toContain("请说明更正原因");
    await say(7104, "改");
    expect(last(7104)).toContain("至少两个字");
    await say(7104, "漏报一次联合执法");
    expect(last(7104)).toContain("已更正（第 2 版）");

    const versions = await base.db
      .select()
      .from(monthlyReports)
      .where(and(eq(monthlyReports.campaignId, own), eq(monthlyReports.period, "2018-07")))
      .orderBy(monthlyReports.version);
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions[1].reason).toBe("漏报一次联合执法");
    expect(versions[1].submittedBy).toMatch(/^liaison:\d+$/);
    const report = await getReport(base, { campaignId: own, unitId: housing, period: "2018-07" });
    expect(report.versions.map((v) => v.values.enforcement_actions)).toEqual([4, 6]);
    expect(report.current?.values.enforcement_actions).toBe(6);
    expect(report.cumulative.enforcement_actions).toBe(10);
    const totals = await rollupFigures(base, { campaignId: own, month: "2018-07" });
    const county = totals.find((t) => t.code === "430422")!;
    expect(county.month.enforcement_actions).toBe(6);
    expect(county.cumulative.enforcement_actions).toBe(10);
    const audit = await base.db.select().from(auditLog).where(eq(auditLog.action, "figures.correct"));
    expect(audit.map((a) => a.reason)).toContain("漏报一次联合执法");
  });

  it("asks which unit when the chat answers for several, and refuses chats that are no liaison", async () => {
    const { calls, say, last } = setup();
    await say(7103, "/figures");
    expect(last(7103)).toContain("请选择要填报的单位");
    expect(buttons(calls).sort()).toEqual([`fig:unit:${emergency}`, `fig:unit:${township}`].sort());
    await say(7199, "/figures");
    expect(last(7199)).toContain("还不是任何单位的联络员");
    // Someone else's obligation id reads as nothing to file, and starts nothing.
    const before = (await base.db.select().from(conversations)).length;
    await setup().tap(7199, `fig:start:${julyObligation}`);
    expect((await base.db.select().from(conversations)).length).toBe(before);
  });

  it("speaks the liaison's language: English questions, reasons and review", async () => {
    now = new Date("2018-08-03T02:00:00Z");
    const culture = await unitId(base.db, "430422:culture");
    await addFiguresObligations(base.db, campaignId, culture, ["2018-07"]);
    await addLiaison(base, culture, 7105);
    const { say, tap, last } = setup();
    await tap(7105, "lang:en");
    await say(7105, "/figures");
    expect(last(7105)).toContain("1/11: Enforcement actions (routine, concentrated, joint, special) (actions)");
    await say(7105, "-3");
    expect(last(7105)).toContain("A figure cannot be negative.");
    await say(7105, "2 3 4 0 1.234 0 0 0 0 0 0");
    expect(last(7105)).toContain('"Fines": Fines are in 10,000 yuan with at most two decimals');
    await say(7105, "2 3 4 0 1.23 0 0 0 0 0 0");
    expect(last(7105)).toContain("3 officer deployments is fewer than the 4 that 2 enforcement actions need");
    expect(last(7105)).toContain("Fines is 1.23 10,000 yuan, but no case was opened.");
    await tap(7105, "fig:confirm");
    expect(last(7105)).toContain("Metric | Unit | This month | Cumulative");
    await tap(7105, "fig:cancel");
    expect(last(7105)).toContain("Cancelled; nothing was saved.");
    expect(await base.db.select().from(monthlyReports).where(eq(monthlyReports.unitId, culture))).toHaveLength(0);
  });
});
