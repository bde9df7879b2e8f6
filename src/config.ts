import { z } from "zod";
import { parseDeathRates } from "./domain/reward.js";

/**
 * The one configuration schema. parseConfig is pure: main.ts passes process.env, worker.ts the Worker env.
 * Names follow SPEC.md exactly; empty strings count as absent so that `FOO=` in a .env file means "unset".
 */
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url({ error: "a URL such as https://example.org" }).optional());

const days = (fallback: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? String(fallback) : v),
    z
      .string()
      .regex(/^\d{1,3}$/, { error: "a whole number of days from 1 to 365" })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: "a whole number of days from 1 to 365" }).max(365, { error: "a whole number of days from 1 to 365" })),
  );

const wholeNumber = (fallback: number, min: number, max: number, error: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? String(fallback) : v),
    z
      .string()
      .regex(/^\d{1,9}$/, { error })
      .transform(Number)
      .pipe(z.number().int().min(min, { error }).max(max, { error })),
  );

export const configSchema = z
  .object({
    PORT: z.preprocess(
      (v) => (v === "" || v === undefined ? "3000" : v),
      z
        .string()
        .regex(/^\d+$/, { error: "a port number from 1 to 65535" })
        .transform(Number)
        .pipe(z.number().int().min(1, { error: "a port number from 1 to 65535" }).max(65535, { error: "a port number from 1 to 65535" })),
    ),
    HOST: z.preprocess((v) => (v === "" || v === undefined ? "127.0.0.1" : v), z.string()),
    DATABASE_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, { error: "a PostgreSQL URL such as postgres://user@host:5432/db" })
        .optional(),
    ),
    DATA_DIR: z.preprocess((v) => (v === "" || v === undefined ? "./data" : v), z.string()),
    TELEGRAM_BOT_TOKEN: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, { error: "a bot token from @BotFather, like 123456:ABC-DEF…" })
        .optional(),
    ),
    /** The bot's @username, for invite deep links (t.me/<username>?start=…); absent: asked from getMe when needed. */
    TELEGRAM_BOT_USERNAME: z.preprocess(
      (v) => (v === "" ? undefined : typeof v === "string" ? v.replace(/^@/, "") : v),
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, { error: "the bot's username, like jubao_bot" })
        .optional(),
    ),
    TELEGRAM_API_ROOT: z.preprocess(
      (v) => (v === "" || v === undefined ? "https://api.telegram.org" : v),
      z.url({ error: "a URL such as http://127.0.0.1:8081" }),
    ),
    PUBLIC_URL: optionalUrl,
    TELEGRAM_WEBHOOK_SECRET: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: "1–256 characters of A-Z a-z 0-9 _ -" })
        .optional(),
    ),
    SMS_PROVIDER: z.preprocess(
      (v) => (v === "" || v === undefined ? "log" : v),
      z.enum(["log", "twilio", "generic"], { error: "one of log, twilio, generic" }),
    ),
    TWILIO_ACCOUNT_SID: optionalString,
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM: optionalString,
    TWILIO_API_ROOT: z.preprocess(
      (v) => (v === "" || v === undefined ? "https://api.twilio.com" : v),
      z.url({ error: "a URL such as https://api.twilio.com" }),
    ),
    SMS_GATEWAY_SECRET: optionalString,
    SMS_GATEWAY_URL: optionalUrl,
    APP_SECRET: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(32, { error: "at least 32 characters of random text (e.g. `openssl rand -hex 32`)" }).optional(),
    ),
    TZ_CAMPAIGN: z.preprocess(
      (v) => (v === "" || v === undefined ? "Asia/Shanghai" : v),
      z.string().refine(isTimeZone, { error: "an IANA time zone such as Asia/Shanghai" }),
    ),
    LOG_LEVEL: z.preprocess(
      (v) => (v === "" || v === undefined ? "info" : v),
      z.enum(["debug", "info", "warn", "error"], { error: "one of debug, info, warn, error" }),
    ),
    // Tip deadlines (README: defaults and their sources). Working days follow the Chinese holiday calendar.
    TIP_ACCEPTANCE_WORKING_DAYS: days(5),
    TIP_URGENT_ACCEPTANCE_WORKING_DAYS: days(1),
    TIP_VERIFICATION_DAYS: days(60),
    TIP_EXTENSION_DAYS: days(30),
    TIP_FEEDBACK_DAYS: days(10),
    // 异议 within this many calendar days of the answer; the review (复核) one tier up starts within TIP_REVIEW_START_DAYS of it.
    TIP_OBJECTION_DAYS: days(10),
    TIP_REVIEW_START_DAYS: days(30),
    // Rewards (安监总财〔2018〕19号; a province sets its own, e.g. Shandong REWARD_MAX_YUAN=500000).
    TIP_REWARD_CLAIM_DAYS: days(60),
    REWARD_RATE_PCT: wholeNumber(15, 1, 100, "a percentage of the fine from 1 to 100"),
    REWARD_MIN_YUAN: wholeNumber(3_000, 0, 10_000_000, "a whole number of yuan"),
    REWARD_MAX_YUAN: wholeNumber(300_000, 1, 10_000_000, "a whole number of yuan"),
    REWARD_CONCEALED_DEATH_YUAN: z.preprocess(
      (v) => (v === "" || v === undefined ? "30000,40000,50000,60000" : v),
      z
        .string()
        .refine((v) => parseDeathRates(v) !== null, { error: "four yuan amounts per concealed death (一般,较大,重大,特别重大), like 30000,40000,50000,60000" })
        .transform((v) => parseDeathRates(v)!),
    ),
    // Tips received this many days before or after a tip are searched for likely duplicates on its page.
    DUPLICATE_WINDOW_DAYS: days(30),
    // Reverse proxies in front of the server that append X-Forwarded-For (nginx: proxy_add_x_forwarded_for).
    // 0: the header is ignored (anyone can write it); n: the client is the n-th address from the right.
    TRUST_PROXY: z.preprocess(
      (v) => (v === "" || v === undefined ? "0" : v),
      z
        .string()
        .regex(/^\d{1,2}$/, { error: "the number of reverse proxies in front of the server, 0 to 10" })
        .transform(Number)
        .pipe(z.number().int().max(10, { error: "the number of reverse proxies in front of the server, 0 to 10" })),
    ),
    // New tips per client address per hour on the web form and the JSON API (in memory, per process); 0 = no limit.
    INTAKE_LIMIT_PER_HOUR: z.preprocess(
      (v) => (v === "" || v === undefined ? "20" : v),
      z
        .string()
        .regex(/^\d{1,5}$/, { error: "a whole number of tips per hour, 0 for no limit" })
        .transform(Number),
    ),
    SEED_ON_START: z.preprocess(
      (v) => (v === "" || v === undefined ? "true" : v),
      z.enum(["true", "false"], { error: "true or false" }).transform((v) => v === "true"),
    ),
    // Nightly PGlite backups kept in DATA_DIR/backups (src/jobs/backup.ts); 0 turns the nightly backup off.
    BACKUP_KEEP: z.preprocess(
      (v) => (v === "" || v === undefined ? "14" : v),
      z
        .string()
        .regex(/^\d{1,3}$/, { error: "how many nightly backups to keep, 0 (off) to 365" })
        .transform(Number)
        .pipe(z.number().int().max(365, { error: "how many nightly backups to keep, 0 (off) to 365" })),
    ),
  })
  .superRefine((c, ctx) => {
    if (c.REWARD_MIN_YUAN > c.REWARD_MAX_YUAN) ctx.addIssue({ code: "custom", path: ["REWARD_MIN_YUAN"], message: "at most REWARD_MAX_YUAN" });
    if (c.SMS_PROVIDER === "twilio") {
      for (const key of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"] as const) {
        if (!c[key]) ctx.addIssue({ code: "custom", path: [key], message: "a value (required when SMS_PROVIDER=twilio)" });
      }
    }
    if (c.SMS_PROVIDER === "generic" && !c.SMS_GATEWAY_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SMS_GATEWAY_SECRET"], message: "a value (required when SMS_PROVIDER=generic)" });
    }
  });

export type Config = z.infer<typeof configSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: { variable: string; expected: string }[] };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const result = configSchema.safeParse(env);
  if (result.success) return { ok: true, config: result.data };
  const errors = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? "?"),
    expected: issue.message,
  }));
  return { ok: false, errors };
}

export function formatConfigErrors(errors: { variable: string; expected: string }[]): string {
  const lines = errors.map((e) => `  ${e.variable}: expected ${e.expected}`);
  return ["jubao cannot start: the configuration is invalid.", ...lines, "See README.md, section Configuration."].join("\n");
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
