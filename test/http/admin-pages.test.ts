import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import type { Deps } from "../../src/app/deps.js";
import { acceptInvite } from "../../src/app/liaisons/accept-invite.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { submitFigures } from "../../src/app/figures/submit-figures.js";
import { startCampaign } from "../../src/app/campaigns/start-campaign.js";
import { addTipInfo } from "../../src/app/tips/add-tip-info.js";
import { submitTip, type SubmitTipInput } from "../../src/app/tips/submit-tip.js";
import { campaigns, enterprises, jurisdictions, obligations, units } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { METRIC_CODES } from "../../src/domain/figures.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { ROOT_DIR } from "../support/paths.js";
import { login, makeStaff, post } from "./admin-support.js";

/**
 * Every admin page as staff see it, in both languages: the pages are crawled from the navigation after
 * realistic content was made through the real verbs and forms, and each page is checked for what a
 * reader would notice — raw message ids, raw values, untranslated labels, UTC dates, forms without
 * their CSRF field.
 */

type Session = { cookie: string; csrf: string };
type Lang = "zh-CN" | "en";

// Shanghai is UTC+8: 17:30 on 4 March in UTC is 01:30 on 5 March in Shanghai.
const NIGHT_INSTANT = new Date("2025-03-04T17:30:00Z");
const NOW = new Date("2025-09-15T03:00:00Z");
const RULE_TEST_TEXT = "商场把消防通道堵死了，安全出口也锁着";
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;
const CJK_CHAR = "\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef";
/** A run of Chinese text, with the punctuation inside it (· and — alone are English punctuation too). */
const CJK_RUN = new RegExp(`[${CJK_CHAR}](?:[${CJK_CHAR}“”‘’·—…]*[${CJK_CHAR}])?`, "g");

// ── a small HTML reader (no dependency): visible text, elements, attributes ──────────────────────
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39|nbsp);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith("#x")) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith("#")) return String.fromCodePoint(Number(k.slice(1)));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " } as Record<string, string>)[k] ?? "";
  });
}
/** Text a reader sees: tags become spaces, script/style and comments are dropped, entities decoded. */
function visibleText(html: string): string {
  const s = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]+>/g, " ");
  return decode(s).replace(/\s+/g, " ").trim();
}
/** Inner HTML of every <tag>…</tag> (tags here never nest in themselves). */
function elements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, "gi"))].map((m) => m[1]);
}
/** A label's own words: the options of a select or a textarea's content inside it are not the label. */
function ownText(inner: string): string {
  return visibleText(inner.replace(/<(select|textarea)\b[\s\S]*?<\/\1>/gi, " "));
}
function attributes(html: string, names: string[]): string[] {
  return [...html.matchAll(new RegExp(`\\s(?:${names.join("|")})="([^"]*)"`, "gi"))].map((m) => decode(m[1]));
}
/** Text outside <code>: code shows identifiers on purpose (CSV headers, commands, keys). */
function proseText(html: string): string {
  return visibleText(html.replace(/<code\b[\s\S]*?<\/code>/gi, " "));
}

interface PageProblem {
  url: string;
  lang: Lang;
  problem: string;
}

/**
 * The checks every page must pass. `data` is what may stay Chinese on an English page: names of units,
 * places, enterprises and campaigns, tip texts and what staff typed.
 */
