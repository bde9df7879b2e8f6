import { Hono, type Context } from "hono";
import { AppError, type Deps } from "../../app/deps.js";
import { checkStatus, type ReporterTipView } from "../../app/tips/check-status.js";
import { addTipInfo } from "../../app/tips/add-tip-info.js";
import { objectToAnswer } from "../../app/tips/object-to-answer.js";
import { claimReward } from "../../app/rewards/claim-reward.js";
import { cleanText, localName, MAX_ATTACHMENTS_PER_TIP } from "../../domain/tip-input.js";
import type { Locale } from "../../adapters/i18n.js";
import { isUnavailable } from "../../app/system/outage.js";
import type { AppEnv } from "../app-env.js";
import { detailsToFieldErrors, field, pageHeaders, pageLocale, translator, uploadLimit } from "../page-support.js";
import { filesOf, sanitizeUploads, type FieldError } from "../tip-request.js";
import { TrackPage, type TrackProps } from "../views/track.js";

type Extra = Partial<
  Pick<TrackProps, "secret" | "status" | "refusal" | "unavailable" | "added" | "errors" | "objectionSent" | "objectionRefusal" | "objectionErrors" | "claim">
>;

/**
 * GET /track (the form), POST /track (code + secret → status, the answer and public history), POST
 * /track/add (the reporter adds text or files), POST /track/objection (异议 to the answer, a plain form). The code and secret travel in POST bodies only, never in a URL
 * where history, logs or a Referer could keep them.
 */
