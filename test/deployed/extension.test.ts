import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff } from "./http-support.js";
import { DEFAULT_TIP_DEADLINE_RULES } from "../../src/domain/deadlines.js";
import { extendedVerification } from "../../src/domain/tip-clock.js";

const REASON = "需等待第三方消防检测机构出具检测报告";

/**
 * The one extension and the queue's deadlines as deployed: `npm start` with configured periods
 * (TIP_EXTENSION_DAYS=20), accounts made with the real CLI, a unit clerk asking for an extension and a
 * committee member approving it over the admin forms, and the reporter reading the new date and the
 * reason with their receipt (JSON API and /track). Then time passes: the service is stopped, two tips'
 * whole timelines are moved into the past as if received earlier (the process has no clock to set), and
 * after a restart the queue's "overdue" and "due within 3 days" filters answer over HTTP.
 */
describe.each(DB_KINDS)("an extension and the deadline queue on the deployed service (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  const env = () => ({ ...db.env, TIP_EXTENSION_DAYS: "20" });
  const receipts: { trackingCode: string; secret: string }[] = [];

  beforeAll(async () => {
    db = await serviceDb(kind);
    // PGlite: the CLI cannot open the data directory while the server holds it, so accounts come first.
    await cliCreateStaff(db.env, ["--username", "ext-unit", "--role", "unit", "--unit", "450100:fire"]);
    await cliCreateStaff(db.env, ["--username", "ext-committee", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService(env());
    for (const text of ["兴宁区某商场把消防通道堵死了，安全出口也锁着", "兴宁区某酒店消防通道堆满杂物，安全出口上锁", "兴宁区某网吧消防栓被挡住，灭火器过期"]) {
      const res = await fetch(`${svc.url}/api/v1/tips`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        signal: AbortSignal.timeout(20_000),
        body: JSON.stringify({ text, jurisdictionCode: "450102", sector: "fire_safety" }),
      });
      expect(res.status).toBe(201);
      receipts.push((await res.json()) as { trackingCode: string; secret: string });
    }
  }, 300_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  const tipIdOf = (html: string, code: string) => new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${code}`).exec(html)?.[1];
  const codesIn = (html: string) => receipts.map((r) => r.trackingCode).filter((c) => html.includes(c));

  it("a unit asks, the committee approves, the reporter reads the new date and the reason; a second extension is refused", async () => {
    const [first] = receipts;
    const unit = new Browser(svc!.url);
    await unit.login("ext-unit");
    const tipId = tipIdOf(await (await unit.fetch("/admin")).text(), first.trackingCode);
    expect(tipId, "the tip on the unit's queue").toBeTruthy();
    expect((await unit.post(`/admin/tips/${tipId}/accept`, {})).status).toBe(303);
    const acceptedAt = new Date();

    // Above the configured maximum: refused with a message, nothing stored
    const tooLong = await unit.post(`/admin/tips/${tipId}/extend`, { days: "25", reason: REASON });
    expect(tooLong.headers.get("location")).toBe(`/admin/tips/${tipId}?error=invalid_input`);
    const asked = await unit.post(`/admin/tips/${tipId}/extend`, { days: "20", reason: REASON, note: "内部：检测机构排期到下月" });
    expect(asked.headers.get("location")).toBe(`/admin/tips/${tipId}?done=extend`);
    const unitPage = await (await unit.fetch(`/admin/tips/${tipId}`)).text();
    expect(unitPage).toContain('data-state="requested"');
    expect(unitPage).not.toContain('id="form-approve-extension"'); // the unit cannot approve its own request

    const committee = new Browser(svc!.url);
    await committee.login("ext-committee");
    const page = await (await committee.fetch(`/admin/tips/${tipId}`)).text();
    expect(page).toContain('id="form-approve-extension"');
    const approved = await committee.post(`/admin/tips/${tipId}/approve-extension`, { note: "同意延期" });
    expect(approved.headers.get("location")).toBe(`/admin/tips/${tipId}?done=approve-extension`);
    const due = extendedVerification(acceptedAt, DEFAULT_TIP_DEADLINE_RULES, 20).date;
    expect(await (await committee.fetch(`/admin/tips/${tipId}`)).text()).toContain(due);

    // The reporter, with the receipt: JSON API …
    const res = await fetch(`${svc!.url}/api/v1/tips/status`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(first),
    });
    expect(res.status).toBe(200);
    const status = (await res.json()) as { history: { event: string; text: string | null; dueOn: string | null }[] };
    expect(status.history.find((e) => e.event === "extended")).toMatchObject({ text: REASON, dueOn: due });
    expect(JSON.stringify(status)).not.toContain("检测机构排期到下月");
    // … and /track
    const track = await fetch(`${svc!.url}/track`, {
      method: "POST",
      body: new URLSearchParams({ code: first.trackingCode, secret: first.secret, lang: "zh-CN" }),
    });
    const html = await track.text();
    expect(track.status).toBe(200);
    expect(html).toContain("核查期限经批准延长");
    expect(html).toContain(`核查期限：${due}`);
    expect(html).toContain(REASON);
    expect(html).not.toContain("检测机构排期到下月");

    // A second extension is refused
    const again = await unit.post(`/admin/tips/${tipId}/extend`, { days: "5", reason: "还需要时间" });
    expect(again.headers.get("location")).toBe(`/admin/tips/${tipId}?error=extension_used`);
    expect(await (await unit.fetch(`/admin/tips/${tipId}?error=extension_used`)).text()).toContain("该举报已延期一次");
  }, 120_000);

  it("after time passes, the queue filters overdue and due within 3 days, and sorts by the nearest deadline", async () => {
    await svc!.stop();
    svc = undefined;
    // Received 30 days ago: its acceptance deadline is long past. Received so that acceptance is due in one day.
    const [, overdue, soon] = receipts;
    // One statement per tip: the delta is read once, and the tip and its events move together.
    const shift = (code: string, delta: string) => `
      with d as (select id, ${delta} as delta from tips where tracking_code = '${code}'),
        e as (update tip_events set at = at - d.delta from d where tip_events.tip_id = d.id)
      update tips set received_at = received_at - d.delta, accept_due_at = accept_due_at - d.delta,
        handle_due_at = handle_due_at - d.delta, next_due_at = next_due_at - d.delta
      from d where tips.id = d.id`;
    const sql = [shift(overdue.trackingCode, "interval '30 days'"), shift(soon.trackingCode, "next_due_at - (now() + interval '1 day')")];
    if (kind === "pglite") {
      const pg = await PGlite.create({ dataDir: join(db.dataDir, "pglite") });
      for (const s of sql) await pg.exec(s);
      await pg.close();
    } else {
      const pg = postgres(db.env.DATABASE_URL, { max: 1, onnotice: () => {} });
      for (const s of sql) await pg.unsafe(s);
      await pg.end();
    }
    svc = await startService(env());

    const committee = new Browser(svc.url);
    await committee.login("ext-committee");
    const overdueHtml = await (await committee.fetch("/admin?due=overdue")).text();
    expect(codesIn(overdueHtml)).toEqual([overdue.trackingCode]);
    expect(overdueHtml).toContain('data-due-kind="accept" data-due-state="overdue"');
    const soonHtml = await (await committee.fetch("/admin?due=soon")).text();
    expect(codesIn(soonHtml)).toEqual([soon.trackingCode]);
    expect(soonHtml).toContain('data-due-state="soon"');
    // All three by nearest deadline: overdue acceptance, acceptance tomorrow, then the extended verification
    const sorted = await (await committee.fetch("/admin?sort=deadline")).text();
    const order = receipts.map((r) => r.trackingCode).sort((a, b) => sorted.indexOf(a) - sorted.indexOf(b));
    expect(order).toEqual([overdue.trackingCode, soon.trackingCode, receipts[0].trackingCode]);
  }, 240_000);
});
