import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { acceptInvite } from "../../src/app/liaisons/accept-invite.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { routeTip } from "../../src/app/routing/route-tip.js";
import { auditLog, enterprises, liaisons, routingRules, units } from "../../src/db/schema.js";
import { creditCodeCheckChar, CREDIT_CODE_CHARSET } from "../../src/domain/credit-code.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, ORIGIN, post } from "./admin-support.js";

const code = (body17: string) => body17 + creditCodeCheckChar(body17);
const wrongCheck = (body17: string) => body17 + CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(creditCodeCheckChar(body17)) + 1) % 31];
const HEADER = "name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted";
const FIRE_TEXT = "商场把消防通道堵死了，安全出口也锁着";

describe.each(DB_KINDS)("admin management pages on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let committee: { cookie: string; csrf: string };
  let unitStaff: { cookie: string; csrf: string };
  let fire: typeof units.$inferSelect;
  let xingning: typeof units.$inferSelect;
  let otherUnit: typeof units.$inferSelect;
  const get = (path: string, who: { cookie: string }) => app.request(path, { headers: { Cookie: who.cookie } });

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    [xingning] = await deps.db.select().from(units).where(eq(units.key, "450102:committee"));
    [otherUnit] = await deps.db.select().from(units).where(eq(units.key, "450102:committee"));
    await makeStaff(deps, { username: "nanning", role: "committee", jurisdictionCode: "450100" });
    await makeStaff(deps, { username: "firestaff", role: "unit", unit: fire.key });
    committee = await login(app, "nanning");
    unitStaff = await login(app, "firestaff");
  }, 240_000);
  afterAll(async () => database?.close());

  it("pages render for committee staff and the navigation links them", async () => {
    for (const path of [
      "/admin/units",
      "/admin/units?jurisdiction=450102",
      `/admin/units/${fire.id}`,
      "/admin/enterprises",
      "/admin/rules?jurisdiction=450102",
    ]) {
      const res = await get(path, committee);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain('href="/admin/rules"');
      expect(html, path).not.toContain("admin-manage-");
    }
    const list = await (await get("/admin/units?jurisdiction=450102", committee)).text();
    expect(list).toContain(xingning.name);
    expect(list).not.toContain(fire.name); // the filter narrows to 兴宁区
    // Units outside the committee's city are not listed at all.
    expect(await (await get("/admin/units", committee)).text()).not.toContain("450200:");
  });

  it("unit staff see their own unit only; management actions and other units are refused", async () => {
    expect((await get(`/admin/units/${fire.id}`, unitStaff)).status).toBe(200);
    expect((await get(`/admin/units/${otherUnit.id}`, unitStaff)).status).toBe(404);
    expect((await get("/admin/units/abc", unitStaff)).status).toBe(404);
    const list = await (await get("/admin/units", unitStaff)).text();
    expect(list).toContain(fire.name);
    expect(list).not.toContain(otherUnit.name);
    expect((await post(app, `/admin/units/${fire.id}/invite`, { _csrf: unitStaff.csrf }, unitStaff.cookie)).status).toBe(403);
    expect((await get("/admin/rules?jurisdiction=450100", unitStaff)).status).toBe(403);
  });

  it("enterprises outside the committee's jurisdiction are 404", async () => {
    const outside = await upsertEnterprise(deps, {
      name: "柳州某化工有限公司",
      creditCode: code("91450200MA0000001"),
      sectorCode: "hazardous_chemicals",
      jurisdictionCode: "450202",
      supervisingLevel: "county",
    });
    const inside = await upsertEnterprise(deps, {
      name: "南宁某商场有限公司",
      creditCode: code("91450102MA0000002"),
      sectorCode: "fire_safety",
      jurisdictionCode: "450102",
      supervisingLevel: "county",
    });
    expect((await get(`/admin/enterprises/${outside.id}`, committee)).status).toBe(404);
    expect((await get(`/admin/enterprises/${inside.id}`, committee)).status).toBe(200);
    const list = await (await get("/admin/enterprises?q=%E5%95%86%E5%9C%BA", committee)).text();
    expect(list).toContain("南宁某商场有限公司");
    expect(await (await get("/admin/enterprises", committee)).text()).not.toContain("柳州某化工");
    // Editing is audited and changes the row.
    const res = await post(
      app,
      `/admin/enterprises/${inside.id}`,
      {
        _csrf: committee.csrf,
        name: "南宁某商场有限公司",
        creditCode: code("91450102MA0000002"),
        sectorCode: "fire_safety",
        jurisdictionCode: "450102",
        supervisingLevel: "city",
        riskClass: "poor",
        blacklisted: "1",
      },
      committee.cookie,
    );
    expect(res.status).toBe(303);
    const [row] = await deps.db.select().from(enterprises).where(eq(enterprises.id, inside.id));
    expect(row).toMatchObject({ supervisingLevel: "city", riskClass: "poor", blacklisted: true });
    const [audit] = await deps.db.select().from(auditLog).where(eq(auditLog.action, "enterprise.updated")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit.entityId).toBe(String(inside.id));
  });

  it("every POST needs the session's CSRF token", async () => {
    const [anyRule] = await deps.db.select({ id: units.id }).from(units).limit(1);
    for (const path of [
      `/admin/units/${fire.id}/invite`,
      `/admin/units/${fire.id}/liaisons/1/remove`,
      "/admin/enterprises/import",
      "/admin/enterprises/1",
      "/admin/rules/set",
      `/admin/rules/${anyRule.id}/delete`,
      "/admin/rules/test",
    ]) {
      expect((await post(app, path, { reason: "理由理由", csv: HEADER }, committee.cookie)).status, path).toBe(403);
      expect((await post(app, path, { _csrf: "forged-token-000000000000", reason: "理由理由" }, committee.cookie)).status, path).toBe(403);
    }
  });

  it("CSV import is all or nothing: one bad check character imports zero rows and names that row, in the page's language", async () => {
    const before = (await deps.db.select({ id: enterprises.id }).from(enterprises)).length;
    const csv = [
      HEADER,
      `南宁甲公司,${code("91450102MA0000011")},fire_safety,450102,county,good,否`,
      `"南宁乙公司,分公司",${wrongCheck("91450102MA0000012")},construction,450102,county,,0`,
      `南宁丙公司,${code("91450102MA0000013")},nonsense,450202,town,bad,maybe`,
    ].join("\r\n");
    const res = await post(app, "/admin/enterprises/import", { _csrf: committee.csrf, csv }, committee.cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("未导入任何数据");
    expect(html).toContain(`第 3 行，credit_code：校验码错误（按规则应为 ${creditCodeCheckChar("91450102MA0000012")}）`);
    for (const f of ["sector", "jurisdiction_code", "supervising_level", "risk_class", "blacklisted"]) expect(html).toContain(`第 4 行，${f}`);
    expect((await deps.db.select({ id: enterprises.id }).from(enterprises)).length).toBe(before);
    const en = await post(app, "/admin/enterprises/import", { _csrf: committee.csrf, csv }, `${committee.cookie}; jubao_admin_lang=en`);
    expect(await en.text()).toContain("Row 3, credit_code: wrong check character");
  });

  it("a good file (UTF-8 with BOM, multipart) imports every row in one go with one audit row; a re-import updates by credit code", async () => {
    const rows = [
      HEADER,
      `南宁甲公司,${code("91450102MA0000011")},fire_safety,450102,county,good,否`,
      `"南宁""乙""公司",${code("91450102MA0000012")},construction,450103,city,,1`,
    ];
    const send = (text: string) => {
      const form = new FormData();
      form.set("_csrf", committee.csrf);
      form.set("file", new File([`\uFEFF${text}\r\n`], "e.csv", { type: "text/csv" }));
      return app.request("/admin/enterprises/import", { method: "POST", body: form, headers: { Origin: ORIGIN, Cookie: committee.cookie } });
    };
    const auditsBefore = (await deps.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "enterprise.imported"))).length;
    const res = await send(rows.join("\r\n"));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已导入 2 家企业（新增 2，更新 0）");
    const [yi] = await deps.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.creditCode, code("91450102MA0000012")));
    expect(yi).toMatchObject({ name: '南宁"乙"公司', blacklisted: true, riskClass: "average", supervisingLevel: "city" });
    expect((await deps.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "enterprise.imported"))).length).toBe(auditsBefore + 1);
    expect(await (await send(rows.join("\n"))).text()).toContain("新增 0，更新 2");
    // A committee cannot import into a jurisdiction outside its subtree.
    const outside = await post(
      app,
      "/admin/enterprises/import",
      { _csrf: committee.csrf, csv: `${HEADER}\n柳州丁公司,${code("91450202MA0000014")},transport,450202,county,,` },
      committee.cookie,
    );
    expect(await outside.text()).toContain("不在您的管辖范围内");
  });

  it("a rule edit changes routeTip's decision at once, and the test form shows it with its explanation", async () => {
    const first = await routeTip(deps, { text: FIRE_TEXT, place: "南宁市兴宁区" });
    expect(first.unit.id).toBe(fire.id);
    const set = await post(
      app,
      "/admin/rules/set",
      { _csrf: committee.csrf, jurisdictionCode: "450102", sectorCode: "fire_safety", unitId: String(xingning.id), reason: "兴宁区试点" },
      committee.cookie,
    );
    expect(set.status).toBe(303);
    expect(set.headers.get("location")).toContain("done=1");
    const second = await routeTip(deps, { text: FIRE_TEXT, place: "南宁市兴宁区" });
    expect(second.unit.id).toBe(xingning.id);
    const [audit] = await deps.db.select().from(auditLog).where(eq(auditLog.entity, "routing_rule")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ reason: "兴宁区试点", after: { unitId: xingning.id, sectorCode: "fire_safety", jurisdictionCode: "450102" } });
    const tested = await post(
      app,
      "/admin/rules/test?jurisdiction=450102",
      { _csrf: committee.csrf, text: FIRE_TEXT, place: "南宁市兴宁区" },
      `${committee.cookie}; jubao_admin_lang=en`,
    );
    const html = await tested.text();
    expect(html).toContain(xingning.nameEn ?? xingning.name);
    expect(html).toContain(second.explanation.en.replace(/&/g, "&amp;").replace(/"/g, "&quot;").slice(0, 30));
    // Outside its subtree the committee cannot set a rule; a missing reason is refused.
    expect(
      (
        await post(
          app,
          "/admin/rules/set",
          { _csrf: committee.csrf, jurisdictionCode: "450202", sectorCode: "fire_safety", unitId: String(xingning.id), reason: "越权" },
          committee.cookie,
        )
      ).status,
    ).toBe(404);
    const noReason = await post(
      app,
      "/admin/rules/set",
      { _csrf: committee.csrf, jurisdictionCode: "450102", sectorCode: "transport", unitId: String(xingning.id), reason: "" },
      committee.cookie,
    );
    expect(noReason.headers.get("location")).toContain("error=invalid_input");
    // Deleting the rule sends the sector back up the tree, again at once.
    const [rule] = await deps.db
      .select()
      .from(routingRules)
      .where(and(eq(routingRules.jurisdictionCode, "450102"), eq(routingRules.sectorCode, "fire_safety")));
    const ruleId = String(rule.id);
    expect(await (await get("/admin/rules?jurisdiction=450102", committee)).text()).toContain(`action="/admin/rules/${ruleId}/delete"`);
    expect(
      (await post(app, `/admin/rules/${ruleId}/delete`, { _csrf: committee.csrf, jurisdictionCode: "450102", reason: "试点结束" }, committee.cookie)).status,
    ).toBe(303);
    expect((await routeTip(deps, { text: FIRE_TEXT, place: "南宁市兴宁区" })).unit.id).toBe(fire.id);
  });

  it("an invite link is shown once and binds; the liaison list shows channels only; removal is audited", async () => {
    const res = await post(app, `/admin/units/${fire.id}/invite`, { _csrf: committee.csrf }, committee.cookie);
    expect(res.status).toBe(200);
    const token = /li_[A-Za-z0-9_-]{20,61}/.exec(await res.text())![0];
    expect(await (await get(`/admin/units/${fire.id}`, committee)).text()).not.toContain(token);
    const chatId = 770012345;
    const bound = await acceptInvite(deps, { token, chatId });
    expect(bound).toMatchObject({ ok: true, unit: { id: fire.id } });
    const page = await (await get(`/admin/units/${fire.id}`, committee)).text();
    expect(page).toContain("Telegram ✓");
    expect(page).not.toContain(String(chatId));
    const liaisonId = bound.ok ? bound.liaisonId : 0;
    const removed = await post(app, `/admin/units/${fire.id}/liaisons/${liaisonId}/remove`, { _csrf: committee.csrf, reason: "调离岗位" }, committee.cookie);
    expect(removed.status).toBe(303);
    const [row] = await deps.db.select().from(liaisons).where(eq(liaisons.id, liaisonId));
    expect(row).toMatchObject({ active: false, removedReason: "调离岗位" });
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "liaison.removed"), eq(auditLog.entityId, String(liaisonId))));
    expect(audit).toMatchObject({ reason: "调离岗位", actor: expect.stringContaining("nanning") });
    // The same liaison id under another unit's URL is not found.
    expect(
      (await post(app, `/admin/units/${xingning.id}/liaisons/${liaisonId}/remove`, { _csrf: committee.csrf, reason: "调离岗位" }, committee.cookie)).status,
    ).toBe(404);
  });
});
