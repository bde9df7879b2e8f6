import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { createApp } from "../../src/http/app.js";
import { createBot } from "../../bot/create-bot.js";
import type { Deps } from "../../src/app/deps.js";
import type { Logger, LogFields } from "../../src/adapters/logger.js";
import { MAX_ATTACHMENT_BYTES } from "../../src/domain/tip-input.js";
import { tips } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { BOT_INFO, nextUpdateId, recordApiCalls, sentTexts, textUpdate } from "../support/fake-telegram.js";

/**
 * Issue 4 part 7: whatever arrives on the public intake endpoints, the server answers — never 500,
 * never an unhandled error. A tip is either stored (and the answer carries its receipt) or refused with
 * a 4xx. Bounded runs, no timing assertions. The explicit examples below cover each listed kind of
 * bad input not already covered by test/http/*.test.ts and test/bot/report.test.ts.
 */
const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
const HOOK_SECRET = "hook-secret-fuzz";
const FIRE = "商场把消防通道和安全出口都堵死了，晚上人很多";
const RUNS = 150;

/** Records error-level logs: an error logged for bad input means it reached a code path it should not. */
function recordingLogger(errors: string[]): Logger {
  const logger: Logger = {
    debug() {},
    info() {},
    warn() {},
    error(msg: string, fields?: LogFields) {
      errors.push(`${msg} ${JSON.stringify(fields ?? {})}`);
    },
    child() {
      return logger;
    },
  };
  return logger;
}

// Text that is hostile in every way the issue lists: control characters, lone surrogates, markup, SQL.
const nastyText = fc
  .oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.string({
      unit: fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u200b", "\u202e", "\ud800", "\udfff", "\r", "\n", "消", "a", "<", "'", ";"),
      maxLength: 120,
    }),
    fc.constantFrom("<script>alert(1)</script>", "'; DROP TABLE tips; --", '" OR 1=1 --', "${jndi:ldap://x}", "{{7*7}}", "%00%0d%0a", ""),
    fc.nat({ max: 20_500 }).map((n) => "消".repeat(n)),
  )
  .map((s) => (Math.random() < 0.5 ? s : FIRE + s));

