import { createInterface } from "node:readline";
import { startBotApiEmulator } from "./bot-api-emulator.js";
import type { BotMessage } from "./telegram-emulator.js";

/**
 * Try the bot with no Telegram at all: `npx tsx test/support/emulator-chat.ts` runs telegram-test-api
 * behind the long-polling front on http://127.0.0.1:8081 and lets you type as a Telegram user. Each
 * line is sent as a message ("/start", "/report", any text); "> data" presses the button with that
 * callback data. The bot's messages are printed with their buttons.
 */
const TOKEN = process.env.TELEGRAM_BOT_TOKEN ?? "123456:AAlocalEmulatorToken_abcdefghijklmnop";
const CHAT = 1001;
const api = await startBotApiEmulator({ port: Number(process.env.EMULATOR_PORT ?? 8081) });
console.log(
  [
    `Bot API emulator at ${api.apiRoot}. Start jubao against it in another terminal:`,
    `  TELEGRAM_BOT_TOKEN=${TOKEN} TELEGRAM_API_ROOT=${api.apiRoot} npm start`,
    `Type a message ("/start", "/report", any text); "> rp:start" presses a button. Ctrl-D quits.`,
  ].join("\n"),
);

const user = api.user(TOKEN, CHAT, "You");
const show = (m: BotMessage) => {
  const rows = (m.message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => `[${b.text} > ${b.callback_data}]`).join(" "));
  console.log(`\nbot: ${m.message.text}${rows.length ? `\n     ${rows.join("\n     ")}` : ""}`);
};
// The bot's messages to this chat, as they come (the receipt comes from the outbox a little later).
const watch = setInterval(() => {
  fetch(`${api.server.config.apiURL}/getUpdates`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: TOKEN, chatId: CHAT }),
  })
    .then((r) => r.json() as Promise<{ result: BotMessage[] }>)
    .then(
      ({ result }) => result.forEach(show),
      () => {},
    );
}, 500);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const text = line.trim();
  if (!text) continue;
  if (text.startsWith(">")) await user.press(text.slice(1).trim());
  else if (text.startsWith("/")) await user.command(text);
  else await user.say(text);
}
clearInterval(watch);
await api.close();
