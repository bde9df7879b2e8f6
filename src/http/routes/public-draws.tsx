import { Hono } from "hono";
import { AppError, type Deps } from "../../app/deps.js";
import { getPublicDraw, listDraws } from "../../app/enforcement/draws.js";
import type { AppEnv } from "../app-env.js";
import { pageHeaders, pageLocale, translator } from "../page-support.js";
import { MessagePage } from "../views/layout.js";
import { DrawPage, DrawsPage } from "../views/public-draws.js";

/**
 * GET /public/draws and /public/draws/:id (server-rendered, both locales) and GET /api/v1/draws/:id (JSON):
 * every 双随机 draw with its unit, day, seed, candidate list and digest, and result, so anyone can re-run it.
 */
export function publicDrawRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/public/draws", pageHeaders, async (c) => {
    const locale = pageLocale(c);
    return c.html(<DrawsPage t={translator(deps, locale)} locale={locale} draws={await listDraws(deps, { limit: 100 })} />);
  });
  app.get("/public/draws/:id{[0-9]+}", pageHeaders, async (c) => {
    const locale = pageLocale(c);
    const t = translator(deps, locale);
    try {
      return c.html(<DrawPage t={t} locale={locale} draw={await getPublicDraw(deps, c.req.param("id"))} />);
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found")
        return c.html(<MessagePage t={t} locale={locale} title={t("public-draws-title")} message={t("public-draw-not-found")} />, 404);
      throw err;
    }
  });
  app.get("/api/v1/draws/:id{[0-9]+}", async (c) => {
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    return c.json(await getPublicDraw(deps, c.req.param("id")));
  });
  return app;
}
