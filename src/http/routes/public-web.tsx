import { Hono, type Context } from "hono";
import { errorFields } from "../../adapters/logger.js";
import { AppError, type Deps } from "../../app/deps.js";
import type { AlertedUnit, SubmittedTip } from "../../app/tips/submit-tip.js";
import { submitTipOnce } from "../../app/tips/submit-tip-once.js";
import { urgentNotice } from "../../app/tips/urgent-notice.js";
import { lookUpIdempotencyKey } from "../../app/tips/idempotency.js";
import { canonical } from "../../app/audit/append-audit.js";
import { localName, MAX_ATTACHMENTS_PER_TIP, MAX_TIP_TEXT, MIN_TIP_TEXT } from "../../domain/tip-input.js";
import type { Locale } from "../../adapters/i18n.js";
import { isUnavailable } from "../../app/system/outage.js";
import { noteDatabaseFailure } from "../../app/system/check-health.js";
import type { AppEnv } from "../app-env.js";
import { detailsToFieldErrors, field, pageHeaders, pageLocale, placeChoices, sectorChoices, translator, uploadLimit } from "../page-support.js";
import { fieldErrors, filesOf, sanitizeUploads, tipFields, toSubmitInput, type FieldError } from "../tip-request.js";
import { MessagePage, WEB_CSS } from "../views/layout.js";
import { ReceiptPage } from "../views/receipt.js";
import { TipFormPage, type TipFormValues } from "../views/tip-form.js";
import { trackRoutes } from "./public-track.js";
import type { IntakeLimiter } from "../intake-limit.js";
import { publicStats, STAT_TABLES, type StatTable } from "../../app/public/public-stats.js";
import { figuresGrid, PublicStatsPage, statsGrid, toCsv } from "../views/public-stats.js";

/** Browsers ask for /favicon.ico on every page; a tiny red square answers instead of a 404. */
const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#b71c1c"/></svg>';
const LIMITS = { minText: MIN_TIP_TEXT, maxText: MAX_TIP_TEXT, maxFiles: MAX_ATTACHMENTS_PER_TIP };

interface WebReceipt {
  trackingCode: string;
  secret: string;
  unit: { name: string; nameEn: string | null };
  urgent: boolean;
  /** Absent in receipts stored for replay before alerts were recorded: read as nobody told. */
  alerted?: AlertedUnit[];
}

/**
 * GET / (the tip form), POST /tips (store, show the receipt), GET|POST /track (status), the stylesheet.
 * A route only parses, calls a verb and renders; every refusal re-renders the form with what was typed.
 */