function checkPage(url: string, lang: Lang, page: string, csrf: string | undefined, data: { names: string[]; corpus: string }): PageProblem[] {
  // A part marked as written in the other language on purpose (the printed sheet for a reporter, in the
  // reporter's language; a language's own name in the language picker) is not checked against the page's.
  const other = lang === "en" ? "zh-CN" : "en";
  const html = page.replace(new RegExp(`<(article|option)\\b[^>]*\\blang="${other}"[^>]*>[\\s\\S]*?</\\1>`, "gi"), " ");
  const out: PageProblem[] = [];
  const bad = (problem: string) => out.push({ url, lang, problem });
  const text = visibleText(html);
  const titled = [text, ...elements(html, "title").map(visibleText), ...attributes(html, ["placeholder", "title", "aria-label", "alt"])].join(" \n ");
  // i18n.t returns the key itself for a missing message; Fluent leaves "{$var}" for a missing variable.
  for (const m of titled.match(/\badmin-[a-z0-9][a-z0-9_-]*/g) ?? []) bad(`raw message id ${m}`);
  if (/\{\s*\$/.test(titled)) bad("unfilled Fluent variable");
  for (const word of ["[object Object]", "undefined", "NaN", "null", "Invalid Date"]) {
    if (new RegExp(`(^|[^A-Za-z])${word.replace(/[[\]]/g, "\\$&")}([^A-Za-z]|$)`).test(titled)) bad(`"${word}" shown as text`);
  }
  const prose = proseText(html);
  if (/[{[]\s*"[A-Za-z_]+"\s*:/.test(prose)) bad("raw JSON in the text");
  for (const m of prose.match(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g) ?? []) bad(`camelCase identifier "${m}" in the text`);
  for (const m of prose.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []) bad(`snake_case identifier "${m}" in the text`);
  for (const m of prose.match(/\b[a-z_]{2,}\.[a-z_]{2,}\b/g) ?? []) {
    if (!/\.(jpe?g|png|gif|webp|heic|pdf|csv|xlsx?|docx?|txt)$/.test(m)) bad(`dotted identifier "${m}" in the text`); // a file name is data
  }
  for (const m of prose.match(/\bstaff:\d+:\S+/g) ?? []) bad(`actor label "${m}" in the text`);
  // Dates: never an ISO instant or a JavaScript Date string; the admin pages print Shanghai wall time.
  if (/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(prose)) bad("ISO timestamp in the text");
  if (/\bGMT\b|\bUTC\b|\(China Standard Time\)/.test(prose)) bad("Date.toString() in the text");

  const stripNames = (s: string) => data.names.reduce((acc, n) => (n && acc.includes(n) ? acc.split(n).join(" ") : acc), s);
  const labels: [string, string[]][] = [
    ["th", elements(html, "th").map(ownText)],
    ["label", elements(html, "label").map(ownText)],
    ["button", elements(html, "button").map(ownText)],
    ["h1", elements(html, "h1").map(ownText)],
    ["h2", elements(html, "h2").map(ownText)],
    ["h3", elements(html, "h3").map(ownText)],
  ];
  for (const [tag, texts] of labels) {
    for (const t of texts) {
      if (!t.trim()) bad(`empty <${tag}>`);
      else if (lang === "en" && CJK.test(stripNames(t))) bad(`Chinese in <${tag}> "${t}"`);
    }
  }
  if (lang === "en") {
    for (const t of [
      ...elements(html, "option").map(visibleText),
      ...elements(html, "title").map(visibleText),
      ...attributes(html, ["placeholder", "title", "aria-label", "alt"]),
    ]) {
      if (CJK.test(stripNames(t))) bad(`Chinese in an option, title or placeholder "${t}"`);
    }
    // Elsewhere Chinese may appear only as data (a tip's text, a unit's name …) — or as the switch to 中文.
    for (const run of stripNames(prose).match(CJK_RUN) ?? []) {
      if (run !== "中文" && !data.corpus.includes(run)) bad(`Chinese text that is not data: "${run}"`);
    }
  }
  for (const form of html.match(/<form\b[^>]*>[\s\S]*?<\/form>/gi) ?? []) {
    if (!/method="post"/i.test(form)) continue;
    const token = /<input type="hidden" name="_csrf" value="([^"]*)"/.exec(form)?.[1];
    if (!token) bad(`a POST form without the _csrf field: ${form.slice(0, 80)}`);
    else if (csrf && token !== csrf) bad("a POST form with a CSRF token that is not the session's");
  }
  return [...new Map(out.map((p) => [`${p.lang} ${p.url} ${p.problem}`, p])).values()];
}

const show = (p: PageProblem) => `${p.lang} ${p.url}: ${p.problem}`;

function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]+)"/g)].map((m) => decode(m[1]));
}
/** The same kind of page: ids become :n, the query keeps only its parameter names. */
function shapeOf(url: URL): string {
  return `${url.pathname.replace(/\/\d+/g, "/:n")}?${[...url.searchParams.keys()].sort().join("&")}`;
}
const SKIP = [/^\/admin\/lang\//, /^\/admin\/logout/, /^\/admin\/static\//];
const DOWNLOAD = [/\/export\b/, /\/attachments\//];

describe.each(DB_KINDS)("admin pages as staff see them, zh-CN and en, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let committee: Session, unitStaff: Session, viewer: Session, admin: Session;
  let nightTip: { tipId: number; trackingCode: string };
  let handled: { tipId: number; trackingCode: string };
  let merged: { tipId: number; trackingCode: string };
  let hengnanCampaign: number;
  let fire: typeof units.$inferSelect;
  let enterpriseId: number;
  const typed: string[] = [];
  const data = { names: [] as string[], corpus: "" };
  const say = (s: string) => (typed.push(s), s);
  const cookieFor = (s: Session, lang: Lang) => `${s.cookie}; jubao_admin_lang=${lang}`;
  const get = (path: string, s: Session, lang: Lang = "zh-CN") => app.request(path, { headers: { Cookie: cookieFor(s, lang) } });
  const act = async (s: Session, tipId: number, action: string, form: Record<string, string> = {}) => {
    const res = await post(app, `/admin/tips/${tipId}/${action}`, { _csrf: s.csrf, ...form }, s.cookie);
    const location = res.headers.get("location") ?? "";
    if (res.status !== 303 || !location.includes(`done=${action}`)) throw new Error(`${action} on tip ${tipId}: ${res.status} ${location}`);
  };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => NOW });
    app = createApp({ deps });
    [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    await makeStaff(deps, { username: "nanning", displayName: "南宁市安委办 李娜", role: "committee", jurisdictionCode: "450100" });
    await makeStaff(deps, { username: "firestaff", displayName: "消防支队 王强", role: "unit", unit: fire.key });
    await makeStaff(deps, { username: "nnviewer", displayName: "观察员", role: "viewer", jurisdictionCode: "450100" });
    await makeStaff(deps, { username: "root", displayName: "系统管理员", role: "admin" });
    [committee, unitStaff, viewer, admin] = [
      await login(app, "nanning"),
      await login(app, "firestaff"),
      await login(app, "nnviewer"),
      await login(app, "root"),
    ];

    // An enterprise the tips name by credit code.
    const body17 = "91450102MA5K00001";
    enterpriseId = (
      await upsertEnterprise(deps, {
        name: "南宁市兴宁区万达商贸有限公司",
        creditCode: body17 + creditCodeCheckChar(body17),
        sectorCode: "fire_safety",
        jurisdictionCode: "450102",
        supervisingLevel: "county",
        riskClass: "poor",
      })
    ).id;

    // Tips on every channel; one with a photo, one received at night (a different date in UTC).
    const photo = new Uint8Array(
      await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c33" } })
        .jpeg()
        .toBuffer(),
    );
    const submit = (over: Partial<SubmitTipInput>, at: Date = NOW) =>
      submitTip({ ...deps, clock: () => at }, { channel: "telegram", place: "南宁市兴宁区", ...over, text: say(over.text ?? "") });
    const closedTip = await submit({
      text: "万达商场把消防通道和安全出口都堵死了，晚上人很多",
      creditCode: body17 + creditCodeCheckChar(body17),
      reporter: { address: "555001", consent: false },
      attachments: [{ fileName: "exit-blocked.jpg", mimeType: "image/jpeg", body: photo }],
    });
    const duplicate = await submit({ channel: "web", text: "万达商场的安全出口被锁住了，消防通道堆满货物" });
    [handled, merged] = [closedTip, duplicate];
    const transferred = await submit({ channel: "sms", text: "朝阳路一家网吧消防通道被堵，灭火器过期", reporter: { address: "+8613800138000" } });
    const rejected = await submit({ channel: "api", text: "邻居家装修噪音太大，晚上睡不着觉，请管一管" });
    nightTip = await submit(
      {
        channel: "telegram",
        text: "兴宁区某建筑工地塔吊没有安装限位器，工人高处作业不系安全带",
        urgent: true,
        reporter: { address: "555002", name: "张三", contact: "13900001111", consent: true },
      },
      NIGHT_INSTANT,
    );
    const withInfo = await submit({
      channel: "telegram",
      text: "烟花爆竹店在居民楼一层超量储存，门口还在零售",
      place: "南宁市青秀区",
      reporter: { address: "555003" },
    });
    await addTipInfo(deps, {
      trackingCode: withInfo.trackingCode,
      secret: withInfo.secret,
      channel: "telegram",
      text: say("店里大概堆了二十多箱，下午还有车来送货"),
      attachments: [{ mimeType: "image/jpeg", body: photo }],
    });

    // The whole life of a tip, a merge, a transfer, a rejection, a message and a reward — through the admin forms.
    await act(committee, closedTip.tipId, "accept", { note: say("已电话联系属地消防大队") });
    await act(committee, duplicate.tipId, "merge", { intoTipId: closedTip.trackingCode.toLowerCase(), reason: say("同一商场同一问题") });
    await act(committee, closedTip.tipId, "investigate");
    await act(committee, closedTip.tipId, "message", { text: say("请问被锁的是哪一个安全出口？") });
    await act(committee, closedTip.tipId, "result", {
      result: "substantiated",
      findings: say("现场核查，东侧安全出口上锁，消防通道堆放货物"),
      measures: say("责令立即整改，罚款2万元"),
      fineYuan: "20000",
    });
    await act(committee, closedTip.tipId, "close", {
      conclusion: say("举报属实"),
      summary: say("消防通道被货物堵塞，已现场核实"),
      decision: say("责令整改并处罚款2万元"),
      rewardEligibility: say("符合奖励条件"),
    });
    await act(committee, closedTip.tipId, "reward", { basisKind: "fine", note: say("罚款2万元×15%，按3000元") });
    const [committeeUnit] = await deps.db.select().from(units).where(eq(units.key, "450100:committee"));
    await act(committee, transferred.tipId, "transfer", { unitId: String(committeeUnit.id), reason: say("涉及多个部门，需市安委办协调") });
    await act(committee, transferred.tipId, "accept");
    await act(committee, rejected.tipId, "reject", { reason: say("不属于安全生产举报范围，请向环保部门反映") });

    // A routing-rule edit, an invite that is accepted and one liaison removed.
    const [rule] = await deps.db.select().from(units).where(eq(units.key, "450100:committee"));
    expect(
      (
        await post(
          app,
          "/admin/rules/set",
          { _csrf: committee.csrf, jurisdictionCode: "450100", sectorCode: "culture_tourism", unitId: String(rule.id), reason: say("文旅场所由市安委办统筹") },
          committee.cookie,
        )
      ).status,
    ).toBe(303);
    for (const chatId of [770000001, 770000002]) {
      const page = await post(app, `/admin/units/${fire.id}/invite`, { _csrf: committee.csrf }, committee.cookie);
      const token = /li_[A-Za-z0-9_-]{20,61}/.exec(await page.text())![0];
      await acceptInvite(deps, { token, chatId });
    }
    const [bound] = await deps.db.select({ id: units.id }).from(units).where(eq(units.id, fire.id));
    const unitPage = await (await get(`/admin/units/${bound.id}`, committee)).text();
    const liaisonId = /\/liaisons\/(\d+)\/remove/.exec(unitPage)![1];
    expect(
      (await post(app, `/admin/units/${fire.id}/liaisons/${liaisonId}/remove`, { _csrf: committee.csrf, reason: say("调离岗位") }, committee.cookie)).status,
    ).toBe(303);

    // Campaigns: one started on the page by the city committee for a district, one by the province; figures filed.
    const started = await post(
      app,
      "/admin/campaigns",
      { _csrf: committee.csrf, template: "hengnan-2018", jurisdictionCode: "450102", year: "2025", figuresDueDay: "10", pastDue: "keep" },
      committee.cookie,
    );
    expect(started.status).toBe(303);
    hengnanCampaign = Number(/\/(\d+)$/.exec(started.headers.get("location")!)![1]);
    await startCampaign(deps, { template: "guangxi-2020", jurisdictionCode: "450000", year: 2025, actor: "staff:1:root" });
    const due = await deps.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.campaignId, hengnanCampaign), eq(obligations.kind, "figures"), eq(obligations.period, "2025-07")));
    const values = (n: number) =>
      Object.fromEntries(METRIC_CODES.map((c, i) => [c, c === "fines" ? 1.25 * n : c === "officers_deployed" ? 8 * n : i % 3 === 0 ? n : n + i]));
    for (const [i, o] of due.slice(0, 3).entries()) {
      await submitFigures(i === 2 ? { ...deps, clock: () => new Date("2025-08-20T02:00:00Z") } : { ...deps, clock: () => new Date("2025-08-05T02:00:00Z") }, {
        campaignId: hengnanCampaign,
        unitId: o.unitId,
        period: "2025-07",
        values: values(i + 2),
        by: "staff:nanning",
      });
    }

    // What may stay Chinese on an English page.
    typed.push(RULE_TEST_TEXT);
    const names = [
      ...(await deps.db.select({ a: units.name, b: units.nameEn }).from(units)).flatMap((u) => [u.a, u.b ?? ""]),
      ...(await deps.db.select({ a: jurisdictions.name, b: jurisdictions.fullName }).from(jurisdictions)).flatMap((j) => [j.a, j.b]),
      ...(await deps.db.select({ a: enterprises.name }).from(enterprises)).map((e) => e.a),
      ...(await deps.db.select({ a: campaigns.name }).from(campaigns)).map((c) => c.a),
      "南宁市安委办 李娜",
      "消防支队 王强",
      "观察员",
      "系统管理员",
      "张三",
    ].filter(Boolean);
    data.names = [...new Set([...names, ...typed])].sort((a, b) => b.length - a.length);
    data.corpus = data.names.join("\n");
  }, 300_000);
  afterAll(async () => database?.close());

  /** Crawl from the navigation: every same-origin GET link under /admin, a few pages of each kind. */
  async function crawl(who: Session, start: string[] = ["/admin"]) {
    const problems: PageProblem[] = [];
    const seen = new Set<string>();
    const perShape = new Map<string, number>();
    const downloads = new Set<string>();
    const todo = [...start];
    while (todo.length && seen.size < 200) {
      const path = todo.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      let zhHtml = "";
      for (const lang of ["zh-CN", "en"] as const) {
        const res = await get(path, who, lang);
        const html = await res.text();
        if (res.status !== 200) {
          problems.push({ url: path, lang, problem: `status ${res.status}` });
          continue;
        }
        expect(res.headers.get("content-type"), path).toContain("text/html");
        problems.push(...checkPage(path, lang, html, who.csrf, data));
        if (lang === "zh-CN") zhHtml = html;
      }
      for (const href of hrefs(zhHtml)) {
        const url = new URL(href, `http://localhost${path}`);
        if (url.origin !== "http://localhost" || !url.pathname.startsWith("/admin")) continue;
        const next = url.pathname + url.search;
        if (SKIP.some((re) => re.test(next))) continue;
        if (DOWNLOAD.some((re) => re.test(next))) {
          downloads.add(next);
          continue;
        }
        const shape = shapeOf(url);
        if (seen.has(next) || todo.includes(next) || (perShape.get(shape) ?? 0) >= 12) continue;
        perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
        todo.push(next);
      }
    }
    return { problems, seen, downloads };
  }

  it("committee staff: every page from the navigation and every page linked from them reads right in both languages", async () => {
    const { problems, seen, downloads } = await crawl(committee);
    expect(problems.map(show)).toEqual([]);
    // The crawl reached every kind of page (a broken link or a missing nav entry would shrink it).
    for (const re of [
      /^\/admin\/tips\/\d+$/,
      /^\/admin\/units$/,
      /^\/admin\/units\/\d+$/,
      /^\/admin\/enterprises$/,
      /^\/admin\/enterprises\/\d+$/,
      /^\/admin\/rules$/,
      /^\/admin\/campaigns$/,
      /^\/admin\/campaigns\/\d+$/,
      /^\/admin\/campaigns\/\d+\?kind=/,
      /^\/admin\/campaigns\/\d+\/figures$/,
      /^\/admin\/audit$/,
      /^\/admin\?status=/,
    ]) {
      expect(
        [...seen].some((p) => re.test(p)),
        String(re),
      ).toBe(true);
    }
    expect(seen.has(`/admin/tips/${nightTip.tipId}`)).toBe(true);
    expect(seen.has(`/admin/enterprises/${enterpriseId}`)).toBe(true);
    // Downloads answer with the file's type, as an attachment.
    const kinds = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv", attachments: "image/jpeg" };
    expect([...downloads].some((d) => d.includes("format=xlsx"))).toBe(true);
    expect([...downloads].some((d) => d.includes("format=csv"))).toBe(true);
    expect([...downloads].some((d) => d.includes("/attachments/"))).toBe(true);
    for (const d of downloads) {
      const res = await get(d, committee);
      expect(res.status, d).toBe(200);
      const want = d.includes("format=xlsx") ? kinds.xlsx : d.includes("format=csv") ? kinds.csv : kinds.attachments;
      expect(res.headers.get("content-type"), d).toContain(want);
      expect(res.headers.get("content-disposition"), d).toMatch(/^attachment; filename="[^"]+"$/);
      expect((await res.arrayBuffer()).byteLength, d).toBeGreaterThan(0);
    }
  }, 300_000);

  it("unit staff, a viewer and an administrator: their pages read right in both languages", async () => {
    for (const who of [unitStaff, viewer]) {
      const { problems, seen } = await crawl(who);
      expect(problems.map(show)).toEqual([]);
      expect(seen.has("/admin/campaigns")).toBe(true);
    }
    const { problems, seen } = await crawl(admin, ["/admin", "/admin/staff"]);
    expect(problems.map(show)).toEqual([]);
    expect(seen.has("/admin/staff")).toBe(true);
  }, 300_000);

  it("pages shown after a form (rule test, invite, flashes, errors) and the login page read right too", async () => {
    const problems: PageProblem[] = [];
    for (const lang of ["zh-CN", "en"] as const) {
      const tested = await post(
        app,
        "/admin/rules/test?jurisdiction=450100",
        { _csrf: committee.csrf, text: RULE_TEST_TEXT, place: "南宁市兴宁区" },
        cookieFor(committee, lang),
      );
      expect(tested.status).toBe(200);
      const testedHtml = await tested.text();
      expect(testedHtml).toContain('id="test-result"');
      problems.push(...checkPage("POST /admin/rules/test", lang, testedHtml, committee.csrf, data));
      const invite = await post(app, `/admin/units/${fire.id}/invite`, { _csrf: committee.csrf }, cookieFor(committee, lang));
      problems.push(...checkPage("POST invite", lang, await invite.text(), committee.csrf, data));
      for (const path of [
        `/admin/tips/${nightTip.tipId}?done=accept`,
        `/admin/tips/${nightTip.tipId}?error=reward_taken`,
        `/admin/tips/${nightTip.tipId}?error=conflict`,
        `/admin/enterprises/${enterpriseId}?done=1`,
        "/admin/rules?error=invalid_input",
        `/admin/units/${fire.id}?done=removed`,
      ]) {
        const res = await get(path, committee, lang);
        expect(res.status, path).toBe(200);
        problems.push(...checkPage(path, lang, await res.text(), committee.csrf, data));
      }
      const missing = await get("/admin/tips/99999999", committee, lang);
      expect(missing.status).toBe(404);
      problems.push(...checkPage("404", lang, await missing.text(), committee.csrf, data));
      const loginPage = await app.request("/admin/login", { headers: { Cookie: `jubao_admin_lang=${lang}` } });
      problems.push(...checkPage("/admin/login", lang, await loginPage.text(), undefined, data));
    }
    expect(problems.map(show)).toEqual([]);
  });

  it("dates are shown in Asia/Shanghai: a tip received at 17:30 UTC on 4 March shows 5 March 01:30", async () => {
    for (const lang of ["zh-CN", "en"] as const) {
      const tip = visibleText(await (await get(`/admin/tips/${nightTip.tipId}`, committee, lang)).text());
      expect(tip).toContain("2025-03-05 01:30");
      expect(tip).not.toContain("2025-03-04");
      const queue = await (await get(`/admin?q=${nightTip.trackingCode}`, committee, lang)).text();
      const row = /<tr data-tip-id="\d+">[\s\S]*?<\/tr>/.exec(queue)![0];
      expect(visibleText(row)).toContain("2025-03-05 01:30");
    }
  });

  it("a merged duplicate names and links the tip it went into by tracking code; that tip names the duplicate", async () => {
    for (const lang of ["zh-CN", "en"] as const) {
      const duplicate = await (await get(`/admin/tips/${merged.tipId}`, committee, lang)).text();
      expect(duplicate).toContain(`<a href="/admin/tips/${handled.tipId}" id="merged-into">${handled.trackingCode}</a>`);
      expect(/<tr data-kind="merged">[\s\S]*?<\/tr>/.exec(duplicate)![0]).toContain(`<a href="/admin/tips/${handled.tipId}">${handled.trackingCode}</a>`);
      const target = await (await get(`/admin/tips/${handled.tipId}`, committee, lang)).text();
      expect(/<tr data-kind="merged_from">[\s\S]*?<\/tr>/.exec(target)![0]).toContain(merged.trackingCode);
    }
  });

  it("the checks catch what they are meant to catch", () => {
    const none = { names: [], corpus: "" };
    const page = (body: string) => `<html><head><title>x</title></head><body>${body}</body></html>`;
    const problems = (body: string, lang: Lang = "en") => checkPage("t", lang, page(body), "tok", none).map((p) => p.problem);
    expect(problems("<p>admin-tip-title</p>")).toEqual(["raw message id admin-tip-title"]);
    expect(problems("<td>undefined</td>")).toEqual(['"undefined" shown as text']);
    expect(problems("<td>unitId: 5</td>")).toEqual(['camelCase identifier "unitId" in the text']);
    expect(problems('<td>{"a":1}</td>')).toEqual(["raw JSON in the text"]);
    expect(problems("<th></th>")).toEqual(["empty <th>"]);
    expect(problems("<h2>状态</h2>")).toContain('Chinese in <h2> "状态"');
    expect(problems("<h2>状态</h2>", "zh-CN")).toEqual([]);
    expect(problems('<form method="post"><button>Go</button></form>')[0]).toMatch(/without the _csrf field/);
    expect(problems("<td>2025-03-04T17:30:00.000Z</td>")).toEqual(["ISO timestamp in the text"]);
  });

  it("the admin locale files have the same keys in zh-CN and en", () => {
    for (const file of ["admin.ftl", "admin-manage.ftl", "admin-campaigns.ftl"]) {
      const keys = (lang: string) =>
        readFileSync(join(ROOT_DIR, "locales", lang, file), "utf8")
          .split("\n")
          .map((l) => /^([a-z][a-z0-9_-]*)\s*=/.exec(l)?.[1])
          .filter(Boolean)
          .sort();
      expect(keys("en"), file).toEqual(keys("zh-CN"));
    }
  });
});