describe.each(DB_KINDS)("fuzzing the intake endpoints on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  const errors: string[] = [];
  let calls: ReturnType<typeof recordApiCalls>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET }, logger: recordingLogger(errors) });
    const bot = createBot({ token: TOKEN, deps, botConfig: { botInfo: BOT_INFO } });
    calls = recordApiCalls(bot);
    app = createApp({ deps, bot });
  });
  afterAll(async () => database?.close());

  const countTips = async () => Number((await deps.db.select({ n: sql<number>`count(*)` }).from(tips))[0].n);
  const postApi = (body: string | Uint8Array<ArrayBuffer>, contentType = "application/json") =>
    app.request("/api/v1/tips", { method: "POST", headers: { "content-type": contentType }, body });
  const postHook = (body: string | Uint8Array<ArrayBuffer>, secret = HOOK_SECRET) =>
    app.request("/telegram/webhook", { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body });
  const postForm = (body: string | Uint8Array<ArrayBuffer>) =>
    app.request("/tips", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });

  /** A 201 must carry a receipt for a tip that is really stored; anything else must be a 4xx. */
  async function expectStoredOrRefused(res: Response) {
    expect(
      res.status,
      await res
        .clone()
        .text()
        .then((t) => t.slice(0, 200)),
    ).not.toBe(500);
    if (res.status === 201) {
      const body = await res.json();
      expect(body.trackingCode).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
      expect(body.secret).toMatch(/^([2-9A-Z]{4}-){5}[2-9A-Z]{4}$/);
      expect(await deps.db.select({ id: tips.id }).from(tips).where(eq(tips.trackingCode, body.trackingCode))).toHaveLength(1);
    } else {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  }

  describe("POST /api/v1/tips", () => {
    it("arbitrary JSON values, wrong types and hostile strings: stored with a receipt or 4xx", async () => {
      const field = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyText);
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc
          .record(
            {
              text: fc.oneof(nastyText, fc.jsonValue({ maxDepth: 1 })),
              place: field,
              sector: field,
              urgent: field,
              jurisdictionCode: field,
              contact: field,
              consent: field,
              location: field,
              locale: field,
            },
            { requiredKeys: ["text"] },
          )
          .map((o) => JSON.stringify(o)),
        fc.string({ maxLength: 300 }),
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          await expectStoredOrRefused(await postApi(b));
        }),
        { numRuns: RUNS },
      );
    });

    it("random bytes, including invalid UTF-8, as the body: 4xx or a stored tip", async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (bytes, wrap) => {
          // Wrapped: a JSON string whose content bytes are not valid UTF-8.
          const body = wrap ? new Uint8Array([...Buffer.from('{"text":"' + FIRE), ...bytes, ...Buffer.from('"}')]) : new Uint8Array(bytes);
          await expectStoredOrRefused(await postApi(body));
        }),
        { numRuns: RUNS },
      );
    });
  });

  describe("POST /tips (the web form)", () => {
    it("form-encoded junk: 200 with a receipt, or a 4xx page", async () => {
      const name = fc.constantFrom(
        "text",
        "county",
        "city",
        "place",
        "sector",
        "enterprise",
        "contact",
        "consent",
        "urgent",
        "formToken",
        "lang",
        "attachments",
        "junk",
      );
      const form = fc.array(fc.tuple(name, nastyText), { maxLength: 12 });
      const raw = fc.oneof(
        form.map((pairs) => new URLSearchParams(pairs).toString()),
        fc.string({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }).map((b) => "text=" + FIRE + "&place=" + Buffer.from(b).toString("latin1")),
      );
      await fc.assert(
        fc.asyncProperty(raw, async (body) => {
          const res = await postForm(body);
          expect(res.status).not.toBe(500);
          const html = await res.text();
          if (res.status === 200) expect(html).toMatch(/id="tracking-code">[2-9A-Z-]{11}</);
          else expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    });
  });

  describe("POST /telegram/webhook", () => {
    const chatId = fc.integer({ min: 1, max: 2 ** 40 });
    const user = (id: number) => ({ id, is_bot: false, first_name: "F", language_code: "zh-hans" });
    const chat = (id: number) => ({ id, type: "private", first_name: "F" });
    const msg = (id: number, extra: Record<string, unknown>) => ({ message_id: 7, date: 1_700_000_000, chat: chat(id), from: user(id), ...extra });
    const update = fc.oneof(
      fc.tuple(chatId, nastyText).map(([id, text]) => ({ message: msg(id, { text: text.slice(0, 4096) }) })),
      fc
        .tuple(chatId, fc.constantFrom("/report", "/status", "/start", "/help", "/cancel", "/lang", "/status 222-222-222 x"))
        .map(([id, text]) => ({ message: msg(id, { text, entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0].length }] }) })),
      chatId.map((id) => ({
        message: msg(id, { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }),
      })),
      fc.tuple(chatId, nastyText).map(([id, text]) => ({ edited_message: { ...msg(id, { text: text.slice(0, 4096) }), edit_date: 1_700_000_100 } })),
      fc.tuple(chatId, nastyText).map(([id, text]) => ({
        channel_post: { message_id: 3, date: 1_700_000_000, chat: { id: -id, type: "channel", title: "c" }, text: text.slice(0, 4096) },
      })),
      fc
        .tuple(
          chatId,
          fc.oneof(
            fc.string({ maxLength: 64 }),
            fc.constantFrom("rp:s:nuclear", "rp:p:go:999999", "rp:r:submit", "rp:p:go:'; drop table tips", "rp:", "li:done:abc"),
          ),
        )
        .map(([id, data]) => ({
          callback_query: { id: "cq", chat_instance: "ci", data, from: user(id), message: { message_id: 1, date: 0, chat: chat(id), text: "…" } },
        })),
      fc.tuple(chatId, fc.jsonValue({ maxDepth: 2 })).map(([id, junk]) => ({ message: { ...msg(id, {}), junk } })),
      fc.constantFrom({ my_chat_member: {} }, { inline_query: { id: "i", from: user(1), query: "q", offset: "" } }, { poll: { id: "p" } }, {}),
    );

    it("arbitrary and unsupported update shapes are answered 200 without an error", async () => {
      await fc.assert(
        fc.asyncProperty(update, async (u) => {
          const res = await postHook(JSON.stringify({ update_id: nextUpdateId(), ...u }));
          expect(res.status).toBe(200);
        }),
        { numRuns: RUNS },
      );
      expect(errors).toEqual([]);
    });

    it("malformed JSON and non-update bodies: never a 500", async () => {
      const body = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array(b)),
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const res = await postHook(b);
          expect(res.status).not.toBe(500);
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    });
  });

  describe("explicit examples of each listed bad input", () => {
    it("API: invalid UTF-8 inside the JSON is refused with 400 and nothing stored", async () => {
      const before = await countTips();
      const res = await postApi(new Uint8Array([...Buffer.from('{"text":"' + FIRE), 0xff, 0xfe, 0xc3, ...Buffer.from('"}')]));
      expect([400, 201]).toContain(res.status);
      if (res.status === 201) {
        // If the bytes are decoded leniently, the stored text has no raw invalid sequence, only U+FFFD at most.
        const { trackingCode } = await res.json();
        const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, trackingCode));
        expect(tip.text.startsWith(FIRE)).toBe(true);
      } else {
        expect(await countTips()).toBe(before);
      }
    });

    it("API: empty and whitespace-only text and an empty body are 400 with a field error", async () => {
      for (const text of ["", "   \n\t ", "\u0000\u0001\u200b"]) {
        const res = await postApi(JSON.stringify({ text, place: "南宁市兴宁区" }));
        expect(res.status).toBe(400);
        expect((await res.json()).fields).toContainEqual(expect.objectContaining({ path: "text" }));
      }
      expect((await postApi("")).status).toBe(400);
    });

    it("API: SQL injection text is stored verbatim as data and the tables are intact", async () => {
      const text = "工厂仓库违规堆放烟花爆竹'); DELETE FROM tips; DROP TABLE tips; -- \" OR 1=1";
      const res = await postApi(JSON.stringify({ text, place: "南宁市兴宁区", enterprise: "x' OR '1'='1" }));
      expect(res.status).toBe(201);
      const { trackingCode } = await res.json();
      const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, trackingCode));
      expect(tip.text).toBe(text);
      expect(await countTips()).toBeGreaterThan(0);
    });

    it("API: an oversized image and a fake image are refused with a field error, nothing stored", async () => {
      const before = await countTips();
      const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
      big.set([0xff, 0xd8, 0xff, 0xe0]);
      for (const [file, code] of [
        [new File([big], "huge.jpg", { type: "image/jpeg" }), "too_large"],
        [new File(["GIF89a but not really <?php ?>"], "fake.png", { type: "image/png" }), "unsupported_type"],
      ] as const) {
        const form = new FormData();
        form.set("text", FIRE);
        form.append("attachments", file);
        const res = await app.request("/api/v1/tips", { method: "POST", body: form });
        expect(res.status).toBe(400);
        expect((await res.json()).fields).toContainEqual(expect.objectContaining({ path: "attachments", code }));
      }
      expect(await countTips()).toBe(before);
    });

    it("web form: empty, over 10,000 characters and invalid UTF-8 re-render the form (422) in Chinese", async () => {
      const before = await countTips();
      const empty = await postForm("text=&county=450102");
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain("请修改下面标出的内容后再提交。");
      const huge = await postForm(new URLSearchParams({ text: "消".repeat(10_001), county: "450102" }).toString());
      expect([413, 422]).toContain(huge.status);
      expect(await huge.text()).toMatch(/10000|10,000|过长|太长/);
      const bad = await postForm(new Uint8Array([...Buffer.from("text="), 0xff, 0xfe, 0xfd]));
      expect(bad.status).toBe(422);
      expect(await countTips()).toBe(before);
    });

    it("web form: control characters are removed from a stored tip", async () => {
      const res = await postForm(new URLSearchParams({ text: "工厂\u0000\u001b[31m仓库\u202e堆放烟花爆竹，无人看管", county: "450102" }).toString());
      expect(res.status).toBe(200);
      const code = /id="tracking-code">([^<]+)</.exec(await res.text())![1];
      const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code));
      expect(tip.text).toBe("工厂[31m仓库堆放烟花爆竹，无人看管");
    });

    it("Telegram: edited messages and channel posts are ignored quietly (200, no reply, nothing stored)", async () => {
      const before = await countTips();
      const n = calls.length;
      const edited = {
        update_id: nextUpdateId(),
        edited_message: { message_id: 9, date: 1_700_000_000, edit_date: 1_700_000_100, chat: chat(61_001), from: user(61_001), text: "/report" },
      };
      const post = {
        update_id: nextUpdateId(),
        channel_post: { message_id: 9, date: 1_700_000_000, chat: { id: -100_123, type: "channel", title: "t" }, text: FIRE },
      };
      expect((await postHook(JSON.stringify(edited))).status).toBe(200);
      expect((await postHook(JSON.stringify(post))).status).toBe(200);
      expect(calls.slice(n).filter((c) => c.method === "sendMessage")).toEqual([]);
      expect(await countTips()).toBe(before);
    });

    it("Telegram: a sticker outside any conversation gets a hint in the user's language, not an error", async () => {
      const errorsBefore = errors.length;
      const sticker = {
        update_id: nextUpdateId(),
        message: msg(61_002, { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }),
      };
      expect((await postHook(JSON.stringify(sticker))).status).toBe(200);
      for (const t of sentTexts(calls, 61_002)) expect(t).toMatch(/[\u4e00-\u9fff]/);
      expect(errors.slice(errorsBefore)).toEqual([]);
    });

    it("Telegram: a stale or forged report button and <script>/SQL text are answered, not crashed on", async () => {
      const n = calls.length;
      const errorsBefore = errors.length;
      const cb = (data: string) =>
        JSON.stringify({
          update_id: nextUpdateId(),
          callback_query: { id: "cq1", chat_instance: "ci", data, from: user(61_003), message: { message_id: 1, date: 0, chat: chat(61_003), text: "…" } },
        });
      expect((await postHook(cb("rp:p:go:999999999"))).status).toBe(200);
      expect(calls.slice(n).map((c) => c.method)).toContain("answerCallbackQuery");
      // Data no feature recognises: still 200 and no error (see the closing note: the spinner is not answered).
      expect((await postHook(cb("rp:p:go:'; drop table tips; --"))).status).toBe(200);
      expect((await postHook(JSON.stringify(textUpdate(61_003, "<script>alert(1)</script>'; DROP TABLE tips; --")))).status).toBe(200);
      expect(errors.slice(errorsBefore)).toEqual([]);
    });

    it("Telegram: malformed JSON is a 4xx, and a forged secret token is 401, with no reply sent", async () => {
      const n = calls.length;
      const malformed = await postHook('{"update_id": 1, "message": {');
      expect(malformed.status).toBeGreaterThanOrEqual(400);
      expect(malformed.status).toBeLessThan(500);
      expect((await postHook(JSON.stringify(textUpdate(61_004, "/start")), "forged-secret")).status).toBe(401);
      expect(calls.length).toBe(n);
    });

    function user(id: number) {
      return { id, is_bot: false, first_name: "F", language_code: "zh-hans" };
    }
    function chat(id: number) {
      return { id, type: "private", first_name: "F" };
    }
    function msg(id: number, extra: Record<string, unknown>) {
      return { message_id: 7, date: 1_700_000_000, chat: chat(id), from: user(id), ...extra };
    }
  });

  it("logged no error for any of the bad input", () => {
    expect(errors).toEqual([]);
  });
});
