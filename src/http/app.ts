import { Hono, type MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Bot } from "grammy";
import type { Deps } from "../app/deps.js";
import { AppError } from "../app/deps.js";
import { isDatabaseUnavailable } from "../db/errors.js";
import { healthRoutes } from "./routes/health.js";
import { telegramRoutes } from "./routes/telegram.js";
import { publicWebRoutes } from "./routes/public-web.js";
import { createIntakeLimiter } from "./intake-limit.js";
import { apiRoutes } from "./routes/api.js";
import { smsRoutes } from "./routes/sms.js";
import { adminRoutes } from "./routes/admin/index.js";
import { urlHasNul } from "./nul-guard.js";
import type { BotContext } from "../../bot/context.js";

export interface AppOptions {
  deps: Deps;
  bot?: Bot<BotContext>;
}

export type AppEnv = { Variables: { requestId: string } };

const STATUS: Record<AppError["code"], 400 | 403 | 404 | 409 | 429 | 503> = {
  invalid_input: 400, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, unavailable: 503,
};

/** The whole HTTP surface, the same for Node and Workers. Each route group lives in routes/. */
export function createApp({ deps, bot }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("requestId", deps.crypto.randomToken(6));
    await next();
    baselineHeaders(c.res.headers);
    if (c.res.status === 413) c.res.headers.set("Connection", "close");
  });
  const refuseNulUrl: MiddlewareHandler = async (c, next) => {
    if (urlHasNul(c)) return c.json({ error: "invalid_input", message: "NUL (U+0000) is not allowed in a request" }, 400);
    await next();
  };
  app.use("/api/*", refuseNulUrl);
  app.use("/sms/*", refuseNulUrl);
  app.route("/", healthRoutes(deps));
  const intake = createIntakeLimiter(deps);
  app.route("/", publicWebRoutes(deps, intake));
  app.route("/", apiRoutes(deps, intake));
  if (bot) app.route("/", telegramRoutes(deps, bot));
  app.route("/", smsRoutes(deps));
  app.route("/admin", adminRoutes(deps));

  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    if (err instanceof AppError) return c.json({ error: err.code, message: err.message }, STATUS[err.code]);
    const requestId = c.get("requestId");
    if (isDatabaseUnavailable(err)) {
      deps.logger.warn("database unavailable", { requestId, path: c.req.path });
      return c.json({ error: "unavailable", requestId }, 503, { "Retry-After": "30" });
    }
    deps.logger.error("request failed", { requestId, path: c.req.path, error: err.name });
    return c.json({ error: "internal", requestId }, 500);
  });
  return app;
}

/**
 * Every response, whatever route or error produced it. Headers are set on c.res after next(), never
 * with c.header() there: on @hono/node-server 1.19 that re-creates the response and drops what
 * secureHeaders added. A route's own stricter headers win (only missing ones are filled in).
 * A 413 closes the connection: the unread rest of the body would otherwise make the Node server drop
 * the socket after answering "keep-alive", failing the client's next request on it.
 */
function baselineHeaders(headers: Headers): void {
  const defaults: Record<string, string> = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
  };
  for (const [name, value] of Object.entries(defaults)) if (!headers.has(name)) headers.set(name, value);
}
