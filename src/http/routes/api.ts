import type { IncomingMessage } from "node:http";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { AppError, type Deps } from "../../app/deps.js";
import type { SubmittedTip } from "../../app/tips/submit-tip.js";
import { submitTipOnce } from "../../app/tips/submit-tip-once.js";
import { urgentNotice } from "../../app/tips/urgent-notice.js";
import { checkStatus, receiptInput, type ReceiptRefusal, type ReporterTipView } from "../../app/tips/check-status.js";
import { objectToAnswer } from "../../app/tips/object-to-answer.js";
import { answerIn, type TipAnswer } from "../../domain/tip-answer.js";
import { addTipInfo } from "../../app/tips/add-tip-info.js";
import { claimReward, claimRewardInput } from "../../app/rewards/claim-reward.js";
import { lookUpIdempotencyKey } from "../../app/tips/idempotency.js";
import { canonical } from "../../app/audit/append-audit.js";
import { asLocale } from "../../adapters/i18n.js";
import type { AppEnv } from "../app-env.js";
import { detailsToFieldErrors, UPLOAD_LIMIT_BYTES } from "../page-support.js";
import type { IntakeLimiter } from "../intake-limit.js";
import { fieldErrors, filesOf, sanitizeUploads, tipFields, toSubmitInput, type FieldError } from "../tip-request.js";
import { cleanText, localName } from "../../domain/tip-input.js";

const JSON_LIMIT_BYTES = 256 * 1024;

type Parsed = { ok: true; data: Record<string, unknown>; files: File[] } | { ok: false; response: Response };

/**
 * The JSON API: POST /api/v1/tips (JSON, or multipart with attachments; Idempotency-Key honoured),
 * POST /api/v1/tips/status, POST /api/v1/tips/info and POST /api/v1/tips/objection (code + secret). Database outages surface as
 * 503 through app.onError; every refusal of input is a 4xx with field errors, never a 500.
 */
