import { publicAuditRoutes } from "./routes/public-audit.js";
import { publicExposureRoutes } from "./routes/public-exposure.js";
import { publicDrawRoutes } from "./routes/public-draws.js";
import { Hono, type MiddlewareHandler } from "hono";
import { errorFields } from "../adapters/logger.js";
import { HTTPException } from "hono/http-exception";
import type { Bot } from "grammy";
import type { Deps } from "../app/deps.js";
import { AppError } from "../app/deps.js";
import { isUnavailable } from "../app/system/outage.js";
import { noteDatabaseFailure, noteWriteSucceeded } from "../app/system/check-health.js";
import { healthRoutes } from "./routes/health.js";
import { telegramRoutes } from "./routes/telegram.js";
import { publicWebRoutes } from "./routes/public-web.js";
import { createIntakeLimiter } from "./intake-limit.js";
import { apiRoutes } from "./routes/api.js";
import { open311Routes } from "./routes/open311.js";
import { smsRoutes } from "./routes/sms.js";
import { adminRoutes } from "./routes/admin/index.js";
import { deskRoutes } from "./routes/desk.js";
import { urlHasNul } from "./nul-guard.js";
import type { AppEnv } from "./app-env.js";
import type { BotContext } from "../../bot/context.js";

export interface AppOptions {
  deps: Deps;
  bot?: Bot<BotContext>;
}

const STATUS: Record<AppError["code"], 400 | 403 | 404 | 409 | 429 | 503> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

/** The whole HTTP surface, the same for Node and Workers. Each route group lives in routes/. */
export function createApp({ deps, bot }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("requestId", deps.crypto.randomToken(6));
    const startedAt = deps.clock();
    await next();
    baselineHeaders(c.res.headers);
    if (c.res.status === 413 && !(await drainRefusedBody(c.req.raw))) c.res.headers.set("Connection", "close");
    // A write that went through ends a disk-full episode reported on /healthz.
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.res.status < 400) noteWriteSucceeded(deps, startedAt);
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
  app.route("/", publicAuditRoutes(deps));
  app.route("/", open311Routes(deps));
  app.route("/", publicExposureRoutes(deps));
  app.route("/", publicDrawRoutes(deps));
  app.route("/", telegramRoutes(deps, bot));
  app.route("/", smsRoutes(deps));
  app.route("/admin", adminRoutes(deps));
  app.route("/desk", deskRoutes(deps));

  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    if (err instanceof AppError) return c.json({ error: err.code, message: err.message }, STATUS[err.code]);
    const requestId = c.get("requestId");
    if (isUnavailable(err)) {
      noteDatabaseFailure(deps, err);
      deps.logger.warn("database unavailable", { requestId, path: loggedPath(c.req.path) });
      return c.json(
        { error: "unavailable", message: "the service cannot store or read data right now; nothing was stored — try again later", requestId },
        503,
        { "Retry-After": "30" },
      );
    }
    deps.logger.error("request failed", { requestId, path: loggedPath(c.req.path), ...errorFields(err) });
    return c.json({ error: "internal", requestId }, 500);
  });
  return app;
}

/**
 * Every response, whatever route or error produced it. Headers are set on c.res after next(), never
 * with c.header() there: on @hono/node-server 1.19 that re-creates the response and drops what
 * secureHeaders added. A route's own stricter headers win (only missing ones are filled in).
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

/** What a refused body may still be read (and thrown away) so that its connection stays usable. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_MAX_MS = 5_000;

/**
 * After a 413 the rest of the body is still on its way. Unread, @hono/node-server drops the socket
 * ~500 ms after answering "keep-alive", and the client's next request on that connection fails. So
 * the rest is read and discarded (bounded in bytes and time; memory stays one chunk) and the
 * connection stays open; when that is not possible (a body already half read by the limit, a slow or
 * huge upload) the answer says `Connection: close`, and the client knows not to reuse it.
 */
async function drainRefusedBody(req: Request): Promise<boolean> {
  if (!req.body || req.body.locked) return false;
  const reader = req.body.getReader();
  const deadline = Date.now() + DRAIN_MAX_MS;
  let bytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    for (;;) {
      const timeUp = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))));
      const chunk = await Promise.race([reader.read(), timeUp]);
      clearTimeout(timer);
      if (chunk === null) return false;
      if (chunk.done) return true;
      bytes += chunk.value.byteLength;
      if (bytes > DRAIN_MAX_BYTES) return false;
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
}

/** A password-reset link's token is a credential: it never reaches a log line. */
function loggedPath(path: string): string {
  return path.replace(/^\/admin\/password-reset\/[^/]+/, "/admin/password-reset/[token]");
}
