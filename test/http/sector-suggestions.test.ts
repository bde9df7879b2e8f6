import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { auditLog, routingSectorRules, units } from "../../src/db/schema.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { routeTip } from "../../src/app/routing/route-tip.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post } from "./admin-support.js";

/**
 * #14 item 5, the sector kinds: three tips the router could not place in a sector (滑翔伞 is in no
 * vocabulary) that staff moved to the culture bureau make a term → sector suggestion whose term is
 * the word they share and the kept tips lack; accepting it makes the next such tip a culture tip at
 * once, and undoing it takes that back. An enterprise whose tips staff keep moving to one sector makes
 * an enterprise → sector suggestion.
 */
describe.each(DB_KINDS)("term and enterprise suggestions from sector corrections, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  const unitId = async (key: string) => (await deps.db.select({ id: units.id }).from(units).where(eq(units.key, key)))[0].id;
  const page = async (cookie: string) => (await app.request("/admin/rules?jurisdiction=450102", { headers: { Cookie: cookie } })).text();

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    await makeStaff(deps, { username: "nn_terms", role: "committee", jurisdictionCode: "450100" });
  });
  afterAll(async () => database?.close());

  const moveAll = async (inputs: { text: string; enterprise?: string }[], to: number, cookie: string, csrf: string) => {
    const routed = [];
    for (const input of inputs) {
      const tip = await submitTip(deps, { channel: "web", place: "南宁市兴宁区", ...input });
      routed.push(tip.routing);
      const res = await post(app, `/admin/tips/${tip.tipId}/transfer`, { _csrf: csrf, unitId: String(to), reason: "属文旅行业" }, cookie);
      expect(res.status).toBe(303);
    }
    return routed;
  };

  it("transfers → a term suggestion → accept (audited, applied at once) → the next tip routes right → undo", async () => {
    const culture = await unitId("450102:culture");
    const { cookie, csrf } = await login(app, "nn_terms");
    // Tips the router keeps in 'other' without staff moving them: the background the term must stand out from.
    await submitTip(deps, { channel: "web", text: "兴宁区有家公司老板不让工人休息", place: "南宁市兴宁区" });
    const next = "兴宁区江边有人搞滑翔伞体验，伞都是旧的";
    expect((await routeTip(deps, { text: next, place: "南宁市兴宁区" })).sector).toBe("other");

    const routed = await moveAll(
      [{ text: "兴宁区一个滑翔伞基地的伞具好几年没检验，教练也没证" }, { text: "兴宁区滑翔伞公司的伞好多补过还在用" }],
      culture,
      cookie,
      csrf,
    );
    expect(routed.every((r) => r.sector === "other")).toBe(true);
    expect(await page(cookie)).not.toContain("data-sector-suggestion=");
    await moveAll([{ text: "兴宁区滑翔伞俱乐部的安全绳磨破了还在用" }], culture, cookie, csrf);

    const html = await page(cookie);
    const key = "term|other|culture_tourism|滑翔伞";
    expect(html).toContain(`data-sector-suggestion="${key}"`);
    expect(html).toMatch(/3 条系统判为“其他”的举报被工作人员转给了“文化旅游”；其中 3 条含有下面这个区分词。建议规则：\s*<code>滑翔伞<\/code>/);

    const accepted = await post(app, "/admin/rules/sector-suggestions/accept", { _csrf: csrf, jurisdictionCode: "450102", key }, cookie);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toContain("done=1");
    const [rule] = await deps.db.select().from(routingSectorRules);
    expect(rule).toMatchObject({ kind: "term", term: "滑翔伞", sectorCode: "culture_tourism", createdBy: "staff:1:nn_terms", revokedAt: null });
    expect((await deps.db.select().from(auditLog)).map((a) => a.action)).toContain("sector_rule.accepted");

    // Applied at once: a new tip with the word is a culture tip, routed to the culture bureau, and says why.
    const after = await submitTip(deps, { channel: "web", text: next, place: "南宁市兴宁区" });
    expect(after.routing.sector).toBe("culture_tourism");
    expect(after.routing.unit.id).toBe(culture);
    expect(after.routing.evidence).toContain("滑翔伞");
    const shown = await page(cookie);
    expect(shown).not.toContain(`data-sector-suggestion="${key}"`);
    expect(shown).toContain(`data-sector-rule="${rule.id}"`);
    expect((await post(app, "/admin/rules/sector-suggestions/accept", { _csrf: csrf, jurisdictionCode: "450102", key }, cookie)).status).toBe(404);

    // Undo: revoked (kept, audited), and the router no longer reads the word as culture.
    const undo = await post(app, `/admin/rules/sector-rules/${rule.id}/revoke`, { _csrf: csrf, jurisdictionCode: "450102", reason: "误采纳" }, cookie);
    expect(undo.status).toBe(303);
    const [revoked] = await deps.db.select().from(routingSectorRules);
    expect(revoked.revokedBy).toBe("staff:1:nn_terms");
    expect((await deps.db.select().from(auditLog)).map((a) => a.action)).toContain("sector_rule.revoked");
    expect((await routeTip(deps, { text: next, place: "南宁市兴宁区" })).sector).toBe("other");
    expect(await page(cookie)).not.toContain(`data-sector-rule="${rule.id}"`);
  });

  it("an enterprise repeatedly moved to one sector makes an enterprise suggestion; dismissing closes it; bad keys are clear errors", async () => {
    const culture = await unitId("450102:culture");
    const { cookie, csrf } = await login(app, "nn_terms");
    const { id } = await upsertEnterprise(deps, {
      name: "南宁青秀恒达发展有限公司",
      sectorCode: "industry_trade",
      jurisdictionCode: "450102",
      supervisingLevel: "county",
    });
    const vague = ["这家公司安全管理很乱，老板不管", "这个公司的设备好久没人检查了", "公司里面的安全问题一直没人处理"];
    const routed = await moveAll(
      vague.map((text) => ({ text, enterprise: "南宁青秀恒达发展有限公司" })),
      culture,
      cookie,
      csrf,
    );
    expect(routed.every((r) => r.sector === "industry_trade" && r.enterprise?.id === id)).toBe(true);
    const key = `enterprise|${id}|culture_tourism`;
    const html = await page(cookie);
    expect(html).toContain(`data-sector-suggestion="${key}"`);
    expect(html).toMatch(/该企业的 3 条举报被工作人员转给了“文化旅游”。建议规则：\s*<span lang="zh">南宁青秀恒达发展有限公司<\/span>/);

    expect((await post(app, "/admin/rules/sector-suggestions/dismiss", { _csrf: csrf, jurisdictionCode: "450102", key }, cookie)).status).toBe(303);
    expect(await page(cookie)).not.toContain(`data-sector-suggestion="${key}"`);
    expect((await deps.db.select().from(routingSectorRules)).filter((r) => r.kind === "enterprise")).toEqual([]);
    expect((await deps.db.select().from(auditLog)).map((a) => a.action)).toContain("sector_rule.dismissed");

    const bad = await post(app, "/admin/rules/sector-suggestions/accept", { _csrf: csrf, jurisdictionCode: "450102", key: "term|x'; drop" }, cookie);
    expect(bad.status).toBe(303);
    expect(bad.headers.get("location")).toContain("error=invalid_input");
    const badUndo = await post(app, "/admin/rules/sector-rules/1/revoke", { _csrf: csrf, jurisdictionCode: "450102", reason: "" }, cookie);
    expect(badUndo.headers.get("location")).toContain("error=invalid_input");
  });

  it("an accepted enterprise rule routes the enterprise's next unclear tip to the sector", async () => {
    const culture = await unitId("450102:culture");
    const { cookie, csrf } = await login(app, "nn_terms");
    const { id } = await upsertEnterprise(deps, {
      name: "南宁邕江宏利实业有限公司",
      sectorCode: "industry_trade",
      jurisdictionCode: "450102",
      supervisingLevel: "county",
    });
    await moveAll(
      ["老板说安全的事不用管", "这家公司好多问题没人管", "单位里的隐患报上去也不改"].map((text) => ({ text, enterprise: "南宁邕江宏利实业有限公司" })),
      culture,
      cookie,
      csrf,
    );
    const key = `enterprise|${id}|culture_tourism`;
    expect((await post(app, "/admin/rules/sector-suggestions/accept", { _csrf: csrf, jurisdictionCode: "450102", key }, cookie)).status).toBe(303);
    const d = await routeTip(deps, { text: "这家公司安全制度全是摆设", enterprise: "南宁邕江宏利实业有限公司" });
    expect(d.sector).toBe("culture_tourism");
    expect(d.unit.id).toBe(culture);
  });
});
