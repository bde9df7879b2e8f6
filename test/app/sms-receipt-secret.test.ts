import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { rows } from "../../src/db/client.js";
import { outbox, tipEvents, tips } from "../../src/db/schema.js";
import { handleInboundSms } from "../../src/app/sms/handle-inbound-sms.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { addTipInfo } from "../../src/app/tips/add-tip-info.js";
import { checkStatus, RECEIPT_MAX_FAILURES } from "../../src/app/tips/check-status.js";
import { cutSpans, receiptMentions } from "../../src/app/tips/receipt-in-text.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const TIP_TEXT = "南宁市兴宁区某化工厂夜里偷偷排放有毒气体，附近居民头晕";

/** Every form a secret could take in stored text: grouped, compact, lower case. */
const secretForms = (secret: string) => [secret, secret.replace(/-/g, ""), secret.toLowerCase(), secret.replace(/-/g, "").toLowerCase()];

describe("receiptMentions (pure)", () => {
  const code = "K7M-4QX-9PA";
  const secret = "7HQ2-MXKD-4R9T-WNZC-3PEV-8GJY";
  it("finds a code and the secret after it however typed, and nothing in ordinary text", () => {
    for (const text of [
      `异议 ${code} ${secret} 不服`,
      `异议${code.toLowerCase()}${secret.toLowerCase()}不服`,
      `查询码${code} 密钥${secret}，我对结果有异议`,
      `OBJECTION ${code.replace(/-/g, " ")} secret: ${secret.replace(/-/g, " ")} I disagree`,
      `异议 ${code.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))} ${secret} 不服`,
    ]) {
      const [m] = receiptMentions(text).filter((x) => x.trackingCode === code);
      expect(m, text).toBeDefined();
      expect(
        m.secrets.map((s) => s.value),
        text,
      ).toContain(secret.replace(/-/g, ""));
    }
    expect(receiptMentions(TIP_TEXT)).toEqual([]);
    const text = `前  后 ${code} ${secret} 尾`;
    const [m] = receiptMentions(text);
    expect(cutSpans(text, [m.code, m.secrets[0]])).toBe("前  后 尾");
    const glued = `${code}${secret}`;
    const [g] = receiptMentions(glued);
    expect(cutSpans(glued, [g.code, g.secrets[0]])).toBe("");
    expect(receiptMentions(`查询 ${code}`)).toEqual([]);
  });
});

