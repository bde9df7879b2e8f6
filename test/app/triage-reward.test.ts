import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { decideReward } from "../../src/app/triage/decide-reward.js";
import { mergeTips } from "../../src/app/triage/merge-tips.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { outbox, tipEvents, units } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post } from "../http/admin-support.js";

const FIRE_TIP = "商场把消防通道和安全出口都堵死了，晚上人很多";
const BASIS = "情节特别重大，酌情提高";

/** SPEC: several tips about one matter are merged for handling; only the first eligible reporter is paid. */
describe.each(DB_KINDS)("reward once per merged matter on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let staff: StaffActor;
  let address = 556000;

  const submit = async () => {
    const reporter = String(address++);
    const { tipId } = await submitTip(deps, { channel: "telegram", text: FIRE_TIP, place: "南宁市兴宁区", reporter: { address: reporter, consent: false } });
    return { tipId, reporter };
  };
  const substantiate = async (tipId: number) => {
    await acceptTip(deps, { actor: staff, tipId });
    await startInvestigation(deps, { actor: staff, tipId });
    await recordResult(deps, { actor: staff, tipId, result: "substantiated", findings: "属实", fineYuan: 20000 });
  };
  // 15% of the recorded 20,000 yuan fine is 3,000: the proposal; any other positive amount is a deviation with a reason.
  const reward = (tipId: number, amountYuan: number) =>
    decideReward(
      deps,
      amountYuan
        ? { actor: staff, tipId, basisKind: "fine", amountYuan, deviationReason: amountYuan === 3000 ? undefined : BASIS }
        : { actor: staff, tipId, basisKind: "none", reason: "同一事项已奖励首位举报人" },
    );
  const rewardEvents = (tipId: number) =>
    deps.db
      .select()
      .from(tipEvents)
      .where(and(eq(tipEvents.tipId, tipId), eq(tipEvents.kind, "reward")));
  const messagesTo = async (reporter: string) =>
    (await deps.db.select().from(outbox))
      .filter((m) => deps.crypto.decrypt(m.recipientEnc) === reporter)
      .map((m) => JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string);

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    const [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    staff = { id: 901, username: "fire", displayName: "Fire", role: "unit", jurisdictionCode: fire.jurisdictionCode, unitId: fire.id, locale: "zh-CN" };
  }, 240_000);
  afterAll(async () => database?.close());

  it("pays the first reporter even when their tip was merged into a later one, then refuses a second reward in the group", async () => {
    const first = await submit();
    const later = await submit();
    const sibling = await submit();
    await mergeTips(deps, { actor: staff, tipId: first.tipId, intoTipId: later.tipId, reason: "同一事项" });
    await mergeTips(deps, { actor: staff, tipId: sibling.tipId, intoTipId: later.tipId, reason: "同一事项" });
    // The handled tip has no result yet: a merged duplicate cannot be rewarded either.
    await expect(reward(first.tipId, 3000)).rejects.toMatchObject({ code: "conflict", message: "a reward needs a substantiated result" });
    await substantiate(later.tipId);

    await reward(first.tipId, 3000);
    expect((await messagesTo(first.reporter)).some((t) => t.includes("3000") && t.includes("密钥"))).toBe(true);

    // The tip it was merged into, and its sibling, are refused with a clear reason naming the paid tip.
    for (const tipId of [later.tipId, sibling.tipId]) {
      const err = await reward(tipId, 3000).catch((e) => e);
      expect(err).toMatchObject({ code: "conflict", details: { reason: "reward_taken", tipIds: [first.tipId] } });
      expect(err.message).toMatch(/already has a reward: only the first eligible reporter is paid/);
      expect(await rewardEvents(tipId)).toHaveLength(0); // the refused decision left no trace in the trail
    }
    expect((await messagesTo(later.reporter)).some((t) => t.includes("3000"))).toBe(false);
    // Recording "no reward" for the others is still allowed.
    await reward(later.tipId, 0);
    expect(await rewardEvents(later.tipId)).toHaveLength(1);
  });

  it("refuses a duplicate merged into an already rewarded tip, until that reward is withdrawn; other matters are unaffected", async () => {
    const handled = await submit();
    const duplicate = await submit();
    const unrelated = await submit();
    await mergeTips(deps, { actor: staff, tipId: duplicate.tipId, intoTipId: handled.tipId });
    await substantiate(handled.tipId);
    await substantiate(unrelated.tipId);
    await reward(handled.tipId, 3000);

    await expect(reward(duplicate.tipId, 5000)).rejects.toMatchObject({ code: "conflict", details: { reason: "reward_taken" } });
    await reward(unrelated.tipId, 3000); // a different matter: its own reward
    await reward(handled.tipId, 3000); // a revised decision on the paid tip itself is not a second reward

    await reward(handled.tipId, 0); // withdrawn: the latest decision counts
    await reward(duplicate.tipId, 5000);
    await expect(reward(handled.tipId, 3000)).rejects.toMatchObject({ code: "conflict", details: { reason: "reward_taken", tipIds: [duplicate.tipId] } });
  });

  it("follows merges transitively (a duplicate of a duplicate)", async () => {
    const root = await submit();
    const middle = await submit();
    const leaf = await submit();
    await mergeTips(deps, { actor: staff, tipId: leaf.tipId, intoTipId: middle.tipId });
    await mergeTips(deps, { actor: staff, tipId: middle.tipId, intoTipId: root.tipId });
    await substantiate(root.tipId);
    await reward(leaf.tipId, 3000);
    await expect(reward(root.tipId, 3000)).rejects.toMatchObject({ details: { reason: "reward_taken", tipIds: [leaf.tipId] } });
    await expect(reward(middle.tipId, 3000)).rejects.toMatchObject({ details: { reason: "reward_taken", tipIds: [leaf.tipId] } });
  });

  it("shows the reason on the admin tip page instead of an error page", async () => {
    await makeStaff(deps, { username: "firestaff", role: "unit", unit: "450100:fire" });
    const app = createApp({ deps });
    const { cookie, csrf } = await login(app, "firestaff");
    const handled = await submit();
    const duplicate = await submit();
    await mergeTips(deps, { actor: staff, tipId: duplicate.tipId, intoTipId: handled.tipId });
    await substantiate(handled.tipId);
    await reward(duplicate.tipId, 3000);

    const res = await post(app, `/admin/tips/${handled.tipId}/reward`, { _csrf: csrf, basisKind: "fine" }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/admin/tips/${handled.tipId}?error=reward_taken`);
    const page = await app.request(res.headers.get("Location")!, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("只奖励最先举报且符合条件的举报人");
    expect(await rewardEvents(handled.tipId)).toHaveLength(0);
    // The merged duplicate's page offers the reward form (its reporter may be the first).
    const dupPage = await (await app.request(`/admin/tips/${duplicate.tipId}`, { headers: { Cookie: cookie } })).text();
    expect(dupPage).toContain(`/admin/tips/${duplicate.tipId}/reward`);
  });
});
