import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import type { Update } from "grammy/types";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import { liaisons, tipAttachments, tips, units } from "../../src/db/schema.js";
import { createInvite } from "../../src/app/liaisons/create-invite.js";
import { acceptInvite } from "../../src/app/liaisons/accept-invite.js";
import { rows } from "../../src/db/client.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { decideReward } from "../../src/app/triage/decide-reward.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { nextUpdateId } from "../support/fake-telegram.js";
import { harness, startFakeBotApi, type FakeBotApi } from "../bot/report-harness.js";

/**
 * The guarantee of issue 4 part 5, checked from the outside: after tips came in on every channel and a
 * liaison was registered, no phone number, Telegram chat id or reporter name is readable anywhere in the
 * database — every column of every table, bytea decoded, jsonb walked.
 */
const PUBLIC_URL = "https://jubao.example.org";
const TWILIO_TOKEN = "privacy-twilio-token-0123456789";
const GATEWAY_SECRET = "privacy-gateway-secret-42";
const FIRE = "南宁市兴宁区商场把消防通道和安全出口都堵死了，晚上人很多";

// Distinctive values, so a hit in the dump cannot be a coincidence. The 11-digit local form is what is
// searched: it is contained in the +86 form too.
const PHONES = {
  twilio: "13611136001",
  gateway: "13611136002",
  web: "13611136003",
  api: "13611136004",
  telegram: "13611136005",
  liaison: "13611136006",
};
const CHATS = { reporter: 7_340_918_265_117, liaison: 7_340_918_265_228 };
const NAMES = ["司马懿然", "Xiaoming Quixotefield", "Quixotefield", "欧阳晓燕"];
// What a rewarded reporter shows to be paid.
const CLAIM_ID = "45010219880808555X";
const CLAIM_ACCOUNT = "6222027777333311119";

/** Every string leaf of a parsed row, with bytea values ("\x…" hex) also decoded to their bytes. */
function* leaves(value: unknown): Generator<string | Buffer> {
  if (typeof value === "string") {
    yield value;
    if (/^\\x[0-9a-f]*$/i.test(value)) yield Buffer.from(value.slice(2), "hex");
  } else if (typeof value === "number") yield String(value);
  else if (Array.isArray(value)) for (const v of value) yield* leaves(v);
  else if (value && typeof value === "object") for (const v of Object.values(value)) yield* leaves(v);
}

