import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { startBotApiEmulator, type BotApiEmulator } from "../support/bot-api-emulator.js";
import { runCli } from "../support/run-cli.js";
import { Browser, cliCreateStaff, expectSecurityHeaders, hiddenCsrf } from "./http-support.js";

const TOKEN = "777003:AAdeployedInspectionsToken_abcdefghijk";
const LIAISON = 7302;
const UNIT = "430422103:township";

/** Setup rows no HTTP route of this branch writes (the roster UI is another part of #15): straight into the service's database, before it starts. */
async function seedDirect(db: ServiceDb, statements: string[]): Promise<Record<string, unknown>[][]> {
  const out: Record<string, unknown>[][] = [];
  if (db.kind === "pglite") {
    const pg = await PGlite.create({ dataDir: join(db.dataDir, "pglite") });
    for (const s of statements) out.push((await pg.query<Record<string, unknown>>(s)).rows);
    await pg.close();
  } else {
    const sql = postgres(db.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    for (const s of statements) out.push(await sql.unsafe(s));
    await sql.end();
  }
  return out;
}

/**
 * `npm start` with the Bot API emulator: a township's staff record an inspection over HTTP on the desk
 * (a one-officer record refused with its reason), then the township's liaison opens /figures in
 * Telegram, finds the month pre-filled from the record, answers the one metric records lack, confirms
 * with "确认", and the operator's CSV export carries the record's figures.
 */
describe.each(DB_KINDS)("inspection records fill the 月报表 through the deployed service, on %s", (kind) => {
  let api: BotApiEmulator;
  let db: ServiceDb;
  let svc: Service;
  let campaignId: string;
  let inviteToken: string;
  let period: string;
  let enterpriseId: number;
  let officers: number[];
  const env = () => ({ ...db.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_USERNAME: "jubao_deployed_bot" });

  beforeAll(async () => {
    api = await startBotApiEmulator();
    db = await serviceDb(kind);
    const started = await runCli(env(), ["campaign:start", "--template", "hengnan-2018", "--jurisdiction", "430422", "--figures-due-day", "5"]);
    campaignId = /campaign (\d+) started/.exec(started)![1];
    const invite = await runCli(env(), ["invite", "--unit", UNIT]);
    inviteToken = /https:\/\/t\.me\/jubao_deployed_bot\?start=(li_[A-Za-z0-9_-]+)/.exec(invite)![1];
    await cliCreateStaff(env(), ["--username", "cs-township", "--role", "unit", "--unit", UNIT]);
    const [unitRows, , , entRows, officerRows, periodRows] = await seedDirect(db, [
      `select id from units where key = '${UNIT}'`,
      `insert into inspectors (unit_id, name, certificate_no) select id, '谭军', 'CS-01' from units where key = '${UNIT}'`,
      `insert into inspectors (unit_id, name, certificate_no) select id, '邓丽', 'CS-02' from units where key = '${UNIT}'`,
      `insert into enterprises (name, name_norm, sector_code, jurisdiction_code, supervising_level) values ('茶市镇宏达花炮厂', '茶市镇宏达花炮厂', 'fireworks', '430422103', 'township') returning id`,
      `select i.id from inspectors i join units u on u.id = i.unit_id where u.key = '${UNIT}' order by i.id`,
      `select min(o.period) as period from obligations o join units u on u.id = o.unit_id where u.key = '${UNIT}' and o.kind = 'figures' and o.status = 'open'`,
    ]);
    expect(unitRows).toHaveLength(1);
    enterpriseId = Number(entRows[0].id);
    officers = officerRows.map((r) => Number(r.id));
    period = String(periodRows[0].period);
    svc = await startService(env());
  }, 300_000);

  afterAll(async () => {
    await svc?.stop();
    await api?.close();
    await db?.drop();
  });

  it("records on the desk over HTTP, the liaison confirms the pre-filled form in Telegram, the export shows it", async () => {
    const clerk = new Browser(svc.url);
    await clerk.login("cs-township");
    const search = await clerk.fetch(`/desk/inspections/new?q=${encodeURIComponent("宏达花炮")}`);
    expect(search.status).toBe(200);
    expectSecurityHeaders(search, "GET /desk/inspections/new");
    const html = await search.text();
    expect(html).toContain(`name="enterpriseId" value="${enterpriseId}"`);
    expect(html).toContain("谭军");
    const csrf = hiddenCsrf(html);
    const day = `${period}-01`;
    const form = (ids: number[]) => {
      const b = new URLSearchParams({
        _csrf: csrf,
        enterpriseId: String(enterpriseId),
        inspectedOn: day,
        kind: "unannounced",
        finding_0: "成品仓库超量储存",
        major_0: "1",
        suspended: "1",
        caseNo: "衡南应急立〔2026〕3号",
        fineYuan: "3500",
      });
      for (const id of ids) b.append("inspectorIds", String(id));
      return clerk.fetch("/desk/inspections", { method: "POST", body: b, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: svc.url } });
    };
    const alone = await form([officers[0]]);
    expect(alone.status).toBe(400);
    expect(await alone.text()).toContain("执法人员不得少于两人");
    const saved = await form(officers);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/desk?done=recorded");
    // The record and its 回头看 on the admin list.
    const list = await (await clerk.fetch("/admin/inspections?due=1")).text();
    expect(list).toContain("茶市镇宏达花炮厂");
    expect(list).toContain("责令停产停业");

    const liaison = api.user(TOKEN, LIAISON, "Liaison");
    await liaison.command(`/start ${inviteToken}`);
    await liaison.replyMatching((m) => m.message.text.includes("绑定成功"), "bound as liaison");
    await liaison.command(`/figures ${period}`);
    const ask = await liaison.replyMatching((m) => m.message.text.includes("执法检查记录预填"), "pre-filled, one question");
    expect(ask.message.text).toContain("问责领导干部");
    await liaison.say("0");
    const review = await liaison.replyMatching((m) => m.message.text.includes("累计数"), "review");
    expect(review.message.text).toContain("经济处罚｜万元｜0.35");
    expect(review.message.text).toContain("出动执法人员｜人次｜2");
    await liaison.say("确认");
    await liaison.replyMatching((m) => m.message.text.includes("月报表已报送"), "submitted");

    await svc.stop();
    const csv = await runCli(env(), ["export", "--campaign", campaignId, "--month", period, "--format", "csv", "--unit", UNIT]);
    svc = await startService(env());
    const row = (label: string) => csv.split(/\r?\n/).find((l) => l.includes(label)) ?? "";
    expect(row("执法活动")).toMatch(/,1,/);
    expect(row("出动执法人员")).toMatch(/,2,/);
    expect(row("立案调查")).toMatch(/,1,/);
    expect(row("经济处罚")).toMatch(/,0\.35,/);
    expect(row("责令停产停业")).toMatch(/,1,/);
  }, 240_000);
});
