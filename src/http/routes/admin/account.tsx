import { Hono, type Context } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { changeOwnPassword } from "../../../app/staff/change-own-password.js";
import { confirmTotpEnrolment } from "../../../app/staff/confirm-totp-enrolment.js";
import { checkPasswordReset, redeemPasswordReset } from "../../../app/staff/redeem-password-reset.js";
import { startTotpEnrolment, type PendingTotp } from "../../../app/staff/start-totp-enrolment.js";
import { AccountPage } from "../../views/admin/account.js";
import { PasswordResetPage } from "../../views/admin/password-reset.js";
import { cookieOptions, LOGIN_CSRF_COOKIE, requireCsrfToken, requireSession, timingSafeEqualText, type AdminEnv } from "./context.js";

/** One's own account (every role), and the page behind a one-time password-reset link (no session). */
export function accountRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/account", requireSession);
  r.use("/account/*", requireSession);

  const page = (c: Context<AdminEnv>, extra: { done?: string; error?: string; pending?: PendingTotp } = {}) => {
    const s = c.get("session")!;
    return c.html(<AccountPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} {...extra} />, extra.error ? 400 : 200);
  };
  const field = async (c: Context<AdminEnv>, k: string) => {
    const b = await c.req.parseBody();
    return typeof b[k] === "string" ? (b[k] as string) : "";
  };
  const reason = (err: unknown): string => {
    if (!(err instanceof AppError) || err.code !== "invalid_input") throw err;
    const path = (err.details as { path: string; code: string }[] | undefined)?.[0];
    if (path?.path === "current") return "current";
    if (path?.path === "password") return "weak";
    return path?.code === "expired" ? "expired" : "code";
  };

  r.get("/account", (c) => page(c, { done: c.req.query("done") === "password" ? "password" : c.req.query("done") === "totp" ? "totp" : undefined }));
  r.post("/account/password", requireCsrfToken, async (c) => {
    const s = c.get("session")!;
    try {
      await changeOwnPassword(deps, s.actor, { current: await field(c, "current"), password: await field(c, "password"), keepSessionHash: s.idHash });
    } catch (err) {
      return page(c, { error: reason(err) });
    }
    return c.redirect("/admin/account?done=password", 303);
  });
  r.post("/account/totp", requireCsrfToken, (c) => page(c, { pending: startTotpEnrolment(deps, c.get("session")!.actor) }));
  r.post("/account/totp/confirm", requireCsrfToken, async (c) => {
    try {
      await confirmTotpEnrolment(deps, c.get("session")!.actor, { sealed: await field(c, "sealed"), code: await field(c, "code") });
    } catch (err) {
      return page(c, { error: reason(err) });
    }
    return c.redirect("/admin/account?done=totp", 303);
  });

  // The reset page has no session: its form carries a double-submit token like the login form.
  const resetPage = async (c: Context<AdminEnv>, status: 200 | 400 | 403 | 404, extra: { error?: string; done?: boolean } = {}) => {
    const token = c.req.param("token") ?? "";
    const check = extra.done ? undefined : await checkPasswordReset(deps, token);
    const csrf = deps.crypto.randomToken(18);
    setCookie(c, LOGIN_CSRF_COOKIE, csrf, cookieOptions(deps, 3600));
    c.header("Referrer-Policy", "no-referrer");
    return c.html(
      <PasswordResetPage
        t={c.get("t")}
        locale={c.get("locale")}
        csrf={csrf}
        action={`/admin/password-reset/${token}`}
        username={check?.ok ? check.username : undefined}
        {...extra}
      />,
      check && !check.ok && status === 200 ? 404 : status,
    );
  };
  r.get("/password-reset/:token", (c) => resetPage(c, 200));
  r.post("/password-reset/:token", async (c) => {
    if (!timingSafeEqualText(await field(c, "_csrf"), getCookie(c, LOGIN_CSRF_COOKIE) ?? "")) return resetPage(c, 403);
    try {
      const result = await redeemPasswordReset(deps, { token: c.req.param("token"), password: await field(c, "password") });
      if (!result.ok) return resetPage(c, 404);
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return resetPage(c, 400, { error: "weak" });
      throw err;
    }
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: "/" });
    return resetPage(c, 200, { done: true });
  });
  return r;
}