describe.each(DB_KINDS)("no reporter or liaison identity in plain text in a dump of %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let api: FakeBotApi;
  let photoTipId = 0;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { env: { PUBLIC_URL, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, SMS_GATEWAY_SECRET: GATEWAY_SECRET } });
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  it("takes identities on every channel, then none of them appears in any column of any table", async () => {
    // Liaisons first, so the tips' notifications to them (Telegram and SMS) are in the outbox too.
    const [unit] = await deps.db.select().from(units).where(eq(units.name, "南宁市消防救援支队"));
    expect(unit).toBeDefined();
    await deps.db.insert(liaisons).values({ unitId: unit.id, phoneEnc: deps.crypto.encrypt(`+86${PHONES.liaison}`), nameEnc: deps.crypto.encrypt(NAMES[3]) });
    const invite = await createInvite(deps, { unit: unit.id, actor: "privacy-test" });
    expect(await acceptInvite(deps, { token: invite.token, chatId: CHATS.liaison })).toMatchObject({ ok: true });

    const app = createApp({ deps });
    // Web form, with a contact, consent and a GPS-tagged photo.
    const photo = await sharp({ create: { width: 48, height: 32, channels: 3, background: "#2a6" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "GpsLeakCam", Artist: NAMES[1] },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 12/1", GPSLongitudeRef: "E", GPSLongitude: "108/1 19/1 0/1" },
      })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const form = new FormData();
    form.set("text", FIRE);
    form.set("county", "450102");
    form.set("contact", `${NAMES[0]} ${PHONES.web}`);
    form.set("consent", "1");
    form.append("attachments", new File([photo], "IMG_2024.jpg", { type: "image/jpeg" }));
    const web = await app.request("/tips", { method: "POST", body: form });
    expect(web.status).toBe(200);
    const webHtml = await web.text();
    const webCode = /id="tracking-code">([^<]+)</.exec(webHtml)![1];
    photoTipId = (await deps.db.select().from(tips).where(eq(tips.trackingCode, webCode)))[0].id;

    // JSON API with a contact.
    const apiRes = await app.request("/api/v1/tips", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "privacy-dump-0001" },
      body: JSON.stringify({ text: FIRE, place: "南宁市兴宁区", contact: `${NAMES[1]} +86 ${PHONES.api}`, consent: false }),
    });
    expect(apiRes.status).toBe(201);

    // Twilio SMS and the generic gateway.
    const tw = { AccountSid: "AC" + "2".repeat(32), Body: FIRE, From: `+86${PHONES.twilio}`, MessageSid: "SM" + "3".repeat(32), To: "+15550003333" };
    const twData =
      `${PUBLIC_URL}/sms/twilio` +
      Object.keys(tw)
        .sort()
        .map((k) => k + tw[k as keyof typeof tw])
        .join("");
    const twRes = await app.request("/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": createHmac("sha1", TWILIO_TOKEN).update(twData).digest("base64") },
      body: new URLSearchParams(tw).toString(),
    });
    expect(await twRes.text()).toContain("查询码");
    // A two-step SMS conversation keeps a draft keyed by the phone: it must be keyed by a hash.
    const gw = JSON.stringify({
      from: `+86${PHONES.gateway}`,
      text: "有家火锅店把消防通道堵死了，晚上人很多很危险",
      id: "gw-privacy-1",
      receivedAt: "2024-05-01T08:00:00Z",
    });
    const gwRes = await app.request("/sms/inbound", {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(gw).digest("hex") },
      body: gw,
    });
    expect(((await gwRes.json()) as { reply: string }).reply).toContain("地点");

    // Telegram /report through the real webhook, from a user with a name and username, leaving a contact.
    const h = harness(database, CHATS.reporter, { api });
    const from = {
      id: CHATS.reporter,
      is_bot: false,
      first_name: NAMES[1].split(" ")[0],
      last_name: NAMES[2],
      username: "quixotefield_x",
      language_code: "zh-hans",
    };
    const chat = { id: CHATS.reporter, type: "private", first_name: from.first_name, last_name: NAMES[2], username: "quixotefield_x" };
    const say = (text: string) =>
      h.post({
        update_id: nextUpdateId(),
        message: {
          message_id: nextUpdateId(),
          date: Math.floor(Date.now() / 1000),
          chat,
          from,
          text,
          ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {}),
        },
      } as unknown as Update);
    const press = (data: string) =>
      h.post({
        update_id: nextUpdateId(),
        callback_query: { id: String(nextUpdateId()), chat_instance: "ci", data, from, message: { message_id: 1, date: 0, chat, text: "…" } },
      } as unknown as Update);
    for (const step of [
      () => say("/report"),
      () => press("rp:s:fire_safety"),
      () => press("rp:p:go:450100"),
      () => press("rp:p:go:450102"),
      () => press("rp:p:ok:450102"),
      () => press("rp:e:skip"),
      () => say(FIRE),
      () => press("rp:f:done"),
      () => press("rp:u:no"),
      () => press("rp:c:contact"),
      () => say(`${NAMES[0]} ${PHONES.telegram}`),
      () => press("rp:k:yes"),
      () => press("rp:r:submit"),
    ]) {
      expect((await step()).status).toBe(200);
    }
    const [tg] = await deps.db
      .select()
      .from(tips)
      .where(eq(tips.reporterChannelHash, deps.crypto.hash("reporter:telegram", String(CHATS.reporter))));
    expect(tg, h.texts().join("\n---\n")).toBeDefined();
    // The identity is there, encrypted: the test would prove nothing if it had never been stored.
    expect(deps.crypto.decrypt(tg.reporterContactEnc!)).toContain(PHONES.telegram);

    // The web reporter is rewarded and claims with a name, an ID number and an account (#12 item 5).
    const admin = { id: 1, username: "privacy", displayName: "P", role: "admin" as const, jurisdictionCode: null, unitId: null, locale: "zh-CN" };
    await acceptTip(deps, { actor: admin, tipId: photoTipId });
    await startInvestigation(deps, { actor: admin, tipId: photoTipId });
    await recordResult(deps, { actor: admin, tipId: photoTipId, result: "substantiated", findings: "属实", fineYuan: 20000 });
    await decideReward(deps, { actor: admin, tipId: photoTipId, basisKind: "fine" });
    const webSecret = /id="secret">([^<]+)</.exec(webHtml)![1];
    const claim = await app.request("/api/v1/tips/reward-claim", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: webCode, secret: webSecret, name: NAMES[0], idNumber: CLAIM_ID, account: CLAIM_ACCOUNT }),
    });
    expect(claim.status, await claim.clone().text()).toBe(201);

    // Dump every column of every table of every non-system schema.
    const tables = await rows<{ s: string; t: string }>(
      deps.db,
      sql`select table_schema as s, table_name as t from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
    );
    expect(tables.map((x) => x.t)).toEqual(
      expect.arrayContaining(["tips", "outbox", "liaisons", "conversations", "inbound_dedupe", "audit_log", "tip_events"]),
    );
    const needles = [...Object.values(PHONES), ...Object.values(CHATS).map(String), ...NAMES, "quixotefield_x", CLAIM_ID, CLAIM_ACCOUNT];
    const found: string[] = [];
    let leafCount = 0;
    // The scanner itself is checked: the tip text is meant to be readable, and bytea must be decoded.
    let sawTipText = false;
    let byteaLeaves = 0;
    for (const { s, t } of tables) {
      const dumped = await rows<{ j: string }>(deps.db, sql.raw(`select row_to_json(x)::text as j from "${s}"."${t}" x`));
      for (const { j } of dumped) {
        for (const needle of needles) if (j.includes(needle)) found.push(`${s}.${t}: ${needle} in text`);
        sawTipText ||= j.includes("消防通道");
        for (const leaf of leaves(JSON.parse(j))) {
          leafCount++;
          if (typeof leaf === "string") continue;
          byteaLeaves++;
          for (const needle of needles) {
            if (leaf.includes(Buffer.from(needle, "utf8")) || leaf.includes(Buffer.from(needle, "utf16le"))) found.push(`${s}.${t}: ${needle} in bytea`);
          }
        }
      }
    }
    expect(leafCount).toBeGreaterThan(1000);
    expect(sawTipText).toBe(true);
    expect(byteaLeaves).toBeGreaterThanOrEqual(10);
    expect(found).toEqual([]);
  });

  it("stored the uploaded JPEG without EXIF: no GPS, no camera make, no artist name", async () => {
    const [stored] = await deps.db.select().from(tipAttachments).where(eq(tipAttachments.tipId, photoTipId));
    expect(stored.mimeType).toBe("image/jpeg");
    const body = Buffer.from(stored.body);
    const meta = await sharp(body).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.width).toBe(48);
    for (const marker of ["GpsLeakCam", NAMES[1], "Exif\0\0"]) expect(body.includes(Buffer.from(marker, "latin1"))).toBe(false);
    // Nothing in the file after the start-of-image marker is an APP1 (EXIF/XMP) segment.
    for (let i = 2; i + 1 < body.length && body[i] === 0xff && body[i + 1] !== 0xda; i += 2 + body.readUInt16BE(i + 2)) {
      expect(body[i + 1]).not.toBe(0xe1);
    }
  });
});
