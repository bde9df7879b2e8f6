import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError, type Deps } from "../../app/deps.js";
import { checkOpen311Key, createKeyLimiter } from "../../app/open311/api-keys.js";
import { findServiceRequests, jurisdictionExists, listServiceRequests, publicRequestId } from "../../app/open311/public-requests.js";
import { open311Attributes, open311Services, type Open311Lang } from "../../app/open311/services.js";
import { submitTipOnce } from "../../app/tips/submit-tip-once.js";
import type { SubmitTipInput } from "../../app/tips/submit-tip.js";
import { commaList, type Open311Format, requestWindow, toOpen311Xml, type XmlValue } from "../../domain/open311.js";
import { isSectorCode } from "../../domain/sectors.js";
import { cleanText, MAX_TIP_TEXT, MIN_TIP_TEXT } from "../../domain/tip-input.js";
import type { AppEnv } from "../app-env.js";

const BASE = "/open311/v2";
const FORMATS: readonly Open311Format[] = ["json", "xml"];
const FORM_LIMIT_BYTES = 64 * 1024;
/** When the service list or the service definitions last changed (discovery's changeset). */
const CHANGESET = "2026-12-05T00:00:00Z";
const SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

/** The response documents' XML roots, per the specification. */
type Root = "discovery" | "services" | "service_definition" | "service_requests" | "errors";

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) at /open311/v2: the format is the path's
 * extension (.json or .xml); errors are the spec's list of {code, description} with the same HTTP
 * status. Reading is public and shows only public fields (src/app/open311/public-requests.ts); POST
 * needs an api_key issued in /admin/open311-keys and is limited per key. Extension (documented in
 * README): `lang=en` for English names, and POST answers also carry `tracking_code` and `secret`.
 */
