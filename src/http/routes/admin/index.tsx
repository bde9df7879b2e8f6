import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { ADMIN_CSS, PRINT_CSS } from "../../views/admin/styles.js";
import { ErrorPage } from "../../views/admin/error.js";
import { adminContext, refuseNul, staffPageGuards, type AdminEnv } from "./context.js";
import { accountRoutes } from "./account.js";
import { auditRoutes } from "./audit.js";
import { authRoutes } from "./auth.js";
import { campaignRoutes } from "./campaigns.js";
import { figuresRoutes } from "./figures.js";
import { staffRoutes } from "./staff.js";
import { tipRoutes } from "./tips.js";
import { intakeRoutes } from "./intake.js";
import { enterpriseRoutes, MAX_CSV_BYTES } from "./enterprises.js";
import { planRoutes } from "./plans.js";
import { inspectorRoutes } from "./inspectors.js";
import { ruleRoutes } from "./rules.js";
import { open311KeyRoutes } from "./open311-keys.js";
import { exposureRoutes, MAX_BLACKLIST_CSV_BYTES } from "./exposure.js";
import { MAX_UNIT_CSV_BYTES, unitRoutes } from "./units.js";
import { INSPECTION_FILE_LIMIT_BYTES, INSPECTION_FILE_PATH, inspectionRoutes } from "./inspections.js";

const STATUS = { not_found: 404, forbidden: 403, invalid_input: 400, conflict: 409, rate_limited: 429, unavailable: 503, too_large: 413 } as const;
const SHOWN_CODES = new Set(["not_found", "forbidden", "invalid_input", "conflict", "too_large"]);

/** Staff forms are small; only the enterprise and unit CSV imports carry a file. */
const FORM_LIMIT_BYTES = 256 * 1024;
const IMPORT_LIMIT_BYTES = MAX_CSV_BYTES + 64 * 1024;
const UNIT_IMPORT_LIMIT_BYTES = MAX_UNIT_CSV_BYTES + 64 * 1024;

/**
 * The staff web route, mounted at /admin. Its protections live here and apply to /admin only (hono/csrf
 * applied globally would reject Twilio's form-encoded webhooks): a strict CSP with no script at all,
 * an Origin check on every POST, and a per-session token on every signed-in form.
 */
export function adminRoutes(deps: Deps): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();
  const errorPage = (c: Context<AdminEnv>, code: keyof typeof STATUS) => {
    const s = c.get("session");
    const t = c.get("t") ?? ((k: string) => deps.i18n.t("zh-CN", k));
    return c.html(
      <ErrorPage t={t} locale={c.get("locale") ?? "zh-CN"} actor={s?.actor} csrf={s?.csrfToken} code={SHOWN_CODES.has(code) ? code : "invalid_input"} />,
      STATUS[code],
    );
  };
  admin.use("*", ...staffPageGuards(deps));
  admin.get("/static/admin.css", (c) => c.body(ADMIN_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }));
  admin.get("/static/print.css", (c) => c.body(PRINT_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }));
  admin.use("*", adminContext(deps));
  // Before any route reads a body, signed in or not: a larger body is refused without being buffered.
  admin.use("*", (c, next) =>
    bodyLimit({
      maxSize:
        c.req.path === "/admin/enterprises/import"
          ? IMPORT_LIMIT_BYTES
          : c.req.path === "/admin/units/import"
            ? UNIT_IMPORT_LIMIT_BYTES
            : INSPECTION_FILE_PATH.test(c.req.path)
              ? INSPECTION_FILE_LIMIT_BYTES
              : c.req.path === "/admin/blacklist/import"
                ? MAX_BLACKLIST_CSV_BYTES + 64 * 1024
                : FORM_LIMIT_BYTES,
      onError: (c) => errorPage(c, "too_large"),
    })(c, next),
  );
  admin.use("*", refuseNul);
  admin.route("/", authRoutes(deps));
  admin.route("/", auditRoutes(deps));
  admin.route("/", staffRoutes(deps));
  admin.route("/", accountRoutes(deps));
  admin.route("/", campaignRoutes(deps));
  admin.route("/", figuresRoutes(deps));
  admin.route("/", unitRoutes(deps));
  admin.route("/", enterpriseRoutes(deps));
  admin.route("/", exposureRoutes(deps));
  admin.route("/", ruleRoutes(deps));
  admin.route("/", planRoutes(deps));
  admin.route("/", inspectorRoutes(deps));
  admin.route("/", intakeRoutes(deps));
  admin.route("/", open311KeyRoutes(deps));
  admin.route("/", tipRoutes(deps));
  admin.route("/", inspectionRoutes(deps));

  admin.notFound((c) => errorPage(c, "not_found"));
  admin.onError((err, c) => {
    if (err instanceof AppError) return errorPage(c, err.code);
    throw err;
  });
  return admin;
}