export function apiRoutes(deps: Deps, limiter: IntakeLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/api/v1/*", async (c, next) => {
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    await next();
  });
  app.use("/api/v1/*", (c, next) => {
    // A JSON body of declared, allowed length is read by readBody straight from Node's request stream.
    if (nodeJsonBody(c) !== null) return next();
    const multipart = (c.req.header("content-type") ?? "").startsWith("multipart/form-data");
    return bodyLimit({ maxSize: multipart ? UPLOAD_LIMIT_BYTES : JSON_LIMIT_BYTES, onError: (c) => c.json({ error: "payload_too_large" }, 413) })(c, next);
  });

  app.post("/api/v1/tips", async (c) => {
    const body = await readBody(c);
    if (!body.ok) return body.response;
    const parsed = tipFields.safeParse(body.data);
    if (!parsed.success) return invalid(c, fieldErrors(parsed.error, body.data));
    const key = c.req.header("idempotency-key");
    // Only a keyed request is compared with an earlier one: without a key nothing (attachments included) is hashed.
    const fingerprint = key === undefined ? "" : canonical({ ...parsed.data, files: await Promise.all(body.files.map(digest)) });
    if (key !== undefined) {
      const earlier = await lookUpIdempotencyKey(deps, { key, fingerprint });
      if (earlier.state === "replay") return c.json(earlier.body as object, earlier.status as 201, { "Idempotent-Replayed": "true" });
      if (earlier.state === "mismatch") return keyReused(c);
    }
    // Counted only for a tip about to be stored: replays and refused input cost nothing.
    const admission = limiter.admit(c);
    if (!admission.ok) {
      return c.json(
        {
          error: "rate_limited",
          message: "too many new tips from this address in the last hour; nothing was stored — retry after Retry-After seconds",
          retryAfterSeconds: admission.retryAfterSeconds,
        },
        429,
        { "Retry-After": String(admission.retryAfterSeconds) },
      );
    }
    try {
      const upload = await sanitizeUploads(deps, body.files);
      if (upload.errors.length) return invalid(c, upload.errors);
      const locale = parsed.data.locale ?? asLocale(c.req.query("lang"));
      const outcome = await submitTipOnce(deps, {
        tip: toSubmitInput(parsed.data, "api", locale, upload.attachments),
        once: key === undefined ? undefined : { key, fingerprint, status: 201 },
        receipt: (tip) => receiptJson(deps, tip, locale),
      });
      if (outcome.state === "mismatch") return keyReused(c);
      return c.json(outcome.receipt as object, 201, outcome.state === "replayed" ? { "Idempotent-Replayed": "true" } : {});
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return invalid(c, detailsToFieldErrors(err.details));
      throw err;
    }
  });

  app.post("/api/v1/tips/status", async (c) => {
    const body = await readBody(c);
    if (!body.ok) return body.response;
    const parsed = receiptInput.safeParse(body.data);
    if (!parsed.success) return invalid(c, fieldErrors(parsed.error, body.data));
    const result = await checkStatus(deps, parsed.data);
    if (!result.ok) return refusal(c, result);
    const tip = result.tip;
    const lang = typeof body.data.lang === "string" ? asLocale(body.data.lang) : asLocale(tip.locale);
    return c.json({
      trackingCode: tip.trackingCode,
      status: tip.status,
      text: tip.text,
      sector: tip.sector,
      receivedAt: tip.receivedAt.toISOString(),
      unit: tip.unit,
      history: tip.history.map((e) => ({ kind: e.kind, event: e.event, at: e.at.toISOString(), status: e.status, text: e.text, dueOn: e.dueOn })),
      ...answerJson(tip, lang),
      /** This tip's reward: amount, last day to claim (Asia/Shanghai), state; null when none was decided. */
      reward: tip.reward,
    });
  });

  app.post("/api/v1/tips/objection", async (c) => {
    const body = await readBody(c);
    if (!body.ok) return body.response;
    const parsed = receiptInput.extend({ text: z.string().max(4_000), lang: z.string().max(10).optional() }).safeParse(body.data);
    if (!parsed.success) return invalid(c, fieldErrors(parsed.error, body.data));
    const { trackingCode, secret, text } = parsed.data;
    try {
      const result = await objectToAnswer(deps, { proof: { kind: "receipt", trackingCode, secret }, channel: "api", text });
      if (result.ok)
        return c.json({ ok: true, trackingCode: result.trackingCode, status: "objected", reviewStartDueAt: result.reviewStartDueAt.toISOString() }, 201);
      if (!("trackingCode" in result)) return refusal(c, result);
      const closedOn = "closedOn" in result ? result.closedOn : undefined;
      const message = deps.i18n.t(asLocale(parsed.data.lang ?? "zh-CN"), `tip-objection-refused-${result.reason}`, {
        code: result.trackingCode,
        date: closedOn ?? "",
      });
      return c.json({ error: "objection_refused", reason: result.reason, ...(closedOn ? { closedOn } : {}), message }, 409);
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return invalid(c, detailsToFieldErrors(err.details));
      throw err;
    }
  });

  app.post("/api/v1/tips/reward-claim", async (c) => {
    const body = await readBody(c);
    if (!body.ok) return body.response;
    const parsed = claimRewardInput.omit({ channel: true }).safeParse(body.data);
    if (!parsed.success) return invalid(c, fieldErrors(parsed.error, body.data));
    try {
      const result = await claimReward(deps, { ...parsed.data, channel: "api" });
      if (result.ok) return c.json({ ok: true, trackingCode: result.trackingCode, amountYuan: result.amountYuan, status: "claimed" }, 201);
      if (result.reason === "not_found" || result.reason === "rate_limited") return refusal(c, result);
      if (result.reason === "claim_closed")
        return c.json({ error: "claim_closed", message: `the claim period ended on ${result.claimBy}`, claimBy: result.claimBy }, 409);
      if (result.reason === "already_claimed") return c.json({ error: "already_claimed", message: "this reward was already claimed" }, 409);
      return c.json({ error: "no_reward", message: "no reward was decided for this tip" }, 409);
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return invalid(c, detailsToFieldErrors(err.details));
      throw err;
    }
  });

  app.post("/api/v1/tips/info", async (c) => {
    const body = await readBody(c);
    if (!body.ok) return body.response;
    const parsed = receiptInput.extend({ text: z.string().transform(cleanText).optional() }).safeParse(body.data);
    if (!parsed.success) return invalid(c, fieldErrors(parsed.error, body.data));
    const upload = await sanitizeUploads(deps, body.files);
    if (upload.errors.length) return invalid(c, upload.errors);
    try {
      const result = await addTipInfo(deps, { ...parsed.data, text: parsed.data.text || undefined, channel: "api", attachments: upload.attachments });
      if (!result.ok) return refusal(c, result);
      return c.json({ ok: true, trackingCode: result.trackingCode }, 201);
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return invalid(c, detailsToFieldErrors(err.details));
      throw err;
    }
  });
  return app;
}

