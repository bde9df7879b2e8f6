import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { requireManager } from "../../../app/manage/manage-scope.js";
import { createStaff } from "../../../app/staff/create-staff.js";
import { issuePasswordReset } from "../../../app/staff/issue-password-reset.js";
import { listStaff } from "../../../app/staff/list-staff.js";
import { resetTotp } from "../../../app/staff/reset-totp.js";
import { setStaffDisabled } from "../../../app/staff/set-staff-disabled.js";
import { StaffPage, type StaffFlash } from "../../views/admin/staff.js";
import { expectedOrigin, requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

const ACTIONS = ["disable", "enable", "reset-password", "reset-totp"] as const;

/**
 * Staff accounts: admins manage every account, committee staff those inside their subtree (never an
 * admin). Other roles get a 404, as for any page outside their scope. The CLI's staff:* commands call
 * the same verbs.
 */
export function staffRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  const managersOnly = async (c: Context<AdminEnv>, next: () => Promise<void>) => {
    const role = c.get("session")!.actor.role;
    if (role !== "admin" && role !== "committee") throw new AppError("not_found");
    await next();
  };
  r.use("/staff", requireSession, managersOnly);
  r.use("/staff/*", requireSession, managersOnly);

  const render = async (c: Context<AdminEnv>, flash: StaffFlash = {}) => {
    const s = c.get("session")!;
    const accounts = await listStaff(deps, s.actor);
    return c.html(
      <StaffPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        accounts={accounts}
        {...flash}
      />,
      flash.error ? (flash.error === "forbidden" ? 403 : 400) : 200,
    );
  };
  const refusal = (err: unknown): string => {
    if (!(err instanceof AppError) || !["invalid_input", "conflict", "forbidden"].includes(err.code)) throw err;
    return err.message.startsWith("weak password") ? "weak" : err.code;
  };

  r.get("/staff", (c) => render(c, { done: ACTIONS.find((a) => a === c.req.query("done")) }));
  r.post("/staff", requireCsrfToken, async (c) => {
    const b = await c.req.parseBody();
    const s = (k: string) => (typeof b[k] === "string" && b[k] !== "" ? (b[k] as string) : undefined);
    try {
      const created = await createStaff(
        deps,
        {
          username: s("username") ?? "",
          displayName: s("displayName"),
          password: s("password") ?? "",
          role: (s("role") ?? "viewer") as "viewer",
          jurisdictionCode: s("jurisdictionCode"),
          unit: s("unit"),
        },
        c.get("session")!.actor,
      );
      return render(c, { created: created.username });
    } catch (err) {
      return render(c, { error: refusal(err) });
    }
  });

  r.post("/staff/:id{[0-9]+}/:action{disable|enable|reset-password|reset-totp}", requireCsrfToken, async (c) => {
    const actor = c.get("session")!.actor;
    requireManager(actor);
    const account = c.req.param("id");
    const action = c.req.param("action") as (typeof ACTIONS)[number];
    try {
      if (action === "reset-password") {
        // Rendered in this response only (no redirect): reloading the list never shows the link again.
        const issued = await issuePasswordReset(deps, actor, { account });
        return render(c, { reset: { username: issued.username, link: `${expectedOrigin(deps, c)}${issued.path}`, expiresAt: issued.expiresAt } });
      }
      if (action === "reset-totp") await resetTotp(deps, actor, { account });
      else await setStaffDisabled(deps, actor, { account, disabled: action === "disable" });
    } catch (err) {
      return render(c, { error: refusal(err) });
    }
    return c.redirect(`/admin/staff?done=${action}`, 303);
  });
  return r;
}
