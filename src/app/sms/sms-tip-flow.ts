import type { Deps } from "../deps.js";
import { loadConversation } from "../conversations/load-conversation.js";
import { saveConversation } from "../conversations/save-conversation.js";
import { clearConversation } from "../conversations/clear-conversation.js";
import { routingSnapshot } from "../routing/routing-cache.js";
import { resolvePlace } from "../../domain/places/index.js";
import { MAX_TIP_TEXT, MIN_TIP_TEXT } from "../../domain/tip-input.js";
import { submitTip } from "../tips/submit-tip.js";
import { receiptReply, type SmsLocale } from "./sms-replies.js";

export const SMS_FLOW = "sms-tip";
/** A half-told tip waits this long for its next SMS; after that a new SMS starts afresh. */
export const SMS_DRAFT_TTL_MS = 24 * 3_600_000;
/** A reply to "where?" longer than this is more description, not a place name. */
const MAX_PLACE_REPLY = 60;

export interface SmsDraft {
  step: "text" | "place";
  text: string;
  locale: SmsLocale;
}

export type FlowOutcome = { outcome: "tip"; reply: string; tipId: number } | { outcome: "asked" | "invalid"; reply: string };

/**
 * One SMS of a tip. A message with enough text and a recognisable place is a whole tip; otherwise the
 * draft is kept (keyed by the phone's keyed hash) and the reporter is asked for what is missing — more
 * text, then the place — and the next SMS completes it. Runs inside the caller's transaction.
 */
export async function continueSmsTip(tx: Deps, input: { key: string; phone: string; text: string; locale: SmsLocale }): Promise<FlowOutcome> {
  const now = tx.clock();
  const stored = await loadConversation<SmsDraft>(tx, { key: input.key });
  const draft = stored && stored.flow === SMS_FLOW && now.getTime() - stored.updatedAt.getTime() < SMS_DRAFT_TTL_MS ? stored.state : null;
  const locale = draft?.locale ?? input.locale;
  const save = async (state: SmsDraft) => {
    // The caller holds a per-phone lock for the whole transaction, so the version read is still current.
    const saved = await saveConversation(tx, { key: input.key, flow: SMS_FLOW, state, expectedVersion: stored?.version ?? null });
    if (!saved.ok) throw new Error("sms conversation changed under a held lock");
  };

  if (draft?.step === "place") {
    const isPlace = Array.from(input.text).length <= MAX_PLACE_REPLY || (await mentionsPlace(tx, input.text));
    const text = isPlace ? draft.text : `${draft.text}\n${input.text}`;
    if (text.length > MAX_TIP_TEXT) return tooLong(tx, locale);
    return submit(tx, { ...input, text, place: isPlace ? input.text : undefined, locale });
  }
  const text = draft?.step === "text" ? `${draft.text}\n${input.text}` : input.text;
  if (text.length > MAX_TIP_TEXT) return tooLong(tx, locale);
  if (Array.from(text.replace(/\s+/g, "")).length < MIN_TIP_TEXT) {
    await save({ step: "text", text, locale });
    return { outcome: "asked", reply: tx.i18n.t(locale, "sms-ask-text") };
  }
  if (!(await mentionsPlace(tx, text))) {
    await save({ step: "place", text, locale });
    return { outcome: "asked", reply: tx.i18n.t(locale, "sms-ask-place") };
  }
  return submit(tx, { ...input, text, locale });
}

async function submit(tx: Deps, input: { key: string; phone: string; text: string; place?: string; locale: SmsLocale }): Promise<FlowOutcome> {
  const place = input.place?.slice(0, 200);
  // receiptInline: the receipt goes back in this webhook's answer, so submitTip queues none (exactly once).
  const tip = await submitTip(tx, {
    channel: "sms", locale: input.locale, text: input.text, place,
    reporter: { address: input.phone, consent: false }, receiptInline: true,
  });
  await clearConversation(tx, { key: input.key });
  const unit = input.locale === "en" ? tip.routing.unit.nameEn ?? tip.routing.unit.name : tip.routing.unit.name;
  return { outcome: "tip", tipId: tip.tipId, reply: receiptReply(tx.i18n, input.locale, { unit, code: tip.trackingCode, secret: tip.secret }) };
}

function tooLong(tx: Deps, locale: SmsLocale): FlowOutcome {
  return { outcome: "invalid", reply: tx.i18n.t(locale, "sms-too-long", { max: MAX_TIP_TEXT }) };
}

async function mentionsPlace(tx: Deps, text: string): Promise<boolean> {
  const snapshot = await routingSnapshot(tx);
  return resolvePlace(snapshot.placeIndex, { text }).jurisdiction !== null;
}