/** JSON or multipart (fields as strings, booleans as "true"/"1"/"on"); anything else is 415. */
async function readBody(c: Context): Promise<Parsed> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    try {
      const incoming = nodeJsonBody(c);
      const data = incoming ? JSON.parse(await readAll(incoming)) : await c.req.json();
      if (typeof data !== "object" || data === null || Array.isArray(data))
        return { ok: false, response: c.json({ error: "invalid_input", fields: [{ path: "body", code: "invalid" }] }, 400) };
      return { ok: true, data, files: [] };
    } catch {
      return { ok: false, response: c.json({ error: "invalid_json", message: "the body is not valid JSON" }, 400) };
    }
  }
  if (type.startsWith("multipart/form-data")) {
    const form = await c.req.parseBody({ all: true }).catch(() => null);
    if (!form) return { ok: false, response: c.json({ error: "invalid_input", fields: [{ path: "body", code: "invalid" }] }, 400) };
    const data: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(form)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first !== "string") continue;
      data[name] = ["urgent", "consent", "employee", "publish"].includes(name) ? ["true", "1", "on", "yes"].includes(first.toLowerCase()) : first;
    }
    return { ok: true, data, files: filesOf(form.attachments) };
  }
  return { ok: false, response: c.json({ error: "unsupported_media_type", message: "send application/json or multipart/form-data" }, 415) };
}

/**
 * On Node (@hono/node-server), a JSON request whose Content-Length is within the limit: its IncomingMessage,
 * read directly. Going through c.req.json() would build a WHATWG Request and a web stream over the socket
 * for every tip (measured: about a tenth of a tip's CPU); bodyLimit would do the same to look at the body.
 * Anything else (chunked, too long, multipart, Workers) takes the bodyLimit + c.req path.
 */
function nodeJsonBody(c: Context): IncomingMessage | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function" || incoming.readableEnded || incoming.headers["transfer-encoding"] !== undefined) return null;
  if (!(incoming.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) return null;
  const length = Number(incoming.headers["content-length"] ?? Number.NaN);
  return Number.isInteger(length) && length >= 0 && length <= JSON_LIMIT_BYTES ? incoming : null;
}

/** The whole body as UTF-8 (Node checks it against Content-Length: it cannot run past the limit). */
async function readAll(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function receiptJson(deps: Pick<Deps, "i18n">, tip: SubmittedTip, locale: "zh-CN" | "en") {
  const r = tip.routing;
  return {
    trackingCode: tip.trackingCode,
    secret: tip.secret,
    routing: {
      sector: r.sector,
      unit: { id: r.unit.id, name: localName(r.unit, locale) },
      jurisdiction: { code: r.jurisdiction.code, name: r.jurisdiction.name },
      urgent: r.urgent,
      explanation: locale === "en" ? r.explanation.en : r.explanation.zh,
      /** Units and committees whose liaisons were actually sent a message about this tip. */
      alerted: tip.alerted.map((u) => ({ role: u.role, id: u.id, name: localName(u, locale) })),
    },
    /** For an urgent tip: who was alerted, in words for the reporter (null when not urgent). */
    notice: urgentNotice(deps.i18n, locale, { urgent: r.urgent, alerted: tip.alerted }),
  };
}

function keyReused(c: Context) {
  return c.json({ error: "idempotency_key_reused", message: "this Idempotency-Key was used with a different request body" }, 422);
}

/** The answer, the objection window and the review as structured fields, the answer in `lang` where staff wrote it. */
function answerJson(tip: ReporterTipView, lang: "zh-CN" | "en") {
  const answer = (a: TipAnswer | null) => {
    if (!a) return null;
    const shown = answerIn(a, lang);
    return { ...shown, answeredAt: shown.answeredAt.toISOString(), language: lang === "en" && a.en ? "en" : "zh-CN" };
  };
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const o = tip.objection;
  const r = tip.review;
  return {
    answer: answer(tip.answer),
    objection: o ? { allowedUntil: iso(o.allowedUntil), open: o.open, objectedAt: iso(o.objectedAt), text: o.text } : null,
    review: r ? { startDueAt: iso(r.startDueAt), startedAt: iso(r.startedAt), answer: answer(r.answer) } : null,
  };
}

function invalid(c: Context, fields: FieldError[]) {
  return c.json({ error: "invalid_input", fields }, 400);
}

/** Wrong code and wrong secret are one answer, so the API never says whether a code exists. */
function refusal(c: Context, r: ReceiptRefusal) {
  if (r.reason === "rate_limited") return c.json({ error: "rate_limited" }, 429, { "Retry-After": String(r.retryAfterSeconds ?? 900) });
  return c.json({ error: "not_found" }, 404);
}

async function digest(file: File): Promise<string> {
  return Buffer.from(await globalThis.crypto.subtle.digest("SHA-256", await file.arrayBuffer())).toString("hex");
}
