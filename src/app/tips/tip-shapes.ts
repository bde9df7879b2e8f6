import { z } from "zod";
import { checkTipText, cleanText, MAX_ATTACHMENTS_PER_TIP, MAX_TIP_TEXT, MIN_TIP_TEXT } from "../../domain/tip-input.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { REPLY_WAYS, TIP_CHANNELS } from "../../domain/tip-channels.js";
import type { RoutedTip } from "../routing/route-tip.js";

// A tip's input, and what it is once prepared and once stored: shared by submit-tip.ts (validate, route)
// and store-tips.ts (write), which submit-tip.ts calls.

export const attachmentInput = z.object({
  fileName: z.string().max(200).optional(),
  mimeType: z.string().max(100),
  /** Already sanitised (metadata stripped) by the caller's media adapter: see sanitizeAttachment. */
  body: z.instanceof(Uint8Array),
});

export const submitTipInput = z.object({
  channel: z.enum(TIP_CHANNELS),
  /**
   * When the tip reached us, for one taken by staff (a letter opened today, a call logged late): deadlines
   * count from it. The staff intake verb checks it is not in the future; absent, the clock's now.
   */
  receivedAt: z.date().optional(),
  /** The staff member who entered it (their actor label), named in the audit row instead of "system". */
  enteredBy: z.string().max(120).optional(),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  /** Cleaned here (the one cleaner), then bounded in code points: every channel stores the same bytes for the same text. */
  text: z
    .string()
    .transform(cleanText)
    .refine((t) => checkTipText(t) === null, { message: `between ${MIN_TIP_TEXT} and ${MAX_TIP_TEXT} characters` }),
  place: z.string().trim().max(200).optional(),
  jurisdictionCode: z.string().trim().max(12).optional(),
  location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  enterprise: z.string().trim().max(200).optional(),
  creditCode: z.string().trim().max(40).optional(),
  sector: z.enum(SECTOR_CODES).optional(),
  urgent: z.boolean().default(false),
  reporter: z
    .object({
      /** Telegram chat id or phone number the reporter wrote from: used to send the receipt and staff replies. */
      address: z.string().max(200).optional(),
      name: z.string().trim().max(100).optional(),
      /** A contact the reporter chose to leave (for a reward or questions). */
      contact: z.string().trim().max(100).optional(),
      /** May staff see the identity? Default no: anonymity is the default. */
      consent: z.boolean().default(false),
      /** Does the reporter work for the enterprise reported? Optional; an employee is rewarded only under their real name. */
      employee: z.boolean().optional(),
      /**
       * How receipt and answer reach a reporter whose channel cannot carry them (a call, a visit, a
       * letter): "sms" to `address` (a mobile number), "post" to `address` (a postal address, printed on
       * the answer letter). Absent: the channel the tip came in on.
       */
      reply: z.enum(REPLY_WAYS).optional(),
    })
    .default({ consent: false }),
  attachments: z.array(attachmentInput).max(MAX_ATTACHMENTS_PER_TIP).default([]),
  /** The reporter agreed that the tracking code may be published (Open311); default no. */
  publish: z.boolean().default(false),
  /**
   * The caller hands the receipt back in its own answer (SMS webhook replies: TwiML or the gateway's
   * JSON), so no receipt is queued in the outbox: the reporter gets it exactly once.
   */
  receiptInline: z.boolean().default(false),
});
export type SubmitTipInput = z.input<typeof submitTipInput>;

/** A unit or committee at least one of whose liaisons got a message about the tip (an outbox row). */
export interface AlertedUnit {
  role: "unit" | "committee";
  id: number;
  name: string;
  nameEn: string | null;
}

export interface SubmittedTip {
  tipId: number;
  trackingCode: string;
  /** Shown once to the reporter; only its keyed hash is stored. */
  secret: string;
  routing: RoutedTip;
  /** Who was actually told, so a receipt never claims an alert nobody received. */
  alerted: AlertedUnit[];
}

export interface PreparedTip {
  input: z.output<typeof submitTipInput>;
  routing: RoutedTip;
  secret: string;
  now: Date;
  /** When the tip reached us: `now`, or the date staff entered for a call, visit or letter. */
  receivedAt: Date;
}