describe.each(DB_KINDS)("an SMS or a text carrying a receipt secret on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  let n = 0;
  const sms = (from: string, text: string) => handleInboundSms(deps, { provider: "generic", messageId: `rs-${kind}-${++n}`, from, text });
  const tipCount = async () => Number((await deps.db.select({ n: sql<number>`count(*)` }).from(tips))[0].n);
  const smsTip = (phone: string) => submitTip(deps, { channel: "sms", text: TIP_TEXT, reporter: { address: phone }, receiptInline: true });

  /** Every table staff, liaisons or a backup could read, as text, with the outbox payloads decrypted. */
  async function storedText(): Promise<string> {
    const raw = await rows(
      deps.db,
      sql`select (select coalesce(json_agg(t), '[]') from tips t)::text as tips,
      (select coalesce(json_agg(e), '[]') from tip_events e)::text as events, (select coalesce(json_agg(c), '[]') from conversations c)::text as conversations,
      (select coalesce(json_agg(a), '[]') from audit_log a)::text as audit`,
    );
    const queued = (await deps.db.select().from(outbox)).filter((o) => o.payloadEnc).map((o) => deps.crypto.decrypt(o.payloadEnc!));
    return JSON.stringify(raw) + queued.join("\n");
  }
  const expectNowhere = async (secret: string) => {
    const stored = await storedText();
    for (const form of secretForms(secret)) expect(stored.includes(form), form).toBe(false);
  };

  it("adds 异议 <code> <secret> … to that tip, without the secret, and answers in Chinese", async () => {
    const phone = "+8613900170001";
    const tip = await smsTip(phone);
    const before = await tipCount();
    const answer = await sms(phone, `异议 ${tip.trackingCode} ${tip.secret} 我对处理结果不服，工厂还在排放`);
    expect(answer).toMatchObject({ outcome: "info", locale: "zh-CN" });
    // No answer yet, so no objection: the words are added to the tip and the reply says why.
    expect(answer.reply).toBe(`${tip.trackingCode}尚未答复，收到答复后才能提出异议。您的话已补充到举报中`);
    expect(await tipCount()).toBe(before);
    const events = await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.tipId));
    const info = events.find((e) => e.kind === "reporter_info");
    expect(info?.data).toMatchObject({ channel: "sms", text: "异议 我对处理结果不服，工厂还在排放" });
    await expectNowhere(tip.secret);
  });

  it("reads the receipt however it was typed (a copied receipt, lower case, another sender) and answers in English", async () => {
    const tip = await smsTip("+8613900170002");
    const before = await tipCount();
    const copied = await sms("+8613900170003", `查询码${tip.trackingCode} 密钥${tip.secret.toLowerCase().replace(/-/g, " ")}，结果不对，请重新核查`);
    expect(copied.outcome).toBe("info");
    const english = await sms(
      "+8613900170002",
      `OBJECTION ${tip.trackingCode.toLowerCase()} ${tip.secret.replace(/-/g, "")} the factory is still venting at night`,
    );
    expect(english).toMatchObject({
      outcome: "info",
      locale: "en",
      reply: `${tip.trackingCode} has no answer yet; object once you get it. Your words were added to the tip.`,
    });
    expect(await tipCount()).toBe(before);
    await expectNowhere(tip.secret);
  });

  it("answers the status for a bare code and secret, storing nothing", async () => {
    const tip = await smsTip("+8613900170004");
    const before = await tipCount();
    const answer = await sms("+8613900170004", `${tip.trackingCode} ${tip.secret}`);
    expect(answer.outcome).toBe("status");
    expect(answer.reply).toContain(tip.trackingCode);
    expect(await tipCount()).toBe(before);
    await expectNowhere(tip.secret);
  });

  it("refuses with the lockout (storing nothing) when the code is locked after wrong secrets, and treats a wrong secret as before", async () => {
    const tip = await smsTip("+8613900170005");
    const wrong = tip.secret.replace(/^./, (c) => (c === "2" ? "3" : "2"));
    for (let i = 0; i < RECEIPT_MAX_FAILURES; i++) await checkStatus(deps, { trackingCode: tip.trackingCode, secret: wrong });
    const before = await tipCount();
    const locked = await sms("+8613900170005", `异议 ${tip.trackingCode} ${tip.secret} 南宁市兴宁区我不服`);
    expect(locked.outcome).toBe("refused");
    expect(locked.reply).toContain("密钥错误次数过多");
    expect(await tipCount()).toBe(before);
    await expectNowhere(tip.secret);

    const other = await smsTip("+8613900170006");
    const guessed = await sms("+8613900170007", `异议 ${other.trackingCode} ${wrong} 南宁市兴宁区化工厂还在排放废气`);
    // 异议 is a command (like 补充): a wrong secret is refused as a wrong receipt, and nothing is stored.
    expect(guessed).toMatchObject({ outcome: "refused", reply: "查询码或密钥不对，请核对。格式：查询 查询码 密钥" });
    expect(await tipCount()).toBe(before + 1);
  });

  it("cuts a valid secret out of a web tip's text and out of an addition, keeping the code", async () => {
    const first = await smsTip("+8613900170008");
    const web = await submitTip(deps, { channel: "web", text: `上次举报的 ${first.trackingCode} 密钥 ${first.secret} 还没处理，南宁市兴宁区化工厂又在排放` });
    const [stored] = await deps.db.select().from(tips).where(eq(tips.id, web.tipId));
    expect(stored.text).toBe(`上次举报的 ${first.trackingCode} 密钥 还没处理，南宁市兴宁区化工厂又在排放`);
    const added = await addTipInfo(deps, {
      trackingCode: web.trackingCode,
      secret: web.secret,
      channel: "api",
      text: `补充：${web.trackingCode} ${web.secret} 今晚又排放了`,
    });
    expect(added.ok).toBe(true);
    await expectNowhere(first.secret);
    await expectNowhere(web.secret);
  });
});
