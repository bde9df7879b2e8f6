import type { Deps } from "../deps.js";
import type { ConversationDef, Step } from "../conversations/engine.js";
import { routingSnapshot } from "../routing/routing-cache.js";
import { resolvePlace } from "../../domain/places/index.js";
import { checkTipText, cleanText, localName, MAX_TIP_TEXT, MIN_TIP_TEXT, textLength } from "../../domain/tip-input.js";
import { submitTip } from "../tips/submit-tip.js";
import { withoutReceiptSecrets } from "../tips/receipt-in-text.js";
import { receiptReply, type SmsLocale } from "./sms-replies.js";
import { askUrgencyQuestion } from "./urgency-question.js";

export const SMS_FLOW = "sms-tip";
/** A half-told tip waits this long for its next SMS; after that a new SMS starts afresh. */
export const SMS_DRAFT_TTL_MS = 24 * 3_600_000;
/** A reply to "where?" longer than this is more description, not a place name. */
const MAX_PLACE_REPLY = 60;

/** "new": nothing told yet (the turn's own start); "text": more description awaited; "place": where? */
export type SmsDraft = { step: "new"; locale: SmsLocale } | { step: "text" | "place"; text: string; locale: SmsLocale };

export interface SmsTipInput {
  /** The phone's conversation key: a possibly urgent tip's question is opened under it. */
  key: string;
  phone: string;
  text: string;
  locale: SmsLocale;
}

export type SmsTipOutcome = { outcome: "tip"; reply: string; tipId: number } | { outcome: "asked" | "invalid"; reply: string };

/**
 * One SMS of a tip. A message with enough text and a recognisable place is a whole tip; otherwise the
 * draft is kept and the reporter is asked for what is missing — more text, then the place — and the
 * next SMS completes it. The engine runs it in the caller's transaction, under its per-phone lock.
 */
export const smsTipConversation: ConversationDef<SmsDraft, SmsTipInput, SmsTipOutcome> = {
  flow: SMS_FLOW,
  accepts: (stored, now) => stored.flow === SMS_FLOW && now.getTime() - stored.updatedAt.getTime() < SMS_DRAFT_TTL_MS,
  async step(draft, input, deps): Promise<Step<SmsDraft, SmsTipOutcome>> {
    const locale = draft.locale;
    // A refused first SMS leaves nothing stored; a refused later one leaves the draft as it was.
    const refuse = (out: SmsTipOutcome): Step<SmsDraft, SmsTipOutcome> => (draft.step === "new" ? { kind: "end", out } : { kind: "stay", out });
    if (draft.step === "place") {
      const isPlace = textLength(input.text) <= MAX_PLACE_REPLY || (await mentionsPlace(deps, input.text));
      const text = isPlace ? draft.text : `${draft.text}\n${input.text}`;
      if (textLength(text) > MAX_TIP_TEXT) return refuse(tooLong(deps, locale));
      return finish(deps, { ...input, text, place: isPlace ? input.text : undefined, locale }, refuse);
    }
    const text = draft.step === "text" ? `${draft.text}\n${input.text}` : input.text;
    if (textLength(text) > MAX_TIP_TEXT) return refuse(tooLong(deps, locale));
    if (textLength(text.replace(/\s+/g, "")) < MIN_TIP_TEXT) {
      return { kind: "save", state: { step: "text", text, locale }, out: { outcome: "asked", reply: deps.i18n.t(locale, "sms-ask-text") } };
    }
    if (!(await mentionsPlace(deps, text))) {
      return { kind: "save", state: { step: "place", text, locale }, out: { outcome: "asked", reply: deps.i18n.t(locale, "sms-ask-place") } };
    }
    return finish(deps, { ...input, text, locale }, refuse);
  },
};

async function finish(
  deps: Deps,
  input: SmsTipInput & { place?: string },
  refuse: (out: SmsTipOutcome) => Step<SmsDraft, SmsTipOutcome>,
): Promise<Step<SmsDraft, SmsTipOutcome>> {
  // submitTip would refuse a text that cutting a receipt secret out of it left too short: ask for more
  // here, before the finish ends the draft, so the draft survives as it did.
  if (checkTipText(cleanText(await withoutReceiptSecrets(deps, input.text))) !== null) {
    return refuse({ outcome: "invalid", reply: deps.i18n.t(input.locale, "sms-ask-text") });
  }
  const place = input.place?.slice(0, 200);
  return {
    kind: "finish",
    async work(tx) {
      // receiptInline: the receipt goes back in this webhook's answer, so submitTip queues none (exactly once).
      const tip = await submitTip(tx, {
        channel: "sms",
        locale: input.locale,
        text: input.text,
        place,
        reporter: { address: input.phone, consent: false },
        receiptInline: true,
      });
      const unit = localName(tip.routing.unit, input.locale);
      const receipt = { unit, code: tip.trackingCode, secret: tip.secret };
      if (!tip.routing.possiblyUrgent) return { outcome: "tip", tipId: tip.tipId, reply: receiptReply(tx.i18n, input.locale, receipt) };
      // Danger is possible but not certain: the receipt asks one question, and the next SMS may answer it.
      await askUrgencyQuestion(tx, { key: input.key, tipId: tip.tipId, locale: input.locale });
      const question = tx.i18n.t(input.locale, "sms-urgency-question");
      return { outcome: "tip", tipId: tip.tipId, reply: receiptReply(tx.i18n, input.locale, receipt, question) };
    },
  };
}

function tooLong(deps: Deps, locale: SmsLocale): SmsTipOutcome {
  return { outcome: "invalid", reply: deps.i18n.t(locale, "sms-too-long", { max: MAX_TIP_TEXT }) };
}

async function mentionsPlace(deps: Deps, text: string): Promise<boolean> {
  const snapshot = await routingSnapshot(deps);
  return resolvePlace(snapshot.placeIndex, { text }).jurisdiction !== null;
}
