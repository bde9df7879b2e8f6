import type { FC } from "hono/jsx";
import type { FieldError } from "../tip-request.js";
import { Layout, type T } from "./layout.js";

/** What the reporter typed, kept as strings so a refused form comes back exactly as it was sent. */
export interface TipFormValues {
  sector: string;
  city: string;
  county: string;
  place: string;
  enterprise: string;
  text: string;
  urgent: boolean;
  contact: string;
  consent: boolean;
  /** The reporter agrees that the tracking code may be published (Open311). */
  publish?: boolean;
  /** "yes", "no" or "" (not answered). */
  employee: string;
  formToken: string;
}

export interface TipFormProps {
  t: T;
  locale: "zh-CN" | "en";
  sectors: { code: string; label: string }[];
  cities: { code: string; name: string; province: string }[];
  counties: { city: { code: string; name: string }; items: { code: string; name: string }[] }[];
  values: TipFormValues;
  errors: FieldError[];
  banner?: "errors" | "unavailable" | "rate-limited";
  /** With the rate-limited banner: when the client may submit again. */
  retryAfterMinutes?: number;
  /** Files are never kept across a refused submission: browsers cannot re-fill a file input. */
  hadFiles?: boolean;
  limits: { minText: number; maxText: number; maxFiles: number };
}

export const TipFormPage: FC<TipFormProps> = (p) => {
  const { t, values: v } = p;
  const errorsFor = (path: string) =>
    p.errors
      .filter((e) => e.path === path)
      .map((e) => (
        <p class="field-error" id={`${path}-error`}>
          {t(`web-error-${e.code}`, { min: p.limits.minText, max: path === "attachments" ? p.limits.maxFiles : p.limits.maxText, file: e.file ?? "" })}
        </p>
      ));
  const provinces = [...new Set(p.cities.map((c) => c.province))];
  return (
    <Layout t={t} locale={p.locale} title={t("web-nav-report")} path="/">
      <h1>{t("web-title")}</h1>
      <p>{t("web-intro")}</p>
      <p class="banner warn">{t("web-danger-note")}</p>
      {p.banner === "unavailable" && (
        <p class="banner error" role="alert">
          {t("web-unavailable")}
        </p>
      )}
      {p.banner === "errors" && (
        <p class="banner error" role="alert">
          {t("web-form-has-errors")}
        </p>
      )}
      {p.banner === "rate-limited" && (
        <p class="banner error" role="alert" id="rate-limited">
          {t("web-rate-limited", { minutes: p.retryAfterMinutes ?? 60 })}
        </p>
      )}
      {p.hadFiles && <p class="banner warn">{t("web-reattach")}</p>}
      <form method="post" action="/tips" enctype="multipart/form-data">
        <input type="hidden" name="lang" value={p.locale} />
        <input type="hidden" name="formToken" value={v.formToken} />
        <label for="sector">{t("web-field-sector")}</label>
        <select id="sector" name="sector">
          <option value="" selected={v.sector === ""}>
            {t("web-sector-unsure")}
          </option>
          {p.sectors.map((s) => (
            <option value={s.code} selected={v.sector === s.code}>
              {s.label}
            </option>
          ))}
        </select>
        {errorsFor("sector")}

        <label for="city">{t("web-field-city")}</label>
        <select id="city" name="city">
          <option value="">{t("web-choose")}</option>
          {provinces.map((prov) => (
            <optgroup label={prov}>
              {p.cities
                .filter((c) => c.province === prov)
                .map((c) => (
                  <option value={c.code} selected={v.city === c.code}>
                    {c.name}
                  </option>
                ))}
            </optgroup>
          ))}
          {v.city && !p.cities.some((c) => c.code === v.city) && (
            <option value={v.city} selected>
              {v.city}
            </option>
          )}
        </select>
        <label for="county">{t("web-field-county")}</label>
        {/* Grouped by city, so the choice works without JavaScript; a county implies its city. */}
        <select id="county" name="county">
          <option value="">{t("web-choose")}</option>
          {p.counties.map((g) => (
            <optgroup label={g.city.name}>
              {g.items.map((c) => (
                <option value={c.code} selected={v.county === c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ))}
          {/* The lists come from the database: if it is down, the reporter's choice is still sent back. */}
          {v.county && !p.counties.some((g) => g.items.some((c) => c.code === v.county)) && (
            <option value={v.county} selected>
              {v.county}
            </option>
          )}
        </select>
        {errorsFor("jurisdictionCode")}
        <label for="place">{t("web-field-place")}</label>
        <p class="hint">{t("web-field-place-hint")}</p>
        <input type="text" id="place" name="place" value={v.place} maxlength={200} />
        {errorsFor("place")}

        <label for="enterprise">{t("web-field-enterprise")}</label>
        <input type="text" id="enterprise" name="enterprise" value={v.enterprise} maxlength={200} />
        {errorsFor("enterprise")}

        <label for="text">{t("web-field-text")}</label>
        <p class="hint">{t("web-field-text-hint", { min: p.limits.minText })}</p>
        <textarea id="text" name="text" required maxlength={p.limits.maxText} aria-describedby="text-error">
          {v.text}
        </textarea>
        {errorsFor("text")}

        <label class="check">
          <input type="checkbox" name="urgent" value="1" checked={v.urgent} />
          {t("web-field-urgent")}
        </label>

        <label for="attachments">{t("web-field-attachments", { max: p.limits.maxFiles })}</label>
        <p class="hint">{t("web-attachments-privacy")}</p>
        <input type="file" id="attachments" name="attachments" multiple accept="image/jpeg,image/png,image/webp,application/pdf" />
        {errorsFor("attachments")}

        <label for="contact">{t("web-field-contact")}</label>
        <p class="hint">{t("web-anonymous-note")}</p>
        <input type="text" id="contact" name="contact" value={v.contact} maxlength={100} autocomplete="off" />
        {errorsFor("contact")}
        <label class="check">
          <input type="checkbox" name="consent" value="1" checked={v.consent} />
          {t("web-field-consent")}
        </label>
        <label class="check">
          <input type="checkbox" name="publish" value="1" checked={Boolean(v.publish)} />
          {t("web-field-publish")}
        </label>
        <label for="employee">{t("web-field-employee")}</label>
        <p class="hint">{t("web-field-employee-hint")}</p>
        <select id="employee" name="employee">
          <option value="" selected={v.employee === ""}>
            {t("web-field-employee-unanswered")}
          </option>
          <option value="yes" selected={v.employee === "yes"}>
            {t("web-field-employee-yes")}
          </option>
          <option value="no" selected={v.employee === "no"}>
            {t("web-field-employee-no")}
          </option>
        </select>

        <button type="submit">{t("web-submit")}</button>
      </form>
    </Layout>
  );
};
