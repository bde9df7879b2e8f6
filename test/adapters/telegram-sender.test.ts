import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../src/adapters/telegram-sender";
import { FAKE_TOKEN, startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api";

describe("createTelegramSender against a local fake Bot API", () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(async () => api?.close());
  const sender = (opts: { timeoutMs?: number; apiRoot?: string } = {}) =>
    createTelegramSender({ token: FAKE_TOKEN, apiRoot: opts.apiRoot ?? `${api.apiRoot}/`, timeoutMs: opts.timeoutMs });

  it("posts sendMessage with chat id, text and keyboard, and returns the message id", async () => {
    const markup = { inline_keyboard: [[{ text: "已完成", callback_data: "obl:done:7" }]] };
    const r = await sender().send("-100200300", { text: "提醒", replyMarkup: markup });
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && Number(r.providerId)).toBeGreaterThan(0);
    expect(api.requests.at(-1)).toEqual({ chatId: "-100200300", text: "提醒", replyMarkup: markup, path: `/bot${FAKE_TOKEN}/sendMessage` });
  });

  it("maps 429 to retryable with Telegram's retry_after", async () => {
    api.script({ status: 429, retryAfter: 17 });
    expect(await sender().send("1", { text: "x" })).toMatchObject({ ok: false, retryable: true, retryAfterSeconds: 17 });
  });

  it("maps 5xx to retryable, 400 and 403 to final", async () => {
    api.script({ status: 500 }, { status: 502 });
    expect(await sender().send("1", { text: "x" })).toMatchObject({ ok: false, retryable: true });
    expect(await sender().send("1", { text: "x" })).toMatchObject({ ok: false, retryable: true });
    api.block("555000111");
    expect(await sender().send("555000111", { text: "x" })).toMatchObject({ ok: false, retryable: false, error: "403 Forbidden: bot was blocked by the user" });
    api.script({ status: 400, description: "Bad Request: chat 987654321 not found" });
    const bad = await sender().send("987654321", { text: "x" });
    expect(bad).toMatchObject({ ok: false, retryable: false });
    expect(!bad.ok && bad.error).not.toContain("987654321");
  });

  it("treats a dropped connection and a timeout as retryable, without the token or chat id in the error", async () => {
    api.script({ drop: true });
    const dropped = await sender().send("444333222", { text: "secret text" });
    expect(dropped).toMatchObject({ ok: false, retryable: true });
    api.script({ hang: true });
    const timedOut = await sender({ timeoutMs: 300 }).send("444333222", { text: "secret text" });
    expect(timedOut).toMatchObject({ ok: false, retryable: true });
    const refused = await sender({ apiRoot: "http://127.0.0.1:1" }).send("444333222", { text: "secret text" });
    expect(refused).toMatchObject({ ok: false, retryable: true });
    for (const r of [dropped, timedOut, refused]) {
      const error = r.ok ? "" : r.error;
      expect(error).not.toContain("444333222");
      expect(error).not.toContain(FAKE_TOKEN);
      expect(error).not.toContain("secret text");
    }
  });
});
