import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import TelegramServer from "telegram-test-api";
import type { TelegramClient } from "telegram-test-api/lib/modules/telegramClient.js";
import { createBot } from "../../bot/create-bot.js";
import { monthlyReports, obligations } from "../../src/db/schema.js";
import { startCampaign } from "../../src/app/campaigns/start-campaign.js";
import type { TelegramRunner } from "../../src/adapters/telegram-runner.js";
import { freeTcpPort, startPollingAgainstEmulator, type BotMessage } from "../support/telegram-emulator.js";
import { shanghaiInstant } from "../../src/domain/reminder-policy.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addLiaison, unitId } from "../app/figures-fixtures.js";

const TOKEN = "434343:E2E-figures-polling-abcdefghijklmnop";
const CHAT = 5260;

const buttonsOf = (m: BotMessage) => (m.message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);

/**
 * Issue 5's last "done when": the monthly figures conversation over HTTP against telegram-test-api,
 * with our bot long-polling it through the runner main.ts uses. The chat is a liaison of a Hengnan
 * township under a hengnan-2018 campaign; it files June's 11 metrics step by step (a Chinese numeral,
 * the "0" button, a confirmed plausibility warning), sees the review with 累计数, submits, and the
 * stored row is checked. Every wait is bounded; everything is stopped after.
 */
describe.each(DB_KINDS)("monthly figures over telegram-test-api in long-polling mode, on %s", (kind) => {
  let server: InstanceType<typeof TelegramServer>;
  let database: TestDb;
  let deps: Deps;
  let runner: TelegramRunner | undefined;
  let client: TelegramClient;
  let unit: number;
  let campaignId: number;
  let juneObligation: number;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freeTcpPort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    database = await openTestDb(kind);
    // Tuesday 2018-07-03, 10:00 in Hengnan: before June's due day (07-05), so the filing is on time.
    deps = testDeps(database, {
      clock: () => shanghaiInstant("2018-07-03", "10:00"),
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL },
    });
    unit = await unitId(deps.db, "430422103:township");
    await addLiaison(deps, unit, CHAT);
    const campaign = await startCampaign(deps, { template: "hengnan-2018", jurisdictionCode: "430422", figuresDueDay: 5, actor: "staff:e2e" });
    campaignId = campaign.campaignId;
    const [june] = await deps.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.campaignId, campaignId), eq(obligations.unitId, unit), eq(obligations.kind, "figures"), eq(obligations.period, "2018-06")));
    juneObligation = june.id;

    const bot = createBot({ token: TOKEN, deps });
    runner = await startPollingAgainstEmulator(bot, deps);
    expect(runner.mode).toBe("polling");
    client = server.getClient(TOKEN, { chatId: CHAT, userId: CHAT, firstName: "Liaison", timeout: 15_000, interval: 50 });
  });

  afterAll(async () => {
    await runner?.stop();
    await server?.stop();
    await database?.close();
  });

  /**
   * The bot's messages to our chat since the last look, waiting (bounded) until one satisfies the
   * predicate. One non-blocking request per look: the emulator client's own getUpdates keeps retrying
   * in the background after its timeout and would swallow later messages.
   */
  async function replyMatching(predicate: (m: BotMessage) => boolean, what: string): Promise<BotMessage> {
    const deadline = Date.now() + 15_000;
    const seen: string[] = [];
    while (Date.now() < deadline) {
      const res = await fetch(`${server.config.apiURL}/getUpdates`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: TOKEN, chatId: CHAT }),
      });
      const { result } = (await res.json()) as { result: BotMessage[] };
      seen.push(...result.map((m) => m.message.text));
      const hit = result.find(predicate);
      if (hit) return hit;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no reply: ${what}; saw ${JSON.stringify(seen)}`);
  }
  const step = (n: number) => (m: BotMessage) => m.message.text.includes(`第 ${n}/11 项`);

  it("files June's 11 metrics step by step over the emulator, reviews 本月数 and 累计数, submits, and stores them", async () => {
    await client.sendCallback(client.makeCallbackQuery(`fig:start:${juneObligation}`));
    const first = await replyMatching(step(1), "question 1");
    expect(first.message.text).toContain("茶市镇人民政府 2018年6月");
    expect(String(first.message.chat_id)).toBe(String(CHAT));
    expect(buttonsOf(first)).toEqual(["fig:zero", "fig:cancel"]); // no last month in the campaign's first month

    await client.sendMessage(client.makeMessage("10"));
    expect((await replyMatching(step(2), "question 2")).message.text).toContain("出动执法人员（人次）");
    await client.sendMessage(client.makeMessage("十二")); // a Chinese numeral, and fewer than two officers per action
    const warning = await replyMatching((m) => buttonsOf(m).includes("fig:confirm"), "plausibility warning");
    expect(warning.message.text).toContain("出动执法人员 12 人次，少于执法活动 10 次所需的 20 人次");
    await client.sendCallback(client.makeCallbackQuery("fig:confirm"));
    await replyMatching(step(3), "question 3");
    await client.sendMessage(client.makeMessage("30"));
    await replyMatching(step(4), "question 4");
    await client.sendMessage(client.makeMessage("2"));
    await replyMatching(step(5), "question 5");
    await client.sendMessage(client.makeMessage("3500元")); // fines in 万元: 0.35
    await replyMatching(step(6), "question 6");
    await client.sendCallback(client.makeCallbackQuery("fig:zero"));
    await replyMatching(step(7), "question 7");
    await client.sendMessage(client.makeMessage("1"));
    await replyMatching(step(8), "question 8");
    await client.sendCallback(client.makeCallbackQuery("fig:zero"));
    await replyMatching(step(9), "question 9");
    await client.sendMessage(client.makeMessage("两"));
    await replyMatching(step(10), "question 10");
    await client.sendCallback(client.makeCallbackQuery("fig:zero"));
    await replyMatching(step(11), "question 11");
    await client.sendCallback(client.makeCallbackQuery("fig:zero"));

    const review = await replyMatching((m) => m.message.text.includes("累计数"), "review");
    expect(review.message.text).toContain("请核对 茶市镇人民政府 2018年6月 月报表");
    expect(review.message.text).toContain("指标｜单位｜本月数｜累计数");
    expect(review.message.text).toContain("组织(包括日常、集中、联合、专项等)执法活动｜次｜10｜10");
    expect(review.message.text).toContain("出动执法人员｜人次｜12｜12");
    expect(review.message.text).toContain("经济处罚｜万元｜0.35｜0.35");
    expect(buttonsOf(review)).toEqual(["fig:submit", "fig:edit", "fig:cancel"]);

    await client.sendCallback(client.makeCallbackQuery("fig:submit"));
    const done = await replyMatching((m) => m.message.text.includes("已报送"), "submitted");
    expect(done.message.text).toContain("按时报送");

    const stored = await deps.db
      .select()
      .from(monthlyReports)
      .where(and(eq(monthlyReports.campaignId, campaignId), eq(monthlyReports.unitId, unit), eq(monthlyReports.period, "2018-06")));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 1, current: true, late: false });
    expect(stored[0].submittedBy).toMatch(/^liaison:\d+$/);
    expect(stored[0].values).toEqual({
      enforcement_actions: 10,
      officers_deployed: 12,
      units_inspected: 30,
      cases_opened: 2,
      fines: 35,
      suspensions: 0,
      licences_suspended_or_revoked: 1,
      closures: 0,
      officials_held_accountable: 2,
      administrative_detentions: 0,
      criminal_arrests: 0,
    });
    const [june] = await deps.db.select().from(obligations).where(eq(obligations.id, juneObligation));
    expect(june.status).toBe("done");
  });
});
