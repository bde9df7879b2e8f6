import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rows } from "../../src/db/client.js";
import { tips } from "../../src/db/schema.js";
import { conversationKey } from "../../src/app/conversations/load-conversation.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { getTip } from "../../src/app/triage/get-tip.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { harness, startFakeBotApi, type FakeBotApi, type Harness } from "./report-harness.js";

const NAME = "欧阳晓燕";
const PHONE = "13912345678";
const CONTACT = `${NAME} ${PHONE}`;

/** Every way the contact could sit in a row: as typed, in JSON escapes, base64 (both alphabets) and hex of its UTF-8. */
export function identityForms(values: string[]): string[] {
  const forms: string[] = [];
  for (const v of values) {
    const bytes = Buffer.from(v, "utf8");
    forms.push(v, JSON.stringify(v).slice(1, -1), [...v].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join(""));
    forms.push(bytes.toString("base64").replace(/=+$/, ""), bytes.toString("base64url"), bytes.toString("hex"));
  }
  return forms;
}

describe.each(DB_KINDS)("a Telegram draft keeps the reporter's contact out of the conversations table on %s", (kind) => {
  let database: TestDb;
  let api: FakeBotApi;
  beforeAll(async () => {
    database = await openTestDb(kind);
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  /** The whole table as the database holds it, every column as text. */
  const rawConversations = async () =>
    JSON.stringify(await rows(database.db, sql`select key, flow, state::text as state, version, updated_at::text as at from conversations`));

  const expectNoIdentity = async (where: string) => {
    const raw = await rawConversations();
    expect(raw, where).toContain('"flow":"report"');
    for (const form of identityForms([CONTACT, NAME, PHONE])) expect(raw.includes(form), `${where}: ${form}`).toBe(false);
  };

  async function toContact(h: Harness) {
    await h.say("/report");
    await h.press("rp:s:fire_safety");
    await h.press("rp:p:skip");
    await h.press("rp:e:skip");
    await h.say("商场安全出口被铁链锁住，消防通道堆满货物，南宁市兴宁区");
    await h.press("rp:f:done");
    await h.press("rp:u:no");
    await h.press("rp:c:contact");
    await h.say(CONTACT);
  }

  it("stores the contact encrypted at the consent and review steps, shows it on the review, and the submitted tip carries it", async () => {
    const chatId = 71_901;
    const h = harness(database, chatId, { api });
    await toContact(h);
    expect(h.texts().at(-1)).toContain("同意"); // the consent question
    await expectNoIdentity("at the consent step");

    await h.press("rp:k:yes");
    expect(h.texts().at(-1)).toContain(CONTACT); // the review screen shows it back to the reporter
    await expectNoIdentity("at the review step");

    // Back to consent and forward again, and a restart of the bot (a new replica) in between: still sealed, still readable.
    await h.press("rp:r:back");
    const replica = harness(database, chatId, { api });
    await replica.press("rp:k:yes");
    expect(replica.texts().at(-1)).toContain(CONTACT);
    await expectNoIdentity("at the review step again");

    await replica.press("rp:r:submit");
    const [tip] = await database.db
      .select()
      .from(tips)
      .where(eq(tips.reporterChannelHash, h.deps.crypto.hash("reporter:telegram", String(chatId))));
    expect(tip).toMatchObject({ anonymous: false, contactConsent: true });
    expect(JSON.stringify(tip)).not.toContain(PHONE);
    const admin: StaffActor = { id: 1, username: "admin", displayName: "Admin", role: "admin", jurisdictionCode: null, unitId: null, locale: "zh-CN" };
    const detail = await getTip(h.deps, { actor: admin, tipId: tip.id });
    expect(detail.reporter).toEqual({ name: null, contact: CONTACT });
  });

  it("reads a draft stored in clear by the previous version and seals it on the next step", async () => {
    const chatId = 71_902;
    const h = harness(database, chatId, { api });
    await toContact(h);
    // What the previous version wrote at the consent step: the contact in clear.
    await database.db.execute(
      sql`update conversations set state = jsonb_set(state - 'contactEnc', '{contact}', to_jsonb(${CONTACT}::text)) where key = ${conversationKey(h.deps, "report", "telegram", String(chatId))}`,
    );
    expect(await rawConversations()).toContain(PHONE);
    await h.press("rp:k:no");
    expect(h.texts().at(-1)).toContain(CONTACT);
    await expectNoIdentity("after the next step");
    await h.say("/cancel");
  });
  it("keeps a receipt secret typed into the description out of the draft and out of the tip", async () => {
    const earlier = await submitTip(harness(database, 71_903).deps, { channel: "web", text: "南宁市兴宁区化工厂夜里排放有毒气体，附近居民头晕" });
    const chatId = 71_904;
    const h = harness(database, chatId, { api });
    await h.say("/report");
    await h.press("rp:s:fire_safety");
    await h.press("rp:p:skip");
    await h.press("rp:e:skip");
    await h.say(`上次举报 ${earlier.trackingCode} 密钥 ${earlier.secret} 还没处理，工厂又在排放`);
    const raw = await rawConversations();
    for (const form of [earlier.secret, earlier.secret.replace(/-/g, "")]) expect(raw).not.toContain(form);
    await h.press("rp:f:done");
    await h.press("rp:u:no");
    await h.press("rp:c:anon");
    expect(h.texts().at(-1)).toContain(`上次举报 ${earlier.trackingCode} 密钥 还没处理，工厂又在排放`);
    await h.press("rp:r:submit");
    const [tip] = await database.db
      .select()
      .from(tips)
      .where(eq(tips.reporterChannelHash, h.deps.crypto.hash("reporter:telegram", String(chatId))));
    expect(tip.text).toBe(`上次举报 ${earlier.trackingCode} 密钥 还没处理，工厂又在排放`);
  });
});
