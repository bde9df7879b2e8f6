import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders } from "./http-support.js";

/**
 * The learning loop on the wire (`npm start`, #14 item 5): tips posted through /api/v1/tips about a
 * sport the vocabulary does not know (滑翔伞) fall to the 安委办; a committee member transfers three of
 * them to the culture bureau over the admin forms; /admin/rules then suggests the term → sector rule;
 * one click accepts it, and the next such tip posted through the API is a culture tip at the bureau.
 */
describe.each(DB_KINDS)("term → sector learned from transfers on the deployed service (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    // PGlite: the CLI cannot open the data directory while the server holds it, so the account comes first.
    await cliCreateStaff(db.env, ["--username", "sr-nanning", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  const postTip = async (text: string) => {
    const res = await fetch(`${svc.url}/api/v1/tips`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      signal: AbortSignal.timeout(20_000),
      body: JSON.stringify({ text, jurisdictionCode: "450102" }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { trackingCode: string }).trackingCode;
  };
  const tipIdOf = (html: string, code: string) => new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${code}`).exec(html)?.[1];

  it("transfers over HTTP → a term suggestion on /admin/rules → accept → the next tip posted is routed to the culture bureau", async () => {
    const staff = new Browser(svc.url);
    await staff.login("sr-nanning");
    const unitsPage = await (await staff.fetch("/admin/units?jurisdiction=450102")).text();
    const row = unitsPage.split("<tr").find((r) => r.includes("兴宁区文化广电和旅游局"));
    const culture = row && /\/admin\/units\/(\d+)"/.exec(row)?.[1];
    expect(culture, "the culture bureau's id").toBeTruthy();

    const codes = [];
    for (const text of ["兴宁区一个滑翔伞基地的伞具好几年没检验，教练也没证", "兴宁区滑翔伞公司的伞好多补过还在用", "兴宁区滑翔伞俱乐部的安全绳磨破了还在用"]) {
      codes.push(await postTip(text));
    }
    const queue = await (await staff.fetch("/admin")).text();
    for (const code of codes) {
      const id = tipIdOf(queue, code);
      expect(id, `${code} on the queue`).toBeTruthy();
      const page = await (await staff.fetch(`/admin/tips/${id}`)).text();
      expect(page, "routed to manual triage first").toContain("安委办");
      const res = await staff.post(`/admin/tips/${id}/transfer`, { unitId: culture!, reason: "滑翔伞属文旅行业" });
      expect(res.status).toBe(303);
    }

    const rules = await staff.fetch("/admin/rules?jurisdiction=450102");
    expectSecurityHeaders(rules, "GET /admin/rules");
    const html = await rules.text();
    const key = "term|other|culture_tourism|滑翔伞";
    expect(html).toContain(`data-sector-suggestion="${key}"`);
    const accepted = await staff.post("/admin/rules/sector-suggestions/accept", { jurisdictionCode: "450102", key });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toContain("done=1");
    expect(await (await staff.fetch("/admin/rules?jurisdiction=450102")).text()).toMatch(/data-sector-rule="\d+"/);

    const next = await postTip("兴宁区江边有人搞滑翔伞体验，伞都是旧的");
    const id = tipIdOf(await (await staff.fetch("/admin")).text(), next);
    expect(id).toBeTruthy();
    const tipPage = await (await staff.fetch(`/admin/tips/${id}`)).text();
    expect(tipPage).toContain("兴宁区文化广电和旅游局");
    expect(tipPage).toMatch(/行业: 文化旅游[^<]*滑翔伞/);
  }, 120_000);
});
