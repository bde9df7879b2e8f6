import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { auditLog, routingRules, routingSuggestionDecisions, units } from "../../src/db/schema.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { listStaffCorrections } from "../../src/app/routing/staff-corrections.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post } from "./admin-support.js";

/**
 * #14 item 5: staff transfers are labels. Three construction tips in 兴宁区 that the router sent to the
 * district's housing bureau and staff moved to its emergency bureau make a suggestion on /admin/rules;
 * one click sets the rule through setRoutingRule (audited), and the next such tip is routed by it.
 * Another pattern, dismissed, goes away and sets nothing.
 */
describe.each(DB_KINDS)("routing suggestions from staff transfers, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  const unitId = async (key: string) => (await deps.db.select({ id: units.id }).from(units).where(eq(units.key, key)))[0].id;
  const TEXTS = ["兴宁区三塘镇一个工地脚手架没挂安全网", "兴宁区昆仑大道工地基坑没有支护", "兴宁区有个工地塔吊司机无证上岗"];

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    await makeStaff(deps, { username: "nn_rules", role: "committee", jurisdictionCode: "450100" });
  });
  afterAll(async () => database?.close());

  const transferAll = async (texts: string[], to: number, cookie: string, csrf: string) => {
    const ids: number[] = [];
    for (const text of texts) {
      const tip = await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区" });
      const res = await post(app, `/admin/tips/${tip.tipId}/transfer`, { _csrf: csrf, unitId: String(to), reason: "施工安全由应急局牵头" }, cookie);
      expect(res.status).toBe(303);
      ids.push(tip.tipId);
    }
    return ids;
  };

  it("three like transfers make a suggestion; accepting it sets the rule, audited, and the next tip follows it", async () => {
    const housing = await unitId("450102:housing");
    const emergency = await unitId("450102:emergency");
    const first = await submitTip(deps, { channel: "web", text: TEXTS[0], place: "南宁市兴宁区" });
    expect(first.routing.unit.id).toBe(housing);

    const { cookie, csrf } = await login(app, "nn_rules");
    const before = await (await app.request("/admin/rules?jurisdiction=450102", { headers: { Cookie: cookie } })).text();
    expect(before).toContain('id="rule-suggestions"');
    expect(before).not.toContain("data-suggestion=");

    // Two transfers are not yet a pattern.
    await transferAll(TEXTS.slice(0, 2), emergency, cookie, csrf);
    expect(await (await app.request("/admin/rules?jurisdiction=450102", { headers: { Cookie: cookie } })).text()).not.toContain("data-suggestion=");

    await transferAll(TEXTS.slice(2), emergency, cookie, csrf);
    const corrections = await listStaffCorrections(deps);
    expect(corrections).toHaveLength(3);
    expect(corrections[0]).toMatchObject({
      routedSector: "construction",
      routedUnitId: housing,
      finalUnitId: emergency,
      jurisdictionCode: "450102",
      by: "staff:1:nn_rules",
    });
    expect(JSON.stringify(corrections)).not.toMatch(/reporter|contact/i);

    const page = await (await app.request("/admin/rules?jurisdiction=450102", { headers: { Cookie: cookie } })).text();
    const key = `construction|450102|${housing}|${emergency}`;
    expect(page).toContain(`data-suggestion="${key}"`);
    expect(page).toMatch(/3 条广西壮族自治区南宁市兴宁区的“建筑施工”举报由系统分给[^<]*住[^<]*，工作人员都转给了[^<]*应急/);
    expect(page).toMatch(/id="routing-accuracy">近 90 天工作人员处理的 3 条举报中，0 条维持系统分派（0%）/);

    const accepted = await post(app, "/admin/rules/suggestions/accept", { _csrf: csrf, jurisdictionCode: "450102", key }, cookie);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toContain("done=1");
    const [rule] = await deps.db
      .select()
      .from(routingRules)
      .where(and(eq(routingRules.sectorCode, "construction"), eq(routingRules.jurisdictionCode, "450102")));
    expect(rule).toMatchObject({ unitId: emergency, updatedBy: "staff:1:nn_rules" });
    const audits = (await deps.db.select().from(auditLog)).map((a) => a.action);
    expect(audits).toContain("routing_rule.changed");
    expect(audits).toContain("routing_suggestion.accepted");
    expect(await deps.db.select().from(routingSuggestionDecisions)).toMatchObject([{ key, decision: "accepted", ruleId: rule.id }]);

    // Applied at once: the next construction tip in 兴宁区 goes to the emergency bureau, and the suggestion is gone.
    const next = await submitTip(deps, { channel: "web", text: "兴宁区一个工地的高支模没有验收就浇筑", place: "南宁市兴宁区" });
    expect(next.routing.unit.id).toBe(emergency);
    expect(await (await app.request("/admin/rules?jurisdiction=450102", { headers: { Cookie: cookie } })).text()).not.toContain(`data-suggestion="${key}"`);
    // A second click on the same suggestion finds nothing open.
    expect((await post(app, "/admin/rules/suggestions/accept", { _csrf: csrf, jurisdictionCode: "450102", key }, cookie)).status).toBe(404);
  });

  it("a dismissed suggestion disappears, sets no rule and is audited; a malformed key is a clear error", async () => {
    const { cookie, csrf } = await login(app, "nn_rules");
    const fire = await unitId("450102:emergency");
    const rulesBefore = await deps.db.select().from(routingRules);
    const texts = ["兴宁区一家商场消防通道堆满杂物", "兴宁区朝阳路一家KTV安全出口被锁", "兴宁区一家宾馆的灭火器全部过期"];
    const tips = [];
    for (const text of texts) tips.push(await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区" }));
    const from = tips[0].routing.unit.id;
    expect(tips.every((t) => t.routing.unit.id === from && t.routing.sector === "fire_safety")).toBe(true);
    for (const t of tips) {
      expect((await post(app, `/admin/tips/${t.tipId}/transfer`, { _csrf: csrf, unitId: String(fire), reason: "试转" }, cookie)).status).toBe(303);
    }
    const key = `fire_safety|450102|${from}|${fire}`;
    expect(await (await app.request("/admin/rules?jurisdiction=450102", { headers: { Cookie: cookie } })).text()).toContain(`data-suggestion="${key}"`);
    expect((await post(app, "/admin/rules/suggestions/dismiss", { _csrf: csrf, jurisdictionCode: "450102", key }, cookie)).status).toBe(303);
    expect(await (await app.request("/admin/rules?jurisdiction=450102", { headers: { Cookie: cookie } })).text()).not.toContain(`data-suggestion="${key}"`);
    expect(await deps.db.select().from(routingRules)).toEqual(rulesBefore);
    expect((await deps.db.select().from(auditLog)).map((a) => a.action)).toContain("routing_suggestion.dismissed");

    const bad = await post(app, "/admin/rules/suggestions/accept", { _csrf: csrf, jurisdictionCode: "450102", key: "x'; drop" }, cookie);
    expect(bad.status).toBe(303);
    expect(bad.headers.get("location")).toContain("error=invalid_input");
  });
});