export function publicWebRoutes(deps: Deps, limiter: IntakeLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const tooLarge = (c: Context) => {
    const locale = pageLocale(c);
    const t = translator(deps, locale);
    return c.html(<MessagePage t={t} locale={locale} title={t("web-error-title")} message={t("web-error-request-too-large")} back="/" />, 413);
  };

  app.get("/favicon.ico", (c) =>
    c.body(ICON_SVG, 200, { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff" }),
  );
  app.get("/assets/web.css", (c) =>
    c.body(WEB_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff" }),
  );

  app.get("/", pageHeaders, async (c) => {
    const locale = pageLocale(c);
    const values: TipFormValues = {
      sector: "",
      city: "",
      county: "",
      place: "",
      enterprise: "",
      text: "",
      urgent: false,
      contact: "",
      consent: false,
      employee: "",
      formToken: deps.crypto.randomToken(16),
    };
    return renderForm(c, deps, locale, 200, values, []);
  });

  app.post("/tips", pageHeaders, uploadLimit(tooLarge), async (c) => {
    const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
    const locale = pageLocale(c, field(body, "lang"));
    const values = formValues(body);
    const files = filesOf(body.attachments);
    const hadFiles = files.some((f) => f.size > 0);
    const raw = {
      text: values.text,
      sector: values.sector,
      jurisdictionCode: values.county || values.city,
      place: values.place,
      enterprise: values.enterprise,
      urgent: values.urgent,
      contact: values.contact,
      consent: values.consent,
      publish: Boolean(values.publish),
      employee: values.employee === "yes" ? true : values.employee === "no" ? false : undefined,
      locale,
    };
    const parsed = tipFields.safeParse(raw);
    const upload = await sanitizeUploads(deps, files);
    const errors = [...(parsed.success ? [] : fieldErrors(parsed.error, raw)), ...upload.errors];
    if (!parsed.success || errors.length) return renderForm(c, deps, locale, 422, values, errors, { banner: "errors", hadFiles });

    // The hidden form token makes a reload or double submit of the same form return the same receipt.
    const fingerprint = canonical({ ...parsed.data, files: await Promise.all(files.map(digest)) });
    const key = /^[A-Za-z0-9_-]{16,64}$/.test(values.formToken) ? `web:${values.formToken}:${deps.crypto.hash("web-form", fingerprint)}` : null;
    try {
      if (key) {
        const earlier = await lookUpIdempotencyKey(deps, { key, fingerprint });
        if (earlier.state === "replay") return renderReceipt(c, deps, locale, earlier.body as WebReceipt);
      }
      // Counted only for a tip about to be stored: a refused or replayed form costs nothing.
      const admission = limiter.admit(c);
      if (!admission.ok) {
        const retryAfterMinutes = Math.ceil(admission.retryAfterSeconds / 60);
        return renderForm(
          c,
          deps,
          locale,
          429,
          values,
          [],
          { banner: "rate-limited", hadFiles, retryAfterMinutes },
          { "Retry-After": String(admission.retryAfterSeconds) },
        );
      }
      // The form token, the tip and the receipt commit together: a reload or double submit shows the same receipt.
      const outcome = await submitTipOnce(deps, {
        tip: toSubmitInput(parsed.data, "web", locale, upload.attachments),
        once: key ? { key, fingerprint, status: 200 } : undefined,
        receipt: (tip: SubmittedTip): WebReceipt => ({
          trackingCode: tip.trackingCode,
          secret: tip.secret,
          unit: { name: tip.routing.unit.name, nameEn: tip.routing.unit.nameEn },
          urgent: tip.routing.urgent,
          alerted: tip.alerted,
        }),
      });
      if (outcome.state === "mismatch") throw new AppError("conflict", "form token reused with another body");
      return renderReceipt(c, deps, locale, outcome.receipt);
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input")
        return renderForm(c, deps, locale, 422, values, detailsToFieldErrors(err.details), { banner: "errors", hadFiles });
      if (isUnavailable(err)) {
        noteDatabaseFailure(deps, err);
        deps.logger.warn("web tip not stored: database unavailable", { requestId: c.get("requestId") });
        return renderForm(c, deps, locale, 503, values, [], { banner: "unavailable", hadFiles }, { "Retry-After": "30" });
      }
      deps.logger.error("web tip failed", { requestId: c.get("requestId"), ...errorFields(err) });
      const t = translator(deps, locale);
      return c.html(
        <MessagePage t={t} locale={locale} title={t("web-error-title")} message={t("web-error-internal", { requestId: c.get("requestId") })} back="/" />,
        500,
      );
    }
  });

  // Public statistics: the verb counts and suppresses; the page, the chart and the CSV only render it.
  app.get("/public/stats", pageHeaders, async (c) => {
    const locale = pageLocale(c);
    const t = translator(deps, locale);
    return c.html(<PublicStatsPage t={t} locale={locale} stats={await publicStats(deps)} />);
  });
  app.get("/public/stats.csv", pageHeaders, async (c) => {
    const locale = pageLocale(c);
    const t = translator(deps, locale);
    const table = c.req.query("table") ?? "";
    const refuse = (status: 400 | 404) =>
      c.html(<MessagePage t={t} locale={locale} title={t("web-error-title")} message={t("public-stats-bad-table")} back="/public/stats" />, status);
    if (table !== "figures" && !(STAT_TABLES as readonly string[]).includes(table)) return refuse(400);
    const stats = await publicStats(deps);
    let grid: string[][];
    if (table === "figures") {
      const campaign = stats.campaigns.find((x) => String(x.campaignId) === c.req.query("campaign"));
      if (!campaign) return refuse(404);
      grid = figuresGrid(t, locale, campaign);
    } else grid = statsGrid(t, locale, stats.tables[table as StatTable]);
    const name = table === "figures" ? `jubao-figures-${c.req.query("campaign")}.csv` : `jubao-stats-${table}.csv`;
    return c.body(toCsv(grid), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` });
  });

  app.route("/", trackRoutes(deps, tooLarge));
  return app;
}

async function digest(file: File): Promise<string> {
  return Buffer.from(await globalThis.crypto.subtle.digest("SHA-256", await file.arrayBuffer())).toString("hex");
}

function formValues(body: Record<string, unknown>): TipFormValues {
  return {
    sector: field(body, "sector"),
    city: field(body, "city"),
    county: field(body, "county"),
    place: field(body, "place"),
    enterprise: field(body, "enterprise"),
    text: field(body, "text"),
    urgent: field(body, "urgent") !== "",
    contact: field(body, "contact"),
    consent: field(body, "consent") !== "",
    publish: field(body, "publish") !== "",
    employee: ["yes", "no"].includes(field(body, "employee")) ? field(body, "employee") : "",
    formToken: field(body, "formToken"),
  };
}

async function renderForm(
  c: Context<AppEnv>,
  deps: Deps,
  locale: Locale,
  status: 200 | 422 | 429 | 503,
  values: TipFormValues,
  errors: FieldError[],
  extra: { banner?: "errors" | "unavailable" | "rate-limited"; hadFiles?: boolean; retryAfterMinutes?: number } = {},
  headers: Record<string, string> = {},
) {
  const t = translator(deps, locale);
  const places = await placeChoices(deps);
  return c.html(
    <TipFormPage t={t} locale={locale} sectors={sectorChoices(locale)} {...places} values={values} errors={errors} limits={LIMITS} {...extra} />,
    status,
    headers,
  );
}

function renderReceipt(c: Context<AppEnv>, deps: Deps, locale: Locale, r: WebReceipt) {
  const t = translator(deps, locale);
  const unitName = localName(r.unit, locale);
  return c.html(
    <ReceiptPage t={t} locale={locale} trackingCode={r.trackingCode} secret={r.secret} unitName={unitName} urgentNotice={urgentNotice(deps.i18n, locale, r)} />,
  );
}
