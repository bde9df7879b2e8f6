import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { liaisons, outbox, tipEvents, tips, units } from "../../src/db/schema.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { answerUrgency } from "../../src/app/tips/answer-urgency.js";
import { listUntoldUrgent } from "../../src/app/triage/list-untold-urgent.js";
import { withTransaction } from "../../src/app/with-transaction.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/** #14 item 2: where a tip's urgency came from is stored when it is decided, not inferred when shown. */
describe.each(DB_KINDS)("the stored source of a tip's urgency, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const stored = async (text: string, urgent: boolean) => {
    const tip = await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区", urgent });
    const [row] = await deps.db.select().from(tips).where(eq(tips.id, tip.tipId));
    return { row, routing: tip.routing };
  };

  it("reporter, classifier, both, or none; a possibly urgent tip keeps the committee to alert should it be confirmed", async () => {
    const trapped = "兴宁区一个工地基坑塌方，有两名工人被困在下面";
    expect((await stored(trapped, true)).row).toMatchObject({ urgent: true, urgencySource: "both" });
    expect((await stored(trapped, false)).row).toMatchObject({ urgent: true, urgencySource: "classifier" });
    expect((await stored("兴宁区一家商场把消防通道堵死了", true)).row).toMatchObject({ urgent: true, urgencySource: "reporter" });
    expect((await stored("兴宁区一家商场把消防通道堵死了", false)).row).toMatchObject({ urgent: false, urgencySource: null });

    // A drum that seems to leak, nobody said to be near: possible. (A cracked scaffold with workers on it, the text this
    // test used, is urgent by the labelling rules and the combined router now flags it so.)
    const { row, routing } = await stored("兴宁区一个仓库有个桶好像在漏，不知道是什么", false);
    expect(row).toMatchObject({ urgent: false, urgencySource: null });
    expect(routing).toMatchObject({ possiblyUrgent: true, possibleEvidence: ["在漏"], alsoAlert: null });
    expect(routing.alertIfConfirmed?.name).toBe("南宁市安委办");
    expect(row.routing).toMatchObject({ possibleEvidence: ["在漏"], alertIfConfirmed: routing.alertIfConfirmed!.id });
    // The reporter's own flag settles it: nothing to ask.
    expect((await stored("兴宁区一个仓库有个桶好像在漏，不知道是什么", true)).routing).toMatchObject({ urgent: true, possiblyUrgent: false });
  });

  it("a confirmed tip is urgent with the shorter deadline, its committee is alerted, and it is not on the untold banner", async () => {
    const tip = await submitTip(deps, {
      channel: "sms",
      // A leak that may or may not put anyone at risk. (A leaning tower crane with workers below, the text
      // this test used, is urgent by the labelling rules and is now flagged so by the combined router.)
      text: "兴宁区那个加油站的油罐好像在漏油",
      place: "南宁市兴宁区",
      reporter: { address: "+8613900182001" },
    });
    expect(tip.routing.possiblyUrgent).toBe(true);
    // Nobody could be told on arrival; a liaison of the 南宁市安委办 is bound afterwards.
    const [committee] = await deps.db.select().from(units).where(eq(units.key, "450100:committee"));
    await deps.db
      .insert(liaisons)
      .values({ unitId: committee.id, telegramChatEnc: deps.crypto.encrypt("720001"), telegramChatHash: deps.crypto.hash("tg-chat", "720001") });
    const [before] = await deps.db.select().from(tips).where(eq(tips.id, tip.tipId));

    const done = await withTransaction(deps, (tx) => answerUrgency(tx, { tipId: tip.tipId, answer: "yes" }));
    expect(done).toMatchObject({ answer: "yes", alreadyUrgent: false, alerted: [{ role: "committee", name: "南宁市安委办" }] });
    const [after] = await deps.db.select().from(tips).where(eq(tips.id, tip.tipId));
    expect(after).toMatchObject({ urgent: true, urgencySource: "sms_answer" });
    expect(after.acceptDueAt!.getTime()).toBeLessThan(before.acceptDueAt!.getTime());
    const sent = (await deps.db.select().from(outbox)).filter((m) => m.dedupeKey?.startsWith(`tip:${tip.tipId}:alert`));
    expect(sent.map((m) => deps.crypto.decrypt(m.recipientEnc))).toEqual(["720001"]);
    const events = (await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.tipId))).map((e) => e.kind);
    expect(events).toEqual(["received", "routed", "alerted", "urgency_answered", "alerted"]);
    const actor: StaffActor = { id: 1, username: "c", displayName: "C", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };
    expect((await listUntoldUrgent(deps, { actor })).map((t) => t.id)).not.toContain(tip.tipId);
  });
});