export function open311Routes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = createKeyLimiter(deps.clock);

  app.use(`${BASE}/*`, async (c, next) => {
    await next();
    c.res.headers.set("Access-Control-Allow-Origin", "*");
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  app.use(
    `${BASE}/*`,
    bodyLimit({ maxSize: FORM_LIMIT_BYTES, onError: (c) => errors(c, formatOf(c.req.path), 413, "the request body is larger than 64 KiB") }),
  );

  for (const fmt of FORMATS) {
    app.get(`${BASE}/discovery.${fmt}`, (c) => {
      const base = (deps.config.PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/$/, "");
      return send(c, fmt, "discovery", 200, {
        changeset: CHANGESET,
        contact: "安全生产委员会办公室 (Work Safety Committee Office) — see /public",
        key_service: "api_keys are issued by the administrators at /admin/open311-keys",
        endpoints: [
          { specification: SPECIFICATION, url: `${base}${BASE}`, changeset: CHANGESET, type: "production", formats: ["text/xml", "application/json"] },
        ],
      });
    });

    app.get(`${BASE}/services.${fmt}`, async (c) => {
      const bad = await badJurisdiction(c, fmt, c.req.query("jurisdiction_id"));
      if (bad) return bad;
      return send(c, fmt, "services", 200, open311Services(langOf(c)) as unknown as XmlValue);
    });

    app.get(`${BASE}/requests.${fmt}`, async (c) => {
      const bad = await badJurisdiction(c, fmt, c.req.query("jurisdiction_id"));
      if (bad) return bad;
      const lang = langOf(c);
      // "If this is specified, all other parameters should be ignored."
      const ids = commaList(c.req.query("service_request_id"));
      if (ids.length) return send(c, fmt, "service_requests", 200, (await findServiceRequests(deps, ids, lang)) as unknown as XmlValue);
      const codes = commaList(c.req.query("service_code"));
      const unknown = codes.find((s) => !isSectorCode(s));
      if (unknown !== undefined) return errors(c, fmt, 400, `service_code ${unknown.slice(0, 40)} is not one of the services`);
      const statuses = commaList(c.req.query("status"));
      const badStatus = statuses.find((s) => s !== "open" && s !== "closed");
      if (badStatus !== undefined) return errors(c, fmt, 400, "status must be open, closed or both (comma-delimited)");
      const window = requestWindow(c.req.query("start_date"), c.req.query("end_date"), deps.clock());
      if (!window.ok) return errors(c, fmt, 400, window.description);
      const list = await listServiceRequests(
        deps,
        {
          start: window.start,
          end: window.end,
          serviceCodes: codes,
          statuses: [...new Set(statuses)] as ("open" | "closed")[],
          jurisdictionCode: c.req.query("jurisdiction_id") || undefined,
        },
        lang,
      );
      return send(c, fmt, "service_requests", 200, list as unknown as XmlValue);
    });

    app.post(`${BASE}/requests.${fmt}`, (c) => postRequest(c, fmt));
  }

  app.get(`${BASE}/services/:file`, async (c) => {
    const file = splitFile(c.req.param("file"));
    if (!file) return errors(c, "json", 404, "use services/{service_code}.json or .xml");
    const bad = await badJurisdiction(c, file.fmt, c.req.query("jurisdiction_id"));
    if (bad) return bad;
    if (!isSectorCode(file.name)) return errors(c, file.fmt, 404, `service_code ${file.name.slice(0, 40)} is not one of the services`);
    return send(c, file.fmt, "service_definition", 200, { service_code: file.name, attributes: open311Attributes(langOf(c)) } as unknown as XmlValue);
  });

  app.get(`${BASE}/requests/:file`, async (c) => {
    const file = splitFile(c.req.param("file"));
    if (!file) return errors(c, "json", 404, "use requests/{service_request_id}.json or .xml");
    const bad = await badJurisdiction(c, file.fmt, c.req.query("jurisdiction_id"));
    if (bad) return bad;
    const found = await findServiceRequests(deps, [file.name], langOf(c));
    if (!found.length) return errors(c, file.fmt, 404, "no service request has this service_request_id");
    return send(c, file.fmt, "service_requests", 200, found as unknown as XmlValue);
  });

  app.all(`${BASE}/*`, (c) =>
    errors(c, formatOf(c.req.path), c.req.method === "GET" || c.req.method === "POST" ? 404 : 405, "no such Open311 resource or method"),
  );

  async function badJurisdiction(c: Context, fmt: Open311Format, id: string | undefined): Promise<Response | null> {
    if (id === undefined || id === "") return null;
    if (await jurisdictionExists(deps, id)) return null;
    return errors(c, fmt, 404, "jurisdiction_id is not a jurisdiction served here (a 6- or 9-digit administrative division code)");
  }

  async function postRequest(c: Context, fmt: Open311Format): Promise<Response> {
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data"))
      return errors(c, fmt, 400, "send the parameters as application/x-www-form-urlencoded (or multipart/form-data)");
    const body = await c.req.parseBody().catch(() => null);
    if (!body) return errors(c, fmt, 400, "the body could not be read as a form");
    const field = (k: string) => (typeof body[k] === "string" ? cleanText(body[k] as string) : "");

    const key = await checkOpen311Key(deps, field("api_key"));
    if (!key) return errors(c, fmt, 403, "api_key is missing, unknown or revoked");

    const problems: string[] = [];
    const serviceCode = field("service_code");
    if (!serviceCode) problems.push("service_code is required");
    else if (!isSectorCode(serviceCode)) problems.push(`service_code ${serviceCode.slice(0, 40)} is not one of the services`);
    const lat = field("lat");
    const long = field("long");
    const address = field("address_string");
    let location: { lat: number; lon: number } | undefined;
    if (lat || long) {
      const la = Number(lat);
      const lo = Number(long);
      if (!lat || !long || !Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180)
        problems.push("lat and long must both be given, as WGS84 decimal degrees");
      else location = { lat: la, lon: lo };
    }
    if (!location && !address)
      problems.push(
        field("address_id")
          ? "address_id is not supported here; send lat and long or address_string"
          : "a location is required: lat and long, or address_string",
      );
    if (address.length > 200) problems.push("address_string is longer than 200 characters");
    const jurisdictionId = field("jurisdiction_id");
    if (jurisdictionId && !(await jurisdictionExists(deps, jurisdictionId))) problems.push("jurisdiction_id is not a jurisdiction served here");
    const flags: Record<string, boolean> = {};
    for (const name of ["urgent", "consent", "publish"]) {
      const v = field(`attribute[${name}]`).toLowerCase();
      if (["true", "1", "yes"].includes(v)) flags[name] = true;
      else if (["", "false", "0", "no"].includes(v)) flags[name] = false;
      else problems.push(`attribute[${name}] must be true or false`);
    }
    const enterprise = field("attribute[enterprise]");
    if (enterprise.length > 200) problems.push("attribute[enterprise] is longer than 200 characters");
    const contact = [field("email"), field("phone")].filter(Boolean).join(" / ");
    if (contact.length > 100) problems.push("email and phone together are longer than 100 characters");
    const name = [field("first_name"), field("last_name")].filter(Boolean).join(" ");
    if (name.length > 100) problems.push("first_name and last_name together are longer than 100 characters");
    if (!field("description")) problems.push("description is required: what is wrong, where, since when");
    if (problems.length) return errors(c, fmt, 400, problems);

    // Counted only for a tip about to be stored: refused input costs nothing.
    const admission = limiter.admit(key.id, key.perHour);
    if (!admission.ok)
      return errors(c, fmt, 429, "this api_key has used its requests for the hour; nothing was stored", { "Retry-After": String(admission.retryAfterSeconds) });

    const lang = langOf(c);
    const tip: SubmitTipInput = {
      channel: "api",
      locale: lang,
      text: field("description"),
      sector: serviceCode as SubmitTipInput["sector"],
      place: address || undefined,
      location,
      jurisdictionCode: jurisdictionId || undefined,
      enterprise: enterprise || undefined,
      urgent: flags.urgent,
      publish: flags.publish,
      reporter: { ...(contact ? { contact, consent: flags.consent } : { consent: false }), ...(name ? { name } : {}) },
    };
    try {
      const outcome = await submitTipOnce(deps, { tip, receipt: (t) => t });
      if (outcome.state === "mismatch") return errors(c, fmt, 409, "conflict");
      const stored = outcome.receipt;
      return send(c, fmt, "service_requests", 201, [
        {
          service_request_id: publicRequestId(deps, { id: stored.tipId, trackingCode: stored.trackingCode, publishConsent: Boolean(flags.publish) }),
          service_notice: lang === "en" ? stored.routing.explanation.en : stored.routing.explanation.zh,
          account_id: null,
          tracking_code: stored.trackingCode,
          secret: stored.secret,
        },
      ]);
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return errors(c, fmt, 400, describeInvalid(err));
      throw err;
    }
  }

  return app;
}

function langOf(c: Context): Open311Lang {
  return c.req.query("lang") === "en" ? "en" : "zh-CN";
}

function formatOf(path: string): Open311Format {
  return path.endsWith(".xml") ? "xml" : "json";
}

/** "fire_safety.json" → { name, fmt }; null without a known extension. */
function splitFile(file: string): { name: string; fmt: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1]!, fmt: m[2] as Open311Format } : null;
}

