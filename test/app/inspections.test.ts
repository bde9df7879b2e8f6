import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createApp } from "../../src/http/app.js";
import { createBot } from "../../bot/create-bot.js";
import type { Deps } from "../../src/app/deps.js";
import { addInspector } from "../../src/app/inspectors/roster.js";
import { recordInspection, updateInspection, type InspectionInput } from "../../src/app/inspections/record-inspection.js";
import { recordedFigures } from "../../src/app/inspections/recorded-figures.js";
import { campaignFigures } from "../../src/app/campaigns/campaign-figures.js";
import { sendInspectionReminders } from "../../src/app/reminders/inspection-reminders.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { auditLog, monthlyReports, outbox, reinspectionsDue, units } from "../../src/db/schema.js";
import { fromStored } from "../../src/app/figures/stored-values.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { BOT_INFO, callbackUpdate, recordApiCalls, sentTexts, textUpdate } from "../support/fake-telegram.js";
import { addFiguresObligations, addLiaison, createCampaign, figures, insertReport } from "./figures-fixtures.js";

const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
const SECRET = "hook-secret-inspections";

describe.each(DB_KINDS)("inspection records and the 月报表 they pre-fill on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date("2018-07-20T02:00:00Z");
  let emergency: { id: number; jurisdictionCode: string };
  let staff: StaffActor;
  let officers: number[];
  let lapsed: number;
  let plant: number;
  let mine: number;
  let campaignId: number;
  let julyObligation: number;

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now, env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET } });
    [emergency] = await deps.db.select({ id: units.id, jurisdictionCode: units.jurisdictionCode }).from(units).where(eq(units.key, "430422:emergency"));
    staff = {
      id: 901,
      username: "hn-em",
      displayName: "HN",
      role: "unit",
      jurisdictionCode: emergency.jurisdictionCode,
      unitId: emergency.id,
      locale: "zh-CN",
    };
    const a = await addInspector(deps, staff, { unitId: emergency.id, name: "刘洋", certificateNo: "HN-01" });
    const b = await addInspector(deps, staff, { unitId: emergency.id, name: "陈静", certificateNo: "HN-02" });
    const c = await addInspector(deps, staff, { unitId: emergency.id, name: "周涛", certificateNo: "HN-03" });
    lapsed = (await addInspector(deps, staff, { unitId: emergency.id, name: "吴敏", certificateNo: "HN-04", certifiedUntil: "2018-06-30" })).id;
    officers = [a.id, b.id, c.id];
    plant = (
      await upsertEnterprise(deps, {
        name: "衡南县宏达化工有限公司",
        sectorCode: "hazardous_chemicals",
        jurisdictionCode: "430422",
        supervisingLevel: "county",
      })
    ).id;
    mine = (await upsertEnterprise(deps, { name: "衡南县青山石料厂", sectorCode: "non_coal_mine", jurisdictionCode: "430422", supervisingLevel: "county" })).id;
    campaignId = await createCampaign(deps.db);
    julyObligation = (await addFiguresObligations(deps.db, campaignId, emergency.id, ["2018-07"]))["2018-07"];
    await addLiaison(deps, emergency.id, 8101);
  });
  afterAll(async () => database?.close());

  const base = (over: Partial<InspectionInput> = {}): InspectionInput => ({
    enterpriseId: plant,
    inspectedOn: "2018-07-10",
    kind: "planned",
    inspectorIds: [officers[0], officers[1]],
    ...over,
  });

  it("refuses one inspector, an uncertified one, a future date and a tip the unit does not hold, with every problem named", async () => {
    await expect(recordInspection(deps, staff, base({ inspectorIds: [officers[0]] }))).rejects.toMatchObject({
      code: "invalid_input",
      details: { problems: ["too_few_inspectors"] },
    });
    await expect(recordInspection(deps, staff, base({ inspectorIds: [officers[0], lapsed] }))).rejects.toMatchObject({
      details: { problems: ["inspector_not_certified"], names: ["吴敏"] },
    });
    // Certified until 2018-06-30: an inspection on that day is fine for her.
    const ok = await recordInspection(deps, staff, base({ inspectedOn: "2018-06-30", inspectorIds: [officers[0], lapsed] }));
    expect(ok.id).toBeGreaterThan(0);
    await expect(recordInspection(deps, staff, base({ inspectedOn: "2018-07-21" }))).rejects.toMatchObject({ details: { problems: ["future_date"] } });
    await expect(recordInspection(deps, staff, base({ kind: "tip", tipId: 999_999 }))).rejects.toMatchObject({ details: { problems: ["tip_not_held"] } });
    await expect(recordInspection(deps, staff, base({ detentions: 2 }))).rejects.toMatchObject({ details: { problems: ["people_without_referral"] } });
    await expect(recordInspection(deps, staff, base({ kind: "planned", reinspectionOfId: ok.id }))).rejects.toMatchObject({
      details: { problems: ["link_without_kind"] },
    });
    const viewer = { ...staff, role: "viewer" as const };
    await expect(recordInspection(deps, viewer, base())).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a suspension schedules its 回头看, audited; a re-inspection closes it; the month's figures come from the records", async () => {
    const suspended = await recordInspection(
      deps,
      staff,
      base({
        inspectorIds: [officers[0], officers[1], officers[2]],
        findings: [{ text: "储罐区可燃气体报警仪失效", major: true }],
        suspended: true,
        orderedCorrection: true,
        caseNo: "衡南应急罚〔2018〕12号",
        fineYuan: "35,000",
        referredToPolice: true,
        detentions: 1,
        arrests: 1,
      }),
    );
    expect(suspended.fineFen).toBe(3_500_000);
    const [due] = await deps.db.select().from(reinspectionsDue).where(eq(reinspectionsDue.inspectionId, suspended.id));
    expect(due).toMatchObject({ dueOn: "2018-08-09", reason: "suspension", closedAt: null, unitId: emergency.id });
    const audited = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "inspection.record"), eq(auditLog.entityId, String(suspended.id))));
    expect(audited).toHaveLength(1);
    expect(audited[0].after).toMatchObject({ suspended: true, fineFen: 3_500_000, inspectorIds: [officers[0], officers[1], officers[2]] });

    await recordInspection(deps, staff, base({ enterpriseId: mine, inspectedOn: "2018-07-12", closed: true }));
    // Editing keeps history: the before and after are in the audit, the version goes up.
    const edited = await updateInspection(deps, staff, suspended.id, {
      ...base({ inspectorIds: [officers[0], officers[1], officers[2]], suspended: true, caseNo: "衡南应急罚〔2018〕12号" }),
      fineYuan: "35000",
      findings: [{ text: "储罐区可燃气体报警仪失效", major: true }],
      referredToPolice: true,
      detentions: 1,
      arrests: 1,
      correctionDeadline: "2018-08-05",
    });
    expect(edited.version).toBe(2);
    const [moved] = await deps.db.select().from(reinspectionsDue).where(eq(reinspectionsDue.inspectionId, suspended.id));
    expect(moved.dueOn).toBe("2018-08-05");
    const [edit] = await deps.db.select().from(auditLog).where(eq(auditLog.action, "inspection.edit"));
    expect(edit.before).toMatchObject({ version: 1, correctionDeadline: null });
    expect(edit.after).toMatchObject({ version: 2, correctionDeadline: "2018-08-05" });

    expect(await recordedFigures(deps.db, emergency.id, "2018-07")).toEqual({
      enforcement_actions: 2,
      officers_deployed: 5,
      units_inspected: 2,
      cases_opened: 1,
      fines: 3.5,
      suspensions: 1,
      licences_suspended_or_revoked: 0,
      closures: 1,
      administrative_detentions: 1,
      criminal_arrests: 1,
    });
    // The June record (2018-06-30) is not July's.
    expect((await recordedFigures(deps.db, emergency.id, "2018-06"))?.enforcement_actions).toBe(1);

    // Reminders: due within three days → the unit's liaison, once; then overdue, once.
    now = new Date("2018-08-03T02:00:00Z");
    expect((await sendInspectionReminders(deps)).sent).toBe(1);
    expect((await sendInspectionReminders(deps)).sent).toBe(0);
    now = new Date("2018-08-06T02:00:00Z");
    expect((await sendInspectionReminders(deps)).sent).toBe(1);
    const sent = (await deps.db.select().from(outbox).orderBy(outbox.id)).map((o) => ({
      to: deps.crypto.decrypt(o.recipientEnc),
      text: (JSON.parse(deps.crypto.decrypt(o.payloadEnc!)) as { text: string }).text,
    }));
    const about = sent.filter((m) => m.text.includes("衡南县宏达化工有限公司"));
    expect(about.map((m) => m.to)).toEqual(["8101", "8101"]);
    expect(about[0].text).toContain("【回头看】");
    expect(about[1].text).toContain("已于 2018-08-05 到期");

    // Recording the re-inspection closes the 回头看.
    const re = await recordInspection(deps, staff, base({ kind: "reinspection", reinspectionOfId: suspended.id, inspectedOn: "2018-08-06" }));
    const [closed] = await deps.db.select().from(reinspectionsDue).where(eq(reinspectionsDue.inspectionId, suspended.id));
    expect(closed.closedByInspectionId).toBe(re.id);
    expect((await sendInspectionReminders(deps)).sent).toBe(0);
  });

  it("the liaison sees July pre-filled in the bot, answers the one metric records lack and confirms with 确认", async () => {
    now = new Date("2018-08-07T02:00:00Z");
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
    const last = () => sentTexts(calls, 8101).at(-1) ?? "";
    await post(callbackUpdate(8101, `fig:start:${julyObligation}`));
    // 问责领导干部 has no source in a record: it is the one question asked.
    expect(last()).toContain("执法检查记录预填");
    expect(last()).toContain("问责领导干部");
    await post(textUpdate(8101, "0"));
    expect(last()).toContain("经济处罚｜万元｜3.50");
    expect(last()).toContain("回复“确认”");
    await post(textUpdate(8101, "确认"));
    expect(last()).toContain("已报送");
    const [report] = await deps.db
      .select()
      .from(monthlyReports)
      .where(and(eq(monthlyReports.unitId, emergency.id), eq(monthlyReports.period, "2018-07")));
    expect(fromStored(report.values)).toMatchObject({
      enforcement_actions: 2,
      officers_deployed: 5,
      units_inspected: 2,
      fines: 3.5,
      suspensions: 1,
      closures: 1,
    });
  });

  it("the dashboard lists a unit whose filed figures differ from its records, metric by metric", async () => {
    const committee: StaffActor = { id: 1, username: "hn", displayName: "HN", role: "committee", jurisdictionCode: "430422", unitId: null, locale: "zh-CN" };
    const agreeing = await campaignFigures(deps, { actor: committee, campaignId, month: "2018-07" });
    expect(agreeing.disagreements).toEqual([]);
    // Another month typed by hand against the records: June has one record (one action, two officers).
    await addFiguresObligations(deps.db, campaignId, emergency.id, ["2018-06"]);
    await insertReport(deps.db, { campaignId, unitId: emergency.id, period: "2018-06", values: figures({ enforcement_actions: 3, officers_deployed: 2 }) });
    const june = await campaignFigures(deps, { actor: committee, campaignId, month: "2018-06" });
    expect(june.disagreements.map((d) => [d.code, d.typed, d.recorded])).toEqual([
      ["enforcement_actions", 3, 1],
      ["units_inspected", 0, 1],
    ]);
  });
});
