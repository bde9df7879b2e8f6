import { Hono, type Context, type MiddlewareHandler } from "hono";
import { setCookie } from "hono/cookie";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../../app/deps.js";
import { AppError } from "../../app/deps.js";
import { MAX_OBLIGATION_DOCUMENT_BYTES } from "../../app/campaigns/attach-obligation-document.js";
import { completeDeskDuty } from "../../app/desk/complete-desk-duty.js";
import { fileDeskFigures } from "../../app/desk/file-desk-figures.js";
import { listDeskDuties } from "../../app/desk/list-desk-duties.js";
import { prepareDeskFigures } from "../../app/desk/prepare-desk-figures.js";
import { METRICS } from "../../domain/figures.js";
import { redeemDeskLink } from "../../app/desk/redeem-desk-link.js";
import { SESSION_TTL_MS } from "../../app/staff/sessions.js";
import { DeskLinkPage } from "../views/desk/link.js";
import { adminContext, cookieOptions, refuseNul, requireCsrfToken, sessionCookieName, staffPageGuards, type AdminEnv } from "./admin/context.js";
import { authRoutes } from "./admin/auth.js";
import { DESK_CSS } from "../views/desk/styles.js";
import { DeskErrorPage, DeskLoginPage, NotUnitPage } from "../views/desk/layout.js";
import { DutiesPage } from "../views/desk/duties.js";
import { DeskFiguresPage, FiledPage } from "../views/desk/figures.js";
import { DeskInspectionPage } from "../views/desk/inspection.js";
import type { InspectionFormValues } from "../views/inspection-form.js";
import { inspectionFromBody } from "../inspection-body.js";
import { inspectionFormOptions, searchEnterprisesForRecord } from "../../app/inspections/list-inspections.js";
import { inspectionProblems, recordInspection } from "../../app/inspections/record-inspection.js";
import { shanghaiDate } from "../../domain/deadlines.js";

const STATUS = { not_found: 404, forbidden: 403, invalid_input: 400, conflict: 409, rate_limited: 429, unavailable: 503, too_large: 413 } as const;
const SHOWN_CODES = new Set(["not_found", "forbidden", "invalid_input", "conflict", "too_large"]);
const FORM_LIMIT_BYTES = 64 * 1024;
/** A duty's document: the bot's limit (what Telegram lets a bot download) plus the form around it. */
const DOCUMENT_LIMIT_BYTES = MAX_OBLIGATION_DOCUMENT_BYTES + 64 * 1024;
const DONE_PATH = /^\/desk\/duties\/\d+\/done$/;

/**
 * The unit desk, mounted at /desk: a unit's staff work without Telegram (blocked in mainland China).
 * Same accounts, sessions, login throttle, TOTP, CSRF, headers and NUL guard as /admin (shared from
 * admin/context.ts and admin/auth.tsx); every decision is a src/app/desk verb, the same ones the bot's
 * /duties and /figures reach.
 */