export function trackRoutes(deps: Deps, tooLarge: (c: Context) => Response | Promise<Response>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/track", pageHeaders, (c) => render(c, deps, pageLocale(c), 200, (c.req.query("code") ?? "").slice(0, 64), {}));

  app.post("/track", pageHeaders, async (c) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const locale = pageLocale(c, field(body, "lang"));
    const code = field(body, "code").slice(0, 64);
    const secret = field(body, "secret").slice(0, 128);
    try {
      const result = await checkStatus(deps, { trackingCode: code, secret });
      if (!result.ok) return render(c, deps, locale, result.reason === "rate_limited" ? 429 : 404, code, { refusal: result });
      return render(c, deps, locale, 200, code, { status: result.tip, secret });
    } catch (err) {
      if (isUnavailable(err)) return render(c, deps, locale, 503, code, { unavailable: true });
      throw err;
    }
  });

  app.post("/track/add", pageHeaders, uploadLimit(tooLarge), async (c) => {
    const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
    const locale = pageLocale(c, field(body, "lang"));
    const code = field(body, "code").slice(0, 64);
    const secret = field(body, "secret").slice(0, 128);
    const text = cleanText(field(body, "text"));
    const upload = await sanitizeUploads(deps, filesOf(body.attachments));
    try {
      let errors: FieldError[] = upload.errors;
      let added = false;
      if (errors.length === 0) {
        try {
          const result = await addTipInfo(deps, { trackingCode: code, secret, channel: "web", text: text || undefined, attachments: upload.attachments });
          if (!result.ok) return render(c, deps, locale, result.reason === "rate_limited" ? 429 : 404, code, { refusal: result });
          added = true;
        } catch (err) {
          if (!(err instanceof AppError && err.code === "invalid_input")) throw err;
          errors = detailsToFieldErrors(err.details);
        }
      }
      const status = await checkStatus(deps, { trackingCode: code, secret });
      if (!status.ok) return render(c, deps, locale, status.reason === "rate_limited" ? 429 : 404, code, { refusal: status });
      return render(c, deps, locale, added ? 200 : 422, code, { status: status.tip, secret, added, errors });
    } catch (err) {
      if (isUnavailable(err)) return render(c, deps, locale, 503, code, { unavailable: true });
      throw err;
    }
  });
  app.post("/track/objection", pageHeaders, async (c) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const locale = pageLocale(c, field(body, "lang"));
    const code = field(body, "code").slice(0, 64);
    const secret = field(body, "secret").slice(0, 128);
    try {
      let result: Awaited<ReturnType<typeof objectToAnswer>> | null = null;
      let errors: FieldError[] = [];
      try {
        result = await objectToAnswer(deps, {
          proof: { kind: "receipt", trackingCode: code, secret },
          channel: "web",
          text: field(body, "text").slice(0, 4_000),
        });
      } catch (err) {
        if (!(err instanceof AppError && err.code === "invalid_input")) throw err;
        errors = detailsToFieldErrors(err.details);
      }
      if (result && !result.ok && (result.reason === "not_found" || result.reason === "rate_limited"))
        return render(c, deps, locale, result.reason === "rate_limited" ? 429 : 404, code, { refusal: result });
      const status = await checkStatus(deps, { trackingCode: code, secret });
      if (!status.ok) return render(c, deps, locale, status.reason === "rate_limited" ? 429 : 404, code, { refusal: status });
      if (!result) return render(c, deps, locale, 422, code, { status: status.tip, secret, objectionErrors: errors });
      if (!result.ok) {
        const refusal = result as Extract<typeof result, { reason: "not_answered" | "window_closed" | "already_objected" | "final" }>;
        return render(c, deps, locale, 409, code, {
          status: status.tip,
          secret,
          objectionRefusal: { reason: refusal.reason, closedOn: "closedOn" in refusal ? refusal.closedOn : undefined },
        });
      }
      return render(c, deps, locale, 200, code, { status: status.tip, secret, objectionSent: true });
    } catch (err) {
      if (isUnavailable(err)) return render(c, deps, locale, 503, code, { unavailable: true });
      throw err;
    }
  });

  // The reward claim: the identity the reporter chooses to show, with the receipt. A plain form, no script.
  app.post("/track/reward-claim", pageHeaders, async (c) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const locale = pageLocale(c, field(body, "lang"));
    const code = field(body, "code").slice(0, 64);
    const secret = field(body, "secret").slice(0, 128);
    try {
      let claim: TrackProps["claim"];
      let errors: FieldError[] = [];
      try {
        const result = await claimReward(deps, {
          trackingCode: code,
          secret,
          channel: "web",
          name: field(body, "name").slice(0, 200),
          idNumber: field(body, "idNumber").slice(0, 200),
          account: field(body, "account").slice(0, 400),
        });
        if (result.ok) claim = { ok: true };
        else if (result.reason === "not_found" || result.reason === "rate_limited")
          return render(c, deps, locale, result.reason === "rate_limited" ? 429 : 404, code, { refusal: result });
        else claim = result as NonNullable<TrackProps["claim"]>;
      } catch (err) {
        if (!(err instanceof AppError && err.code === "invalid_input")) throw err;
        errors = detailsToFieldErrors(err.details);
      }
      const status = await checkStatus(deps, { trackingCode: code, secret });
      if (!status.ok) return render(c, deps, locale, status.reason === "rate_limited" ? 429 : 404, code, { refusal: status });
      return render(c, deps, locale, claim?.ok ? 200 : errors.length ? 422 : 409, code, { status: status.tip, secret, claim, errors });
    } catch (err) {
      if (isUnavailable(err)) return render(c, deps, locale, 503, code, { unavailable: true });
      throw err;
    }
  });
  return app;
}

function render(c: Context<AppEnv>, deps: Deps, locale: Locale, status: 200 | 404 | 409 | 422 | 429 | 503, code: string, extra: Extra) {
  const unitName = extra.status ? unitLabel(extra.status, locale) : undefined;
  const headers: Record<string, string> = extra.refusal?.retryAfterSeconds ? { "Retry-After": String(extra.refusal.retryAfterSeconds) } : {};
  return c.html(
    <TrackPage
      t={translator(deps, locale)}
      locale={locale}
      timeZone={deps.config.TZ_CAMPAIGN}
      code={code}
      unitName={unitName}
      maxFiles={MAX_ATTACHMENTS_PER_TIP}
      {...extra}
    />,
    status,
    headers,
  );
}

function unitLabel(s: ReporterTipView, locale: Locale): string {
  return localName(s.unit, locale);
}
