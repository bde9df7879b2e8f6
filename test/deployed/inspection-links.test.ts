import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.js";
import { inspectors, units } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders } from "./http-support.js";

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]) : undefined;
};

/** What a browser would submit for the page's POST form to `action`: hidden and text fields, checked boxes, selected options. */
function formFields(html: string, action: string): URLSearchParams {
  const start = html.indexOf(`<form method="post" action="${action}"`);
  expect(start, `a form posting to ${action}`).toBeGreaterThanOrEqual(0);
  const form = html.slice(start, html.indexOf("</form>", start));
  const out = new URLSearchParams();
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = attr(tag, "name");
    const type = attr(tag, "type") ?? "text";
    if (!name) continue;
    if ((type === "checkbox" || type === "radio") && !/\schecked/.test(tag)) continue;
    out.append(name, attr(tag, "value") ?? (type === "checkbox" ? "on" : ""));
  }
  for (const [, name, options] of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/gs)) {
    const chosen = /<option value="([^"]*)"[^>]*selected/.exec(options) ?? /<option value="([^"]*)"/.exec(options);
    if (chosen) out.append(name, decode(chosen[1]));
  }
  return out;
}

const code = (n: number) => {
  const first17 = `914304220000${String(n).padStart(5, "0")}`;
  return first17 + creditCodeCheckChar(first17);
};

/**
 * `npm start`: a committee member opens the plan, follows an item's "record inspection" link, submits the
 * form as the page fills it (the item travels as a hidden field) and the item shows done; a draw's staff
 * page links each pick to a form with the drawn officers ticked, and shows the pick recorded after. A
 * conflict is entered by a part of the enterprise's name; an ambiguous part is refused with a message.
 */
