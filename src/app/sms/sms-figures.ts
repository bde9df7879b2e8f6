import { historyMedians, METRIC_KINDS, METRICS, type Figures } from "../../domain/figures.js";
import { normalizeMainlandMobile } from "../../domain/mobile-phone.js";
import { parseAllFigures } from "../../domain/numerals.js";
import { endConversation, runTurn, startConversation } from "../conversations/engine.js";
import type { Deps } from "../deps.js";
import { warningsFor } from "../figures/figures-steps.js";
import { currentReport, findFiguresObligation, unitHistory } from "../figures/report-queries.js";
import { fromStored, toStored } from "../figures/stored-values.js";
import { phoneLiaisons } from "../liaisons/phone-liaison.js";
import type { TxDeps } from "../with-transaction.js";
import { fileSmsFigures, smsFiguresConversation, type SmsFiguresOutcome, type SmsFiguresState } from "./sms-figures-steps.js";
import { figuresPeriodText, warningText } from "./sms-figures-text.js";

export type SmsFiguresCommand = { kind: "file"; period?: string; body: string } | { kind: "confirm"; reason: string };

const FILE = /^月[报報]表?[\s:：,，]*([\s\S]*)$/;
const CONFIRM = /^(?:确认|確認)[\s:：,，]*([\s\S]*)$/;
/** "2018-07", "2018年7月", "2018.7": a month named before the figures (the bot's `/figures 2018-07`). */
const PERIOD = /^(\d{4})\s*[-年./]\s*(\d{1,2})\s*月?[\s:：,，]*/;

/** `月报 [月份] <11 numbers>` or `确认 [原因]`; anything else is not this module's. */
export function parseSmsFiguresCommand(text: string): SmsFiguresCommand | null {
  const trimmed = text.normalize("NFKC").trim();
  const confirm = CONFIRM.exec(trimmed);
  if (confirm) return { kind: "confirm", reason: confirm[1].trim() };
  const file = FILE.exec(trimmed);
  if (!file) return null;
  const period = PERIOD.exec(file[1]);
  if (period && Number(period[2]) >= 1 && Number(period[2]) <= 12) {
    return { kind: "file", period: `${period[1]}-${period[2].padStart(2, "0")}`, body: file[1].slice(period[0].length) };
  }
  return { kind: "file", body: file[1] };
}

/** One pending 月报 per phone, beside (not instead of) the phone's tip draft; keyed by a keyed hash of the number. */
function pendingKey(deps: Pick<Deps, "crypto">, from: string): string {
  return `sms-figures:${deps.crypto.hash("sms-phone", normalizeMainlandMobile(from) ?? from)}`;
}

/**
 * 月报 by SMS for liaisons without Telegram: the bot's and the desk's parser (parseAllFigures, Chinese
 * numerals and units), their plausibility warnings (warningsFor) and their verbs (submitFigures,
 * correctFigures). Which month: the one named, else the bot's rule — the oldest open figures month of an
 * active campaign of the sender's units — and every reply names it. A first filing without warnings is
 * filed at once; warnings, a correction (which needs a reason) or a phone serving several units wait for
 * `确认` through the conversation engine. Anything wrong is answered and nothing is filed. Runs in the
 * inbound handler's transaction, under its per-phone lock. Null: the SMS is not a figures command.
 */
export async function runSmsFigures(tx: TxDeps<Deps>, input: { from: string; text: string }): Promise<SmsFiguresOutcome | null> {
  const command = parseSmsFiguresCommand(input.text);
  if (!command) return null;
  const t = (key: string, vars?: Record<string, string | number>) => tx.i18n.t("zh-CN", key, vars);
  const mine = await phoneLiaisons(tx.db, tx, input.from);
  const key = pendingKey(tx, input.from);
  if (command.kind === "confirm") {
    // From anyone else, 确认 is just text (perhaps part of a tip): not ours.
    if (mine.length === 0) return null;
    const turn = await runTurn(tx, smsFiguresConversation, key, { liaisonIds: mine.map((l) => l.liaisonId), reason: command.reason });
    if (turn.kind === "none") return { reply: t("sms-figures-nothing-to-confirm"), outcome: "refused" };
    if (turn.kind === "conflict") throw new Error("sms figures conversation changed under a held lock");
    return turn.out;
  }
  if (mine.length === 0) return { reply: t("sms-figures-not-liaison"), outcome: "refused" };

  const parsed = parseAllFigures(command.body, METRIC_KINDS);
  if (parsed.found !== METRICS.length) return { reply: t("sms-figures-wrong-count", { found: parsed.found, expected: METRICS.length }), outcome: "invalid" };
  const values = {} as Figures;
  for (const [i, r] of parsed.results.entries()) {
    if (!r.ok) return { reply: t("sms-figures-bad-value", { n: i + 1, metric: METRICS[i].zh, problem: t(`figures-problem-${r.reason}`) }), outcome: "invalid" };
    values[METRICS[i].code] = r.value;
  }

  const obligation = await findFiguresObligation(
    tx.db,
    mine.map((l) => l.unitId),
    command.period,
  );
  if (!obligation || obligation.status === "cancelled" || obligation.campaignStatus !== "active") {
    const reply = command.period ? t("sms-figures-no-such-month", { period: figuresPeriodText(tx.i18n, command.period) }) : t("sms-figures-no-open");
    return { reply, outcome: "refused" };
  }
  const liaison = mine.find((l) => l.unitId === obligation.unitId)!;
  const existing = await currentReport(tx.db, obligation);
  const history = await unitHistory(tx.db, obligation.unitId, obligation.period);
  const stored = toStored(values);
  const before = existing ? toStored(fromStored(existing.values)) : null;
  const changed = METRICS.filter((m) => !before || stored[m.code] !== before[m.code]).map((m) => m.code);
  const vars = { unit: obligation.unitName, period: figuresPeriodText(tx.i18n, obligation.period) };
  if (existing && changed.length === 0) return { reply: t("sms-figures-unchanged", { ...vars, version: existing.version }), outcome: "refused" };

  const state: SmsFiguresState = {
    liaisonId: liaison.liaisonId,
    campaignId: obligation.campaignId,
    unitId: obligation.unitId,
    unitName: obligation.unitName,
    period: obligation.period,
    mode: existing ? "correct" : "new",
    values,
    warnings: warningsFor({ values, medians: historyMedians(history.months) }, changed),
  };
  if (state.mode === "new" && state.warnings.length === 0 && mine.length === 1) {
    // A newer 月报 supersedes one still waiting for 确认.
    await endConversation(tx, key);
    return fileSmsFigures(tx, state, "");
  }
  const started = await startConversation(tx, smsFiguresConversation, key, state, { replace: true });
  if (started.kind === "conflict") throw new Error("sms figures conversation changed under a held lock");
  const lines = [
    existing ? t("sms-figures-correction", { ...vars, version: existing.version }) : t("sms-figures-check", vars),
    ...state.warnings.map((w) => `· ${warningText(tx.i18n, w)}`),
    t(existing ? "sms-figures-confirm-reason-hint" : "sms-figures-confirm-hint"),
  ];
  return { reply: lines.join("\n"), outcome: "figures" };
}
