import { Hono } from "hono";
import type { Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { actorLabel } from "../../../app/staff/actor.js";
import { createStaff } from "../../../app/staff/create-staff.js";
import { StaffPage } from "../../views/admin/staff.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

/** Account creation for the admin role (the CLI `admin:create` does the same through the same verb). */
export function staffRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/staff", requireSession, async (c, next) => {
    if (c.get("session")!.actor.role !== "admin") throw new AppError("not_found");
    await next();
  });
  const render = (c: Context<AdminEnv>, msg?: { ok?: string; error?: string }) => {
    const s = c.get("session")!;
    return c.html(
      <StaffPage t={c.get("t")} locale={c.get("locale")} actor={s.actor} csrf={s.csrfToken} created={msg?.ok} error={msg?.error} />,
      msg?.error ? 400 : 200,
    );
  };
  r.get("/staff", (c) => render(c));
  r.post("/staff", requireCsrfToken, async (c) => {
    const b = await c.req.parseBody();
    const s = (k: string) => (typeof b[k] === "string" && b[k] !== "" ? (b[k] as string) : undefined);
    try {
      const created = await createStaff(deps, {
        username: s("username") ?? "",
        displayName: s("displayName"),
        password: s("password") ?? "",
        role: (s("role") ?? "viewer") as "viewer",
        jurisdictionCode: s("jurisdictionCode"),
        unit: s("unit"),
        createdBy: actorLabel(c.get("session")!.actor),
      });
      return render(c, { ok: created.username });
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== "invalid_input" && err.code !== "conflict")) throw err;
      return render(c, { error: err.message.startsWith("weak password") ? "weak" : err.code });
    }
  });
  return r;
}
