import { z } from "zod";
import { receiptHandoffs } from "../../db/schema.js";
import { normalizeMainlandMobile } from "../../domain/mobile-phone.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { STAFF_CHANNELS } from "../../domain/tip-channels.js";
import { canonical } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel } from "../staff/actor.js";
import { runIdempotent } from "../tips/idempotency.js";
import { prepareTip, storePreparedTip, type SubmitTipInput } from "../tips/submit-tip.js";
import { actorField } from "../triage/inputs.js";
import { requireWriter } from "../triage/scope.js";
import { parseInput } from "../triage/tip-action.js";

/** How long an unread receipt secret waits for the clerk's receipt page before housekeeping drops it. */
export const RECEIPT_HANDOFF_TTL_MS = 24 * 3600_000;
/** A letter can sit in a mailbox; older than this, a date is a typing mistake. */
export const MAX_INTAKE_AGE_DAYS = 366;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

export const intakeTipInput = z.object({
  actor: actorField,
  channel: z.enum(STAFF_CHANNELS),
  /** When the call, visit or letter came, as staff type it: "YYYY-MM-DDTHH:mm" in Asia/Shanghai (datetime-local). */
  receivedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  text: z.string(),
  place: optionalText(200),
  jurisdictionCode: optionalText(12),
  enterprise: optionalText(200),
  creditCode: optionalText(40),
  sector: z
    .enum(SECTOR_CODES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  urgent: z.boolean().default(false),
  /** The reporter's language: receipt, SMS and the answer letter are written in it. */
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  name: optionalText(100),
  /** A mobile number (for "sms"), a postal address (for "post"), or any contact the reporter left. */
  contact: optionalText(200),
  consent: z.boolean().default(false),
  /** How the receipt and the answer reach the reporter: SMS, post, or on paper handed over / collected. */
  reply: z.enum(["sms", "post", "paper"]).default("paper"),
  /** The form's one-time token: a double submit or a reload stores one tip, not two. */
  formToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
});
export type IntakeTipInput = z.input<typeof intakeTipInput>;

export interface IntakenTip {
  tipId: number;
  trackingCode: string;
  /** The receipt went by SMS (the secret is in that message); otherwise the receipt page shows it once. */
  receiptBySms: boolean;
}

const SHANGHAI_OFFSET = "+08:00";

/**
 * A tip taken by staff from a call (12350 or the office line), a visit or a letter: the same submit as
 * every channel (routing, deadlines counted from the date received, audit, urgent alerts), entered by a
 * clerk who is named in the audit. The reporter's contact and name are encrypted by submit like any
 * other; the secret is handed to the receipt page once through an encrypted row (receipt_handoffs) that
 * page deletes on reading — or, with reply "sms", sent in the SMS receipt and never shown to the clerk.
 */
export async function intakeTip(deps: Deps, raw: IntakeTipInput): Promise<IntakenTip> {
  const input = parseInput(intakeTipInput, raw);
  requireWriter(input.actor);
  const now = deps.clock();
  const receivedAt = new Date(`${input.receivedAt}:00${SHANGHAI_OFFSET}`);
  // A minute of grace for a clock a little ahead of the server's.
  if (Number.isNaN(receivedAt.getTime()) || receivedAt.getTime() > now.getTime() + 60_000)
    throw new AppError("invalid_input", "the date received is in the future", [{ path: "receivedAt", code: "future" }]);
  if (receivedAt.getTime() < now.getTime() - MAX_INTAKE_AGE_DAYS * 86_400_000)
    throw new AppError("invalid_input", "the date received is too far back", [{ path: "receivedAt", code: "too_old" }]);
  const reporter = reporterOf(input);
  const tip: SubmitTipInput = {
    channel: input.channel,
    receivedAt,
    enteredBy: actorLabel(input.actor),
    locale: input.locale,
    text: input.text,
    place: input.place,
    jurisdictionCode: input.jurisdictionCode,
    enterprise: input.enterprise,
    creditCode: input.creditCode,
    sector: input.sector,
    urgent: input.urgent,
    reporter,
  };
  const prepared = await prepareTip(deps, tip);
  const receiptBySms = input.reply === "sms";
  const store = async (tx: Deps["db"]) => {
    const stored = await storePreparedTip(tx, deps, prepared);
    if (!receiptBySms)
      await tx.insert(receiptHandoffs).values({
        tipId: stored.tipId,
        staffId: input.actor.id,
        secretEnc: deps.crypto.encrypt(stored.secret),
        expiresAt: new Date(now.getTime() + RECEIPT_HANDOFF_TTL_MS),
      });
    return { tipId: stored.tipId, trackingCode: stored.trackingCode, receiptBySms };
  };
  if (!input.formToken) return deps.db.transaction((tx) => store(tx));
  // The replayed body holds no secret: a second submit leads to the same receipt page, secret shown once.
  const fingerprint = canonical({ ...tip, receivedAt: input.receivedAt, staff: input.actor.id });
  const outcome = await runIdempotent(deps, { key: `intake:${input.actor.id}:${input.formToken}`, fingerprint }, async (tx) => ({
    status: 201,
    body: await store(tx),
  }));
  if (outcome.state === "mismatch") throw new AppError("conflict", "form token reused with another body");
  return outcome.body;
}

function reporterOf(input: z.output<typeof intakeTipInput>): NonNullable<SubmitTipInput["reporter"]> {
  if (input.reply === "sms") {
    const mobile = input.contact ? normalizeMainlandMobile(input.contact) : null;
    if (!mobile) throw new AppError("invalid_input", "an SMS reply needs a mainland mobile number", [{ path: "contact", code: "not_mobile" }]);
    return { address: mobile, contact: mobile, name: input.name, consent: input.consent, reply: "sms" };
  }
  if (input.reply === "post") {
    if (!input.contact || input.contact.length < 6)
      throw new AppError("invalid_input", "an answer by post needs a postal address", [{ path: "contact", code: "no_address" }]);
    return { address: input.contact, contact: input.contact, name: input.name, consent: input.consent, reply: "post" };
  }
  return { contact: input.contact, name: input.name, consent: input.consent };
}
