import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { AnswerLetter } from "../../../app/intake/answer-letter.js";
import type { IntakeReceipt } from "../../../app/intake/open-intake-receipt.js";
import { localName } from "../../../domain/tip-input.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";

interface PrintFrame {
  /** Staff's language: the page, its title and the notes around the sheet. */
  t: Translate;
  locale: string;
  /** The reporter's language: the sheet itself. */
  tr: Translate;
  sheetLocale: string;
  title: string;
  back: string;
  children?: Child;
  notes?: Child;
}

/** A page holding one A4 sheet: the staff notes and links around it do not print (print.css). */
function PrintPage({ t, locale, tr, sheetLocale, title, back, children, notes }: PrintFrame) {
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <link rel="stylesheet" href="/admin/static/print.css" />
        </head>
        <body>
          <nav class="no-print">
            <a href={back}>{t("admin-tip-back")}</a> · {t("admin-print-hint")}
            {notes}
          </nav>
          <article class="sheet" lang={sheetLocale}>
            {children}
            <p class="stamp">{tr("print-stamp")}</p>
          </article>
        </body>
      </html>
    </>
  );
}

export function IntakeReceiptPage({
  t,
  locale,
  tr,
  timeZone,
  receipt,
  bySms,
}: {
  t: Translate;
  locale: string;
  tr: Translate;
  timeZone: string;
  receipt: IntakeReceipt;
  bySms: boolean;
}) {
  return (
    <PrintPage
      t={t}
      locale={locale}
      tr={tr}
      sheetLocale={receipt.locale}
      title={t("print-receipt-title")}
      back={`/admin/tips/${receipt.tipId}`}
      notes={
        !receipt.secret && (
          <p class="staff-note" id="secret-gone">
            {t(bySms ? "admin-intake-receipt-by-sms" : "admin-intake-secret-gone")}
          </p>
        )
      }
    >
      <h1>{tr("print-receipt-title")}</h1>
      <p>{tr("print-receipt-intro", { date: formatDateTime(receipt.receivedAt, timeZone), channel: tr(`print-channel-${receipt.channel}`) })}</p>
      <p>{tr("print-receipt-unit", { unit: localName(receipt.unit, receipt.locale) })}</p>
      <dl class="receipt">
        <dt>{tr("print-code")}</dt>
        <dd id="tracking-code">{receipt.trackingCode}</dd>
        <dt>{tr("print-secret")}</dt>
        <dd id="secret">{receipt.secret ?? tr(bySms ? "print-secret-by-sms" : "print-secret-withheld")}</dd>
      </dl>
      <p class="warn">{tr("print-receipt-keep")}</p>
      <p>{tr("print-receipt-how")}</p>
    </PrintPage>
  );
}

export function AnswerLetterPage({
  t,
  locale,
  tr,
  timeZone,
  letter,
  today,
}: {
  t: Translate;
  locale: string;
  tr: Translate;
  timeZone: string;
  letter: AnswerLetter;
  today: Date;
}) {
  const a = letter.answer;
  return (
    <PrintPage t={t} locale={locale} tr={tr} sheetLocale={letter.locale} title={t("print-letter-title")} back={`/admin/tips/${letter.tipId}`}>
      {letter.addressee && (
        <address class="addressee" id="addressee">
          {letter.addressee.address}
          <br />
          {letter.addressee.name ?? tr("print-letter-reporter")}
          {tr("print-letter-recipient-suffix")}
        </address>
      )}
      <h1>{tr("print-letter-title")}</h1>
      <p>{tr("print-letter-greeting")}</p>
      <p>{tr("print-letter-intro", { date: formatDateTime(letter.receivedAt, timeZone).slice(0, 10), code: letter.trackingCode })}</p>
      <dl class="answer" id="answer">
        <dt>{tr("print-answer-conclusion")}</dt>
        <dd id="answer-conclusion">{a.conclusion}</dd>
        <dt>{tr("print-answer-summary")}</dt>
        <dd id="answer-summary">{a.summary}</dd>
        <dt>{tr("print-answer-decision")}</dt>
        <dd id="answer-decision">{a.decision}</dd>
        <dt>{tr("print-answer-reward")}</dt>
        <dd id="answer-reward">{a.rewardEligibility}</dd>
      </dl>
      <p>{tr("print-letter-objection")}</p>
      <p class="signature">
        {localName(letter.unit, letter.locale)}
        <br />
        {formatDateTime(today, timeZone).slice(0, 10)}
      </p>
    </PrintPage>
  );
}
