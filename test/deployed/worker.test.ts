import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import TelegramServer from "telegram-test-api";
import postgres from "postgres";
import sharp from "sharp";
import { PDFDocument } from "pdf-lib";
import { ROOT_DIR } from "../support/paths.js";
import { serviceDb, type ServiceDb } from "../support/service.js";
import { freeTcpPort } from "../support/telegram-emulator.js";
import { performWebhookReply } from "../support/webhook-reply.js";

/**
 * The Worker as deployed: `wrangler dev --local` (workerd, offline) builds src/worker.ts with the
 * wrangler.toml rules and serves it; Hyperdrive's local connection string points at a database of
 * its own on the PostgreSQL server; the Bot API is telegram-test-api. Driven only over HTTP.
 * Workers have no PGlite, so this runs only with TEST_DATABASE_URL.
 */
const PG = process.env.TEST_DATABASE_URL;
if (!PG) console.warn("[jubao tests] test/deployed/worker.test.ts skipped: the Worker needs the PostgreSQL server (set TEST_DATABASE_URL).");

const TOKEN = "777777:WORKER-token-abcdefghijklmnopqrstu";
const HOOK_SECRET = "worker-hook-secret-0123456789";
const CHAT = 6161;
const FIRE_TEXT = "商场安全出口被铁链锁住，消防通道堆满货物，已经一个多月了";
const SECRET_PATTERN = /[2-9A-Z]{4}(?:-[2-9A-Z]{4}){5}/;

interface StoredBotMessage {
  botToken: string;
  message: { chat_id: number | string; text: string };
}

