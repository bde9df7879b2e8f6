import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ensureTelegramWebhook } from "../../src/jobs/telegram-webhook.js";
import { TELEGRAM_ALLOWED_UPDATES } from "../../src/app/system/webhook-secret.js";
import { telegramWebhookSecret } from "../../src/app/system/webhook-secret.js";
import { createCrypto } from "../../src/adapters/crypto.js";
import { silentLogger } from "../../src/adapters/logger.js";
import { testConfig, TEST_SECRET } from "../support/deps.js";

/** The Bot API's two webhook methods, as Telegram answers them: it never reveals the secret. */
function fakeBotApi() {
  const state = {
    url: "",
    secret: "",
    allowed: [] as string[],
    lastError: undefined as { date: number; message: string } | undefined,
    sets: 0,
    infoWorks: true,
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const json = body ? JSON.parse(body) : {};
      res.setHeader("content-type", "application/json");
      if (req.url?.endsWith("/getWebhookInfo")) {
        if (!state.infoWorks) return res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found: method not found" }));
        return res.end(
          JSON.stringify({
            ok: true,
            result: {
              url: state.url,
              has_custom_certificate: false,
              pending_update_count: 0,
              ...(state.allowed.length ? { allowed_updates: state.allowed } : {}),
              ...(state.lastError ? { last_error_date: state.lastError.date, last_error_message: state.lastError.message } : {}),
            },
          }),
        );
      }
      if (req.url?.endsWith("/setWebhook")) {
        state.sets++;
        Object.assign(state, { url: json.url, secret: json.secret_token, allowed: json.allowed_updates });
        return res.end(JSON.stringify({ ok: true, result: true, description: "Webhook was set" }));
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ ok: false, description: "Not Found" }));
    });
  });
  return { server, state };
}

describe("telegram-webhook job: keeps the webhook registered (the Worker has no start-up to do it)", () => {
  const api = fakeBotApi();
  let apiRoot = "";
  beforeAll(async () => {
    await new Promise<void>((r) => api.server.listen(0, "127.0.0.1", r));
    apiRoot = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => api.server.close(() => r())));

  const deps = (env: Record<string, string>, now = new Date()) => ({
    config: testConfig({ TELEGRAM_BOT_TOKEN: "123456:test-token-abcdefghijklmnop", TELEGRAM_API_ROOT: apiRoot, ...env }),
    crypto: createCrypto(TEST_SECRET),
    logger: silentLogger,
    clock: () => now,
  });

  it("registers PUBLIC_URL/telegram/webhook with our secret, then leaves it alone", async () => {
    const d = deps({ PUBLIC_URL: "https://tips.example.org/base/" });
    expect(await ensureTelegramWebhook(d)).toEqual({ action: "registered", because: "url" });
    expect(api.state).toMatchObject({ url: "https://tips.example.org/telegram/webhook", secret: telegramWebhookSecret(d), sets: 1 });
    expect([...api.state.allowed].sort()).toEqual([...TELEGRAM_ALLOWED_UPDATES].sort());
    expect(await ensureTelegramWebhook(d)).toEqual({ action: "unchanged" });
    expect(api.state.sets).toBe(1);
  });

  it("re-registers when PUBLIC_URL moves, the updates list changes, or Telegram was just refused with 401", async () => {
    const now = new Date("2026-12-04T12:00:00Z");
    const moved = deps({ PUBLIC_URL: "https://new.example.org" }, now);
    expect(await ensureTelegramWebhook(moved)).toEqual({ action: "registered", because: "url" });
    api.state.allowed = ["message"];
    expect(await ensureTelegramWebhook(moved)).toEqual({ action: "registered", because: "allowed_updates" });
    // A rotated TELEGRAM_WEBHOOK_SECRET: our webhook now answers 401 to the old one.
    const rotated = deps({ PUBLIC_URL: "https://new.example.org", TELEGRAM_WEBHOOK_SECRET: "rotated-secret-0123456789" }, now);
    api.state.lastError = { date: now.getTime() / 1000 - 30, message: "Wrong response from the webhook: 401 Unauthorized" };
    expect(await ensureTelegramWebhook(rotated)).toEqual({ action: "registered", because: "secret_rejected" });
    expect(api.state.secret).toBe("rotated-secret-0123456789");
    // An old error, or another kind of error, is no reason to re-register.
    api.state.lastError = { date: now.getTime() / 1000 - 3600, message: "Wrong response from the webhook: 401 Unauthorized" };
    expect(await ensureTelegramWebhook(rotated)).toEqual({ action: "unchanged" });
    api.state.lastError = { date: now.getTime() / 1000 - 30, message: "Connection timed out" };
    expect(await ensureTelegramWebhook(rotated)).toEqual({ action: "unchanged" });
  });

  it("registers when getWebhookInfo is unavailable (a Bot API emulator) and does nothing in long-polling mode", async () => {
    api.state.infoWorks = false;
    const sets = api.state.sets;
    expect(await ensureTelegramWebhook(deps({ PUBLIC_URL: "https://x.example.org" }))).toEqual({ action: "registered", because: "info_unavailable" });
    expect(api.state.sets).toBe(sets + 1);
    api.state.infoWorks = true;
    // No PUBLIC_URL: the bot long-polls, and a webhook would stop getUpdates.
    expect(await ensureTelegramWebhook(deps({}))).toEqual({ action: "skipped" });
    expect(api.state.sets).toBe(sets + 1);
  });
});