function send(
  c: Context,
  fmt: Open311Format,
  root: Root,
  status: 200 | 201 | 400 | 403 | 404 | 405 | 409 | 413 | 429,
  body: XmlValue,
  headers: Record<string, string> = {},
) {
  if (fmt === "xml") return c.body(toOpen311Xml(root, body), status, { "Content-Type": "text/xml; charset=utf-8", ...headers });
  return c.body(JSON.stringify(body), status, { "Content-Type": "application/json; charset=utf-8", ...headers });
}

function errors(
  c: Context,
  fmt: Open311Format,
  status: 400 | 403 | 404 | 405 | 409 | 413 | 429,
  description: string | string[],
  headers: Record<string, string> = {},
) {
  const list = (Array.isArray(description) ? description : [description]).map((d) => ({ code: status, description: d }));
  return send(c, fmt, "errors", status, list, headers);
}

const FIELD_NAMES: Record<string, string> = {
  text: "description",
  place: "address_string",
  enterprise: "attribute[enterprise]",
  "reporter.contact": "email/phone",
  "reporter.name": "first_name/last_name",
};

function describeInvalid(err: AppError): string[] {
  const details = err.details as { path?: string; code?: string }[] | undefined;
  if (!Array.isArray(details) || !details.length) return [err.message];
  return details.map((d) => {
    const field = FIELD_NAMES[d.path ?? ""] ?? d.path ?? "input";
    if (d.path === "text") return `description must be between ${MIN_TIP_TEXT} and ${MAX_TIP_TEXT} characters of readable text`;
    return `${field} is not valid (${d.code ?? "invalid"})`;
  });
}