export function deskRoutes(deps: Deps): Hono<AdminEnv> {
  const desk = new Hono<AdminEnv>();
  const errorPage = (c: Context<AdminEnv>, code: keyof typeof STATUS) => {
    const s = c.get("session");
    const t = c.get("t") ?? ((k: string) => deps.i18n.t("zh-CN", k));
    return c.html(
      <DeskErrorPage t={t} locale={c.get("locale") ?? "zh-CN"} actor={s?.actor} csrf={s?.csrfToken} code={SHOWN_CODES.has(code) ? code : "invalid_input"} />,
      STATUS[code],
    );
  };
  desk.use("*", ...staffPageGuards(deps));
  desk.get("/static/desk.css", (c) => c.body(DESK_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }));
  desk.use("*", adminContext(deps));
  desk.use("*", (c, next) =>
    bodyLimit({
      maxSize: DONE_PATH.test(c.req.path) ? DOCUMENT_LIMIT_BYTES : FORM_LIMIT_BYTES,
      onError: (c) => errorPage(c, "too_large"),
    })(c, next),
  );
  desk.use("*", refuseNul);
  desk.route("/", authRoutes(deps, "/desk", DeskLoginPage));

  // One-time sign-in links sent to phone liaisons by SMS (src/app/desk/redeem-desk-link.ts). The Origin
  // check of staffPageGuards covers the POST; the token itself is the credential.
  desk.get("/in/:token{[A-Za-z0-9_-]{1,64}}", (c) => c.html(<DeskLinkPage t={c.get("t")} locale={c.get("locale")} token={c.req.param("token")} />));
  desk.post("/in/:token{[A-Za-z0-9_-]{1,64}}", async (c) => {
    const token = c.req.param("token");
    const result = await redeemDeskLink(deps, token);
    if (!result.ok) return c.html(<DeskLinkPage t={c.get("t")} locale={c.get("locale")} token={token} failed={result.reason} />, 410);
    setCookie(c, sessionCookieName(deps), result.session.id, cookieOptions(deps, Math.floor(SESSION_TTL_MS / 1000)));
    return c.redirect("/desk", 303);
  });

  /** Signed in as unit staff; anyone else signed in is told what the desk is for. */
  const unitStaff: MiddlewareHandler<AdminEnv> = async (c, next) => {
    const s = c.get("session");
    if (!s) return c.redirect("/desk/login", 303);
    if (s.actor.role !== "unit" || s.actor.unitId === null)
      return c.html(<NotUnitPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} />, 403);
    await next();
  };
  const page = (c: Context<AdminEnv>) => ({ t: c.get("t"), locale: c.get("locale"), actor: c.get("session")!.actor, csrf: c.get("session")!.csrfToken });

  desk.get("/", unitStaff, async (c) => {
    const duties = await listDeskDuties(deps, { actor: c.get("session")!.actor });
    const done = c.req.query("done");
    return c.html(<DutiesPage {...page(c)} duties={duties} done={done && DONE_FLASHES.has(done) ? done : undefined} />);
  });

  desk.post("/duties/:id{[0-9]+}/done", unitStaff, requireCsrfToken, async (c) => {
    const body = await c.req.parseBody();
    const file = body.document instanceof File && body.document.size > 0 ? body.document : undefined;
    const document = file
      ? { fileName: file.name.slice(0, 255) || undefined, mimeType: file.type.slice(0, 100) || undefined, body: new Uint8Array(await file.arrayBuffer()) }
      : undefined;
    const result = await completeDeskDuty(deps, c.get("session")!.actor, { obligationId: Number(c.req.param("id")), document });
    return c.redirect(`/desk?done=${result.ok ? (result.late ? "late" : "ok") : result.reason}`, 303);
  });

  desk.get("/figures/:id{[0-9]+}", unitStaff, async (c) => {
    const form = await prepareDeskFigures(deps, c.get("session")!.actor, { obligationId: Number(c.req.param("id")) });
    return c.html(<DeskFiguresPage {...page(c)} form={form} />);
  });

  desk.post("/figures/:id{[0-9]+}", unitStaff, requireCsrfToken, async (c) => {
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
    const texts = Object.fromEntries(METRICS.map((m) => [m.code, field(`m_${m.code}`)]));
    const outcome = await fileDeskFigures(deps, c.get("session")!.actor, {
      obligationId: Number(c.req.param("id")),
      texts,
      reviewed: field("action") === "submit" ? field("reviewed") || undefined : undefined,
      confirmed: field("confirm") === "1",
      reason: field("reason") || undefined,
    });
    if (outcome.kind === "filed") return c.html(<FiledPage {...page(c)} form={outcome.form} version={outcome.version} late={outcome.late} />);
    return c.html(<DeskFiguresPage {...page(c)} form={outcome.form} outcome={outcome} reason={field("reason")} />, outcome.kind === "invalid" ? 400 : 200);
  });

  // Quick entry of an inspection record (same verb and rules as /admin/inspections).
  const inspectionForm = async (
    c: Context<AdminEnv>,
    values: InspectionFormValues,
    extra: { q?: string; problems?: ReturnType<typeof inspectionProblems> },
  ) => {
    const actor = c.get("session")!.actor;
    const options = await inspectionFormOptions(deps, actor, {
      enterpriseId: /^\d{1,9}$/.test(values.enterpriseId ?? "") ? Number(values.enterpriseId) : undefined,
    });
    return {
      action: "/desk/inspections",
      searchAction: "/desk/inspections/new",
      q: extra.q,
      found: extra.q ? await searchEnterprisesForRecord(deps, actor, extra.q) : [],
      units: options.units,
      roster: options.roster,
      openDue: options.openDue,
      values: {
        ...values,
        unitId: String(actor.unitId),
        enterpriseId: options.enterprise ? values.enterpriseId : undefined,
        enterpriseName: options.enterprise?.name,
      },
      problems: extra.problems ?? undefined,
    };
  };
  desk.get("/inspections/new", unitStaff, async (c) => {
    const q = c.req.query("q")?.slice(0, 100) || undefined;
    const form = await inspectionForm(c, { inspectedOn: shanghaiDate(deps.clock()) }, { q });
    return c.html(<DeskInspectionPage {...page(c)} form={form} />);
  });
  desk.post("/inspections", unitStaff, requireCsrfToken, async (c) => {
    const { values, input } = inspectionFromBody(await c.req.parseBody({ all: true }));
    try {
      await recordInspection(deps, c.get("session")!.actor, input);
      return c.redirect("/desk?done=recorded", 303);
    } catch (err) {
      const problems = inspectionProblems(err);
      if (!problems) throw err;
      return c.html(<DeskInspectionPage {...page(c)} form={await inspectionForm(c, values, { problems })} />, 400);
    }
  });

  desk.notFound((c) => errorPage(c, "not_found"));
  desk.onError((err, c) => {
    if (err instanceof AppError) return errorPage(c, err.code);
    throw err;
  });
  return desk;
}

const DONE_FLASHES = new Set(["ok", "late", "already_done", "not_completable", "rejected", "recorded"]);
