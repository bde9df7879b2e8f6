import { Hono, type Context } from "hono";
import type { Deps } from "../../../app/deps.js";
import { AppError } from "../../../app/deps.js";
import { issueOpen311Key, listOpen311Keys, revokeOpen311Key } from "../../../app/open311/api-keys.js";
import { Open311KeysPage } from "../../views/admin/open311-keys.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

/** /admin/open311-keys: api_keys for Open311 clients (admins only; issuing and revoking are audited). */
export function open311KeyRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("/open311-keys", requireSession);
  r.use("/open311-keys/*", requireSession);

  const page = async (c: Context<AdminEnv>, extra: { issued?: { label: string; key: string }; error?: string } = {}) => {
    const s = c.get("session")!;
    const keys = await listOpen311Keys(deps, s.actor);
    return c.html(
      <Open311KeysPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={s.actor}
        csrf={s.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        keys={keys}
        issued={extra.issued}
        done={c.req.query("done") ? "1" : undefined}
        error={extra.error ?? (c.req.query("error") === "invalid_input" ? "invalid_input" : undefined)}
      />,
      extra.error ? 400 : 200,
      // The page may hold a key shown once: never cached.
      { "Cache-Control": "no-store" },
    );
  };
  const field = async (c: Context<AdminEnv>, k: string) => {
    const b = await c.req.parseBody();
    return typeof b[k] === "string" ? (b[k] as string) : "";
  };

  r.get("/open311-keys", (c) => page(c));
  // The key is shown in this answer only (no redirect: it must not travel in a URL or be shown again).
  r.post("/open311-keys", requireCsrfToken, async (c) => {
    const label = await field(c, "label");
    const perHour = (await field(c, "perHour")) || "60";
    try {
      const { key } = await issueOpen311Key(deps, c.get("session")!.actor, { label, perHour });
      return page(c, { issued: { label: label.trim(), key } });
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return page(c, { error: "invalid_input" });
      throw err;
    }
  });
  r.post("/open311-keys/:id/revoke", requireCsrfToken, async (c) => {
    try {
      await revokeOpen311Key(deps, c.get("session")!.actor, { keyId: c.req.param("id"), reason: await field(c, "reason") });
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return c.redirect("/admin/open311-keys?error=invalid_input", 303);
      throw err;
    }
    return c.redirect("/admin/open311-keys?done=1", 303);
  });
  return r;
}