describe.each(DB_KINDS)("plan items and draw picks recorded from their links (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  const year = new Date().getFullYear();

  beforeAll(async () => {
    db = await serviceDb(kind);
    const rows = ["name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted"];
    for (let i = 0; i < 3; i++) rows.push(`衡南冶炼${i}号,${code(i + 1)},industry_trade,430422001,county,poor,0`);
    rows.push(`衡南顺达物流,${code(9)},industry_trade,430422001,county,good,0`);
    const file = join(db.dataDir, "enterprises.csv");
    writeFileSync(file, `${rows.join("\n")}\n`);
    expect(await runCli(db.env, ["enterprises:import", "--file", file])).toContain("imported 4 enterprises");
    await cliCreateStaff(db.env, ["--username", "hn-rec", "--role", "committee", "--jurisdiction", "430422"]);
    // Four officers: a draw excludes the officers of an enterprise's last inspection, and the draw below may
    // pick the enterprise just inspected for its plan item; two officers must remain for it.
    const database = await createDb({ DATABASE_URL: db.env.DATABASE_URL, DATA_DIR: join(db.dataDir, "pglite") }, { max: 1 });
    const [unit] = await database.db.select().from(units).where(eq(units.key, "430422:emergency"));
    await database.db.insert(inspectors).values(["赵一", "钱二", "孙三", "李四"].map((name, i) => ({ unitId: unit.id, name, certificateNo: `HN-${i}` })));
    await database.close();
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("records a plan item and a draw pick from their links, and names a conflict's enterprise by name", async () => {
    const a = new Browser(svc!.url);
    await a.login("hn-rec");
    const plans = await (await a.fetch(`/admin/plans?year=${year}`)).text();
    const unitId = /<option value="(\d+)">430422 衡南县应急管理局<\/option>/.exec(plans)?.[1];
    expect(unitId).toBeTruthy();
    const generated = await a.post("/admin/plans/generate", { unitId: unitId!, year: String(year), randomRatePct: "0" });
    const planId = /^\/admin\/plans\/(\d+)\?done=1$/.exec(generated.headers.get("location") ?? "")?.[1];
    expect(planId).toBeTruthy();

    // The plan's first open item: its link opens the form with the enterprise chosen and the item carried.
    const planHtml = await (await a.fetch(`/admin/plans/${planId}`)).text();
    const [, itemId, link] = /<tr data-item="(\d+)"(?:(?!<\/tr>).)*?<a class="record-link" href="([^"]+)"/s.exec(planHtml) ?? [];
    expect(link).toContain(`planItemId=${itemId}`);
    const formPage = await a.fetch(decode(link));
    expect(formPage.status).toBe(200);
    expectSecurityHeaders(formPage, "inspection form from a plan item");
    const formHtml = await formPage.text();
    expect(formHtml).toContain(`年度检查计划项目 #${itemId}`);
    const fields = formFields(formHtml, "/admin/inspections");
    expect(fields.get("planItemId")).toBe(itemId);
    expect(fields.get("enterpriseId")).toMatch(/^\d+$/);
    expect(fields.get("kind")).toBe("planned");
    fields.append("inspectorIds", /name="inspectorIds" value="(\d+)"/.exec(formHtml)![1]);
    fields.append("inspectorIds", [...formHtml.matchAll(/name="inspectorIds" value="(\d+)"/g)][1][1]);
    fields.set("finding_0", "安全出口锁闭");
    const saved = await a.fetch("/admin/inspections", {
      method: "POST",
      body: fields,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a.base },
    });
    expect(saved.status).toBe(303);
    const recordPath = saved.headers.get("location")!.replace(/\?done=1$/, "");
    expect(await (await a.fetch(recordPath)).text()).toContain(`年度检查计划项目 #${itemId}`);
    const after = await (await a.fetch(`/admin/plans/${planId}`)).text();
    expect(new RegExp(`<tr data-item="${itemId}"(?:(?!</tr>).)*✓`, "s").test(after)).toBe(true);

    // A draw for today: its staff page links each pick with the drawn officers ticked.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const drawn = await a.post("/admin/draws", { unitId: unitId!, drawnOn: today, count: "1", perEnterprise: "2", sectorCode: "industry_trade" });
    const drawId = /^\/public\/draws\/(\d+)$/.exec(drawn.headers.get("location") ?? "")?.[1];
    expect(drawId).toBeTruthy();
    expect(await (await a.fetch("/admin/plans")).text()).toContain(`href="/admin/draws/${drawId}"`);
    const drawHtml = await (await a.fetch(`/admin/draws/${drawId}`)).text();
    const pickLink = decode(/<a class="record-link" href="([^"]+)"/.exec(drawHtml)![1]);
    expect(pickLink).toContain(`drawId=${drawId}`);
    const pickForm = await (await a.fetch(pickLink)).text();
    const pick = formFields(pickForm, "/admin/inspections");
    expect(pick.get("drawId")).toBe(drawId);
    expect(pick.get("kind")).toBe("random");
    expect(pick.getAll("inspectorIds")).toHaveLength(2);
    pick.set("finding_0", "未发现问题以外的隐患");
    const pickSaved = await a.fetch("/admin/inspections", {
      method: "POST",
      body: pick,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a.base },
    });
    expect(pickSaved.status).toBe(303);
    const recorded = /\/admin\/inspections\/(\d+)/.exec(pickSaved.headers.get("location") ?? "")?.[1];
    expect(await (await a.fetch(`/admin/draws/${drawId}`)).text()).toContain(`✓ #${recorded}`);

    // Conflicts by name: a unique part is enough; an ambiguous one is refused with its own message.
    const roster = await (await a.fetch(`/admin/inspectors?unit=${unitId}`)).text();
    const officer = /action="\/admin\/inspectors\/(\d+)\/conflicts"/.exec(roster)![1];
    const ok = await a.post(`/admin/inspectors/${officer}/conflicts`, { unitId: unitId!, enterpriseId: "顺达物流", reason: "亲属任职" });
    expect(ok.headers.get("location")).toContain("done=1");
    expect(await (await a.fetch(`/admin/inspectors?unit=${unitId}`)).text()).toContain("衡南顺达物流");
    const vague = await a.post(`/admin/inspectors/${officer}/conflicts`, { unitId: unitId!, enterpriseId: "衡南冶炼", reason: "同学" });
    expect(vague.headers.get("location")).toContain("error=enterprise_ambiguous");
    expect(await (await a.fetch(vague.headers.get("location")!)).text()).toContain("有多家企业名称包含所填内容");
  }, 180_000);
});
