import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { tips, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { groupAnswer, type TipAnswer } from "../tips/tip-answer.js";
import { actorField, tipIdField } from "../triage/inputs.js";
import { visibleTips } from "../triage/scope.js";
import { parseInput } from "../triage/tip-action.js";

export const answerLetterInput = z.object({ actor: actorField, tipId: tipIdField });

export interface AnswerLetter {
  tipId: number;
  trackingCode: string;
  /** The reporter's language: the letter is written in it. */
  locale: string;
  receivedAt: Date;
  unit: { name: string; nameEn: string | null };
  answer: TipAnswer;
  /**
   * Name and postal address, only for a reporter who asked for the answer by post: they gave the address
   * for exactly this, and a letter cannot be posted without it. Otherwise null: the letter is handed over
   * or collected with the receipt, and no identity is printed on a page that could lie on a desk.
   */
  addressee: { name: string | null; address: string } | null;
}

/**
 * The printable answer letter (答复函) of an answered tip — for a merged tip, its group's answer under
 * its own code, with no other tip's code. Only staff who may see the tip can print it. It carries the
 * tracking code, the date received, the handling unit and the four items; never the tip's text, the
 * channel's address or anything of other reporters.
 */
export async function answerLetter(deps: Deps, raw: z.input<typeof answerLetterInput>): Promise<AnswerLetter> {
  const input = parseInput(answerLetterInput, raw);
  const [row] = await deps.db
    .select({ tip: tips, unit: { name: units.name, nameEn: units.nameEn } })
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .where(and(eq(tips.id, input.tipId), await visibleTips(deps.db, input.actor)));
  if (!row) throw new AppError("not_found", "tip not found");
  const answer = await groupAnswer(deps.db, row.tip);
  if (!answer) throw new AppError("conflict", "the tip has not been answered yet", { status: row.tip.status });
  return {
    tipId: row.tip.id,
    trackingCode: row.tip.trackingCode,
    locale: row.tip.locale,
    receivedAt: row.tip.receivedAt,
    unit: row.unit,
    answer,
    addressee: addresseeOf(deps, row.tip),
  };
}

function addresseeOf(deps: Deps, tip: typeof tips.$inferSelect): AnswerLetter["addressee"] {
  if (!tip.reporterContactEnc) return null;
  const identity = JSON.parse(deps.crypto.decrypt(tip.reporterContactEnc)) as { channel?: string; address?: string | null };
  if (identity.channel !== "post" || !identity.address) return null;
  return { name: tip.reporterNameEnc ? deps.crypto.decrypt(tip.reporterNameEnc) : null, address: identity.address };
}