describe.skipIf(!PG)("the Worker under wrangler dev (offline) against the PostgreSQL server", () => {
  let emulator: InstanceType<typeof TelegramServer>;
  let db: ServiceDb;
  let wrangler: ChildProcess;
  let url = "";
  let port = 0;
  let output = "";

  beforeAll(async () => {
    emulator = new TelegramServer({ port: await freeTcpPort(), host: "127.0.0.1", storeTimeout: 120 });
    await emulator.start();
    db = await serviceDb("postgres");
    port = await freeTcpPort();
    url = `http://127.0.0.1:${port}`;
    // wrangler refuses a connection string without a password; the test server trusts any.
    const hyperdrive = new URL(db.env.DATABASE_URL);
    hyperdrive.password = "unused";
    const vars = {
      APP_SECRET: db.env.APP_SECRET,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET,
      TELEGRAM_API_ROOT: emulator.config.apiURL,
      PUBLIC_URL: url,
      SMS_PROVIDER: "log",
    };
    wrangler = spawn(
      "npx",
      [
        "wrangler",
        "dev",
        "--local",
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--inspector-port",
        String(await freeTcpPort()),
        "--persist-to",
        db.dataDir,
        "--test-scheduled",
        "--show-interactive-dev-session=false",
        "--log-level",
        "warn",
        ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      ],
      {
        cwd: ROOT_DIR,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          WRANGLER_SEND_METRICS: "false",
          CI: "true",
          WRANGLER_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hyperdrive.toString(),
        },
      },
    );
    wrangler.stdout!.on("data", (d) => (output += d));
    wrangler.stderr!.on("data", (d) => (output += d));
    let exited = false;
    wrangler.on("exit", () => (exited = true));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (exited) throw new Error(`wrangler dev exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`wrangler dev did not serve /healthz in 90 s:\n${output}`);
      if (
        await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
          (r) => r.status === 200,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 300));
    }
  }, 150_000);

  afterAll(async () => {
    if (wrangler?.pid) await stopGroup(wrangler);
    await emulator?.stop();
    await db?.drop();
  }, 60_000);

  it("serves /healthz from the PostgreSQL server through the Hyperdrive binding", async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: "postgres" });
  });

  it("takes an API tip with a reporter contact (encrypted on Workers) and answers with a working receipt", async () => {
    const res = await postJson("/api/v1/tips", {
      text: FIRE_TEXT,
      sector: "fire_safety",
      jurisdictionCode: "450102",
      contact: "张三 13800138000",
      consent: true,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = (await res.json()) as { trackingCode: string; secret: string };
    expect(receipt.secret).toMatch(SECRET_PATTERN);
    const status = await postJson("/api/v1/tips/status", { trackingCode: receipt.trackingCode, secret: receipt.secret });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ trackingCode: receipt.trackingCode, text: FIRE_TEXT });
    const sql = postgres(db.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`select reporter_contact_enc from tips where tracking_code = ${receipt.trackingCode}`;
      expect(row.reporter_contact_enc).toBeInstanceOf(Buffer);
      expect(Buffer.from(row.reporter_contact_enc).includes(Buffer.from("13800138000"))).toBe(false);
    } finally {
      await sql.end();
    }
  });

  it("runs a Telegram tip conversation from webhook updates; the receipt reaches the chat with its real text and secret", async () => {
    expect((await postUpdate({ text: "/start" }, "wrong-secret")).status).toBe(401);
    const steps: (string | { press: string })[] = [
      "/report",
      { press: "rp:s:fire_safety" },
      { press: "rp:p:go:450100" },
      { press: "rp:p:go:450102" },
      { press: "rp:p:ok:450102" },
      "南宁某某商场",
      FIRE_TEXT,
      { press: "rp:f:done" },
      { press: "rp:u:no" },
      { press: "rp:c:contact" },
      "张三 13800138000",
      { press: "rp:k:no" },
      { press: "rp:r:submit" },
    ];
    for (const step of steps) {
      const res = typeof step === "string" ? await postUpdate({ text: step }) : await postUpdate({ press: step.press });
      expect(res.status, JSON.stringify(step)).toBe(200);
    }
    const texts = botTexts();
    expect(texts.join("\n")).toContain("第 6 步");
    expect(texts.at(-1)).toContain("已转交");
    // The receipt goes through the outbox, drained right after the request (no cron wait on Workers).
    let receipt: string | undefined;
    for (const until = Date.now() + 20_000; !receipt && Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      receipt = botTexts().find((t) => SECRET_PATTERN.test(t));
    }
    expect(receipt, `bot messages:\n${botTexts().join("\n---\n")}\n${output}`).toBeDefined();
    expect(receipt).not.toMatch(/^tip-receipt/);
    expect(receipt).toContain("密钥");
    const code = /[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}/.exec(receipt!)![0];
    const status = await postJson("/api/v1/tips/status", { trackingCode: code, secret: SECRET_PATTERN.exec(receipt!)![0] });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ trackingCode: code, text: FIRE_TEXT });
  });

  it("accepts a photo and a PDF, stored without EXIF/GPS or document metadata", async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } })
      .withExifMerge({ IFD0: { Make: "LeakyPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1" } })
      .jpeg()
      .toBuffer();
    const pdfDoc = await PDFDocument.create();
    pdfDoc.addPage([200, 200]);
    pdfDoc.setAuthor("AuthorWang");
    const pdf = await pdfDoc.save();
    const form = new FormData();
    form.set("text", FIRE_TEXT);
    form.set("sector", "fire_safety");
    form.set("jurisdictionCode", "450102");
    form.append("attachments", new Blob([photo], { type: "image/jpeg" }), "photo.jpg");
    form.append("attachments", new Blob([Buffer.from(pdf)], { type: "application/pdf" }), "notes.pdf");
    const res = await fetch(`${url}/api/v1/tips`, { method: "POST", body: form });
    expect(res.status, await res.clone().text()).toBe(201);
    const { trackingCode } = (await res.json()) as { trackingCode: string };
    const sql = postgres(db.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      const rows =
        await sql`select a.mime_type, a.body from tip_attachments a join tips t on t.id = a.tip_id where t.tracking_code = ${trackingCode} order by a.id`;
      expect(rows.map((r) => r.mime_type)).toEqual(["image/jpeg", "application/pdf"]);
      const stored = await sharp(rows[0].body).metadata();
      expect(stored.exif).toBeUndefined();
      expect([stored.width, stored.height]).toEqual([64, 48]);
      expect((await PDFDocument.load(rows[1].body, { updateMetadata: false })).context.trailerInfo.Info).toBeUndefined();
    } finally {
      await sql.end();
    }
  });

  it("registers its Telegram webhook from the scheduled handler (PUBLIC_URL/telegram/webhook with the secret)", async () => {
    const res = await fetch(`${url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
    expect(res.status).toBe(200);
    const webhooks = (emulator as unknown as { webhooks: Record<string, { url: string; secret_token?: string }> }).webhooks;
    for (const until = Date.now() + 15_000; !webhooks[TOKEN] && Date.now() < until; ) await new Promise((r) => setTimeout(r, 200));
    expect(webhooks[TOKEN]).toMatchObject({ url: `${url}/telegram/webhook`, secret_token: HOOK_SECRET });
  });

  const postJson = (path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  let updateId = 1000;
  async function postUpdate(input: { text?: string; press?: string }, secret = HOOK_SECRET): Promise<Response> {
    const from = { id: CHAT, is_bot: false, first_name: "Reporter", language_code: "zh-hans" };
    const chat = { id: CHAT, type: "private", first_name: "Reporter" };
    const now = Math.floor(Date.now() / 1000);
    const update = input.press
      ? {
          update_id: ++updateId,
          callback_query: { id: String(updateId), chat_instance: "ci", data: input.press, from, message: { message_id: 1, date: now, chat, text: "…" } },
        }
      : {
          update_id: ++updateId,
          message: {
            message_id: updateId,
            date: now,
            chat,
            from,
            text: input.text,
            ...(input.text!.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: input.text!.length }] } : {}),
          },
        };
    const res = await fetch(`${url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(30_000),
    });
    // As Telegram does: a reply in the webhook's answer is performed (the body is read from a clone).
    await performWebhookReply(res.clone(), emulator.config.apiURL, TOKEN);
    return res;
  }

  function botTexts(): string[] {
    const stored = (emulator as unknown as { storage: { botMessages: StoredBotMessage[] } }).storage.botMessages;
    return stored.filter((m) => m.botToken === TOKEN && String(m.message.chat_id) === String(CHAT)).map((m) => m.message.text);
  }
});

/**
 * SIGTERM to wrangler's process group, then SIGKILL. workerd may outlive npx/wrangler (FACTS.md), so
 * every descendant is noted first and any still alive afterwards is killed by its pid.
 */
async function stopGroup(child: ChildProcess): Promise<void> {
  const descendants = descendantsOf(child.pid!);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* gone */
    }
  };
  signalGroup("SIGTERM");
  for (let i = 0; i < 50 && groupAlive(child); i++) await new Promise((r) => setTimeout(r, 100));
  signalGroup("SIGKILL");
  for (const pid of descendants) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

function descendantsOf(root: number): number[] {
  const parent = new Map<number, number>();
  for (const p of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      // The command may hold spaces and parentheses: the parent pid is the 2nd field after the last ")".
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [c, pp] of parent)
      if (pp === pid) {
        out.push(c);
        walk(c);
      }
  };
  walk(root);
  return out;
}
