import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Bot } from "grammy";
import type { Deps } from "../app/deps.js";
import { AppError } from "../app/deps.js";
import { isDatabaseUnavailable } from "../db/errors.js";
import { noteDatabaseFailure, noteWriteSucceeded } from "../app/system/check-health.js";
import { healthRoutes } from "./routes/health.js";
import { telegramRoutes } from "./routes/telegram.js";
import { publicWebRoutes } from "./routes/public-web.js";
import { createIntakeLimiter } from "./intake-limit.js";
import { apiRoutes } from "./routes/api.js";
import { smsRoutes } from "./routes/sms.js";
import { adminRoutes } from "./routes/admin/index.js";
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
    const startedAt = deps.clock();
    await next();
    // A write that went through ends a disk-full episode reported on /healthz.
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.res.status < 400) noteWriteSucceeded(deps, startedAt);
  });
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
      noteDatabaseFailure(deps, err);
      deps.logger.warn("database unavailable", { requestId, path: c.req.path });
      return c.json({ error: "unavailable", message: "the service cannot store or read data right now; nothing was stored — try again later", requestId }, 503, { "Retry-After": "30" });
    }
    deps.logger.error("request failed", { requestId, path: c.req.path, error: err.name });
    return c.json({ error: "internal", requestId }, 500);
  });
  return app;
}
