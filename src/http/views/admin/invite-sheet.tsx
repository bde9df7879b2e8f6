import { raw } from "hono/html";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { localName } from "../../../domain/tip-input.js";
import { formatDateTime } from "./format.js";
import { Layout } from "./layout.js";

export interface InviteSheetProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  unit: { id: number; name: string; nameEn: string | null };
  /** The deep link, or the /start command when the bot's username is unknown. */
  link: string;
  qr: string;
  expiresAt: Date;
}

/**
 * A printable invite for one liaison: the unit, what to do in Chinese, the link and its QR code, on one
 * A4 page (admin.css: @page A4, the header and buttons hidden in print). The invite is made with the
 * sheet and shown only in this response, like the unit page's invite.
 */
export function InviteSheetPage({ t, locale, actor, csrf, timeZone, unit, link, qr, expiresAt }: InviteSheetProps) {
  const name = localName(unit, locale);
  return (
    <Layout t={t} locale={locale} title={t("invite-sheet-title", { unit: name })} actor={actor} csrf={csrf}>
      <p class="no-print">
        <a href={`/admin/units/${unit.id}`}>← {name}</a>
      </p>
      <article class="invite-sheet" id="invite-sheet">
        <h1>{t("invite-sheet-title", { unit: name })}</h1>
        <p>{t("invite-sheet-intro", { unit: name })}</p>
        <ol>
          <li>{t("invite-sheet-step-1")}</li>
          <li>{t("invite-sheet-step-2")}</li>
          <li>{t("invite-sheet-step-3")}</li>
        </ol>
        {raw(qr)}
        <p>{t("invite-sheet-link")}：</p>
        <p class="link" id="invite-link">
          {link}
        </p>
        <p>
          <strong>{t("invite-sheet-once", { expires: formatDateTime(expiresAt, timeZone) })}</strong>
        </p>
        <p>{t("invite-sheet-no-telegram")}</p>
      </article>
    </Layout>
  );
}
