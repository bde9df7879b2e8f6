import type { StaffActor } from "../../../app/staff/actor.js";
import { SECTORS } from "../../../domain/sectors.js";
import { STAFF_CHANNELS } from "../../../domain/tip-channels.js";
import type { Translate } from "../../routes/admin/context.js";
import type { TipFormProps } from "../tip-form.js";
import { Layout } from "./layout.js";

export interface IntakeValues {
  channel: string;
  receivedAt: string;
  text: string;
  jurisdictionCode: string;
  place: string;
  enterprise: string;
  creditCode: string;
  sector: string;
  urgent: boolean;
  locale: string;
  name: string;
  contact: string;
  consent: boolean;
  reply: string;
  formToken: string;
}

interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  values: IntakeValues;
  counties: TipFormProps["counties"];
  /** Field → error code, from the verb's refusal. */
  errors: { path: string; code: string }[];
}

const REPLIES = ["paper", "sms", "post"] as const;

/** 来电、来访、来信登记: one plain form (no script), the same fields a reporter's channel collects, plus channel, date and reply way. */
export function IntakePage({ t, locale, actor, csrf, values, counties, errors }: Props) {
  const errorFor = (path: string) => errors.find((e) => e.path === path);
  const ErrorText = ({ path }: { path: string }) => {
    const e = errorFor(path);
    return e ? (
      <span class="field-error" id={`error-${path}`}>
        {t(`admin-intake-error-${e.code === "future" || e.code === "too_old" || e.code === "not_mobile" || e.code === "no_address" ? e.code : "field"}`)}
      </span>
    ) : null;
  };
  return (
    <Layout t={t} locale={locale} title={t("admin-intake-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-intake-title")}</h1>
      <p class="hint">{t("admin-intake-intro")}</p>
      {errors.length > 0 && (
        <p class="flash err" role="alert">
          {t("admin-intake-has-errors")}
        </p>
      )}
      <form method="post" action="/admin/intake" class="card intake" id="intake-form">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="formToken" value={values.formToken} />
        <fieldset>
          <legend>{t("admin-intake-how")}</legend>
          <label>
            {t("admin-intake-channel")}
            <select name="channel" required>
              {STAFF_CHANNELS.map((c) => (
                <option value={c} selected={values.channel === c}>
                  {t(`admin-channel-${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("admin-intake-received-at")}
            <input type="datetime-local" name="receivedAt" value={values.receivedAt} required />
            <ErrorText path="receivedAt" />
          </label>
          <label>
            {t("admin-intake-locale")}
            <select name="locale">
              <option value="zh-CN" lang="zh-CN" selected={values.locale !== "en"}>
                中文
              </option>
              <option value="en" lang="en" selected={values.locale === "en"}>
                English
              </option>
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>{t("admin-intake-what")}</legend>
          <label>
            {t("admin-tip-text")}
            <textarea name="text" rows={6} required maxlength={4000} class="wide">
              {values.text}
            </textarea>
            <ErrorText path="text" />
          </label>
          <label>
            {t("admin-intake-jurisdiction")}
            <select name="jurisdictionCode">
              <option value="">{t("admin-intake-jurisdiction-unknown")}</option>
              {counties.map((group) => (
                <optgroup label={group.city.name}>
                  <option value={group.city.code} selected={values.jurisdictionCode === group.city.code}>
                    {group.city.name}
                  </option>
                  {group.items.map((c) => (
                    <option value={c.code} selected={values.jurisdictionCode === c.code}>
                      {c.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            {t("admin-tip-place")}
            <input name="place" value={values.place} maxlength={200} />
          </label>
          <label>
            {t("admin-tip-enterprise")}
            <input name="enterprise" value={values.enterprise} maxlength={200} />
          </label>
          <label>
            {t("admin-intake-credit-code")}
            <input name="creditCode" value={values.creditCode} maxlength={40} />
          </label>
          <label>
            {t("admin-col-sector")}
            <select name="sector">
              <option value="">{t("admin-intake-sector-unknown")}</option>
              {SECTORS.map((s) => (
                <option value={s.code} selected={values.sector === s.code}>
                  {locale === "en" ? s.en : s.zh}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" name="urgent" value="1" checked={values.urgent} /> {t("admin-intake-urgent")}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t("admin-intake-who")}</legend>
          <p class="hint">{t("admin-intake-privacy")}</p>
          <label>
            {t("admin-intake-name")}
            <input name="name" value={values.name} maxlength={100} autocomplete="off" />
          </label>
          <label>
            {t("admin-intake-contact")}
            <input name="contact" value={values.contact} maxlength={200} autocomplete="off" />
            <ErrorText path="contact" />
          </label>
          <label class="check">
            <input type="checkbox" name="consent" value="1" checked={values.consent} /> {t("admin-intake-consent")}
          </label>
          <p>{t("admin-intake-reply")}</p>
          {REPLIES.map((r) => (
            <label class="check">
              <input type="radio" name="reply" value={r} checked={(values.reply || "paper") === r} /> {t(`admin-intake-reply-${r}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t("admin-intake-submit")}</button>
      </form>
    </Layout>
  );
}
