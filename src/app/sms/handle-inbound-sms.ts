import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { inboundDedupe } from "../../db/schema.js";
import { detectSmsLocale } from "../../domain/sms-text.js";
import { cleanText } from "../../domain/tip-input.js";
import { AppError, type Deps } from "../deps.js";
import { claimInbound } from "../system/inbound-dedupe.js";
import { runCarriedReceipt, runSmsCommand } from "./sms-commands.js";
import { parseSmsCommand } from "./parse-command.js";
import type { SmsLocale } from "./sms-replies.js";
import { continueSmsTip } from "./sms-tip-flow.js";
import { runSmsFigures } from "./sms-figures.js";
import { answerUrgencyQuestion } from "./urgency-question.js";
import { withTransaction, type TxDeps } from "../with-transaction.js";

/** PostgreSQL refuses U+0000 in text: an id or sender carrying one is bad input (400), not a database failure the provider retries. */
const noNul = (v: string) => !v.includes("\u0000");

export const inboundSmsInput = z.object({
  provider: z.enum(["twilio", "generic"]),
  /** The provider's message id (Twilio MessageSid): the same id twice has one effect. */
  messageId: z.string().trim().min(1).max(128).refine(noNul, "NUL"),
  from: z.string().trim().min(3).max(40).refine(noNul, "NUL"),
  /** Bounded by the routes' body limit; over MAX_TIP_TEXT is answered "too long", not refused. */
  text: z.string().max(100_000),
});
export type InboundSmsInput = z.input<typeof inboundSmsInput>;

export type SmsOutcome = "tip" | "asked" | "invalid" | "status" | "info" | "objection" | "refused" | "cancelled" | "help" | "figures" | "urgent" | "noted";

export interface SmsAnswer {
  reply: string;
  locale: SmsLocale;
  outcome: SmsOutcome;
  /** This provider id was handled before: `reply` is the answer it got then. */
  duplicate: boolean;
}

// Per-phone lock namespace (two-key advisory locks live apart from the audit chain's one-key lock).
const PHONE_LOCK_NAMESPACE = 7_245_101;

/** The conversation key of a phone: a keyed hash, so the table never holds the number in clear. */
export function smsConversationKey(deps: Pick<Deps, "crypto">, phone: string): string {
  return "sms:" + deps.crypto.hash("sms-phone", normalizePhone(phone));
}

/**
 * Handle one inbound SMS and return the reply the webhook sends back. Everything — the dedupe claim,
 * the tip or draft, and the stored reply for redeliveries — commits in one transaction before the
 * reply exists: a database failure leaves nothing behind, and the provider's retry starts clean. The
 * reply holds a receipt secret, so it is kept encrypted (see forgetSmsReplies).
 */
export async function handleInboundSms(deps: Deps, raw: InboundSmsInput): Promise<SmsAnswer> {
  const parsed = inboundSmsInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid sms",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  const input = parsed.data;
  const phone = normalizePhone(input.from);
  const key = smsConversationKey(deps, phone);
  const source = `sms:${input.provider}`;
  const text = cleanText(input.text);
  return withTransaction(deps, async (tx) => {
    // One SMS per phone at a time, across replicas: a draft is read and written by one handler only.
    await tx.db.execute(sql`select pg_advisory_xact_lock(${PHONE_LOCK_NAMESPACE}::int4, hashtext(${key})::int4)`);
    if (!(await claimInbound(tx, { source, key: input.messageId }))) return replay(tx, source, input.messageId, text);
    const answer = await respond(tx, { key, phone, text });
    await tx.db
      .update(inboundDedupe)
      .set({ response: { enc: Buffer.from(tx.crypto.encrypt(JSON.stringify(answer))).toString("base64") } })
      .where(and(eq(inboundDedupe.source, source), eq(inboundDedupe.key, input.messageId)));
    return answer;
  });
}

async function respond(tx: TxDeps<Deps>, input: { key: string; phone: string; text: string }): Promise<SmsAnswer> {
  // "1"/"2" answering the question a possibly urgent tip's receipt asked (urgency-question.ts).
  const answered = await answerUrgencyQuestion(tx, { key: input.key, text: input.text });
  if (answered) return { ...answered, duplicate: false };
  // Liaisons' 月报 / 确认 (src/app/sms/sms-figures.ts); null for every other SMS.
  const figures = await runSmsFigures(tx, { from: input.phone, text: input.text });
  if (figures) return { ...figures, locale: "zh-CN", duplicate: false };
  const command = parseSmsCommand(input.text);
  if (command) {
    const done = await runSmsCommand(tx, { command, key: input.key });
    return { ...done, locale: command.locale, duplicate: false };
  }
  const locale = detectSmsLocale(input.text);
  const carried = await runCarriedReceipt(tx, { text: input.text, locale });
  if (carried) return { ...carried, locale, duplicate: false };
  try {
    const flow = await continueSmsTip(tx, { key: input.key, phone: input.phone, text: input.text, locale });
    return { reply: flow.reply, outcome: flow.outcome, locale, duplicate: false };
  } catch (err) {
    // Only input the checks above did not foresee lands here; it is refused before any SQL runs.
    if (err instanceof AppError && err.code === "invalid_input") {
      return { reply: tx.i18n.t(locale, "sms-ask-text"), outcome: "invalid", locale, duplicate: false };
    }
    throw err;
  }
}

async function replay(tx: Deps, source: string, messageId: string, text: string): Promise<SmsAnswer> {
  const [row] = await tx.db
    .select({ response: inboundDedupe.response })
    .from(inboundDedupe)
    .where(and(eq(inboundDedupe.source, source), eq(inboundDedupe.key, messageId)));
  const enc = (row?.response as { enc?: unknown } | null)?.enc;
  if (typeof enc === "string") {
    const first = JSON.parse(tx.crypto.decrypt(new Uint8Array(Buffer.from(enc, "base64")))) as SmsAnswer;
    return { ...first, duplicate: true };
  }
  // The stored answer was already forgotten (it aged out): say it was received, without a second effect.
  const locale = detectSmsLocale(text);
  return { reply: tx.i18n.t(locale, "sms-already-received"), outcome: "invalid", locale, duplicate: true };
}

/** Spaces, dashes and brackets are formatting: "+86 138-0013-8000" and "+8613800138000" are one phone. */
export function normalizePhone(phone: string): string {
  return phone
    .normalize("NFKC")
    .trim()
    .replace(/[\s\-().]/g, "");
}
