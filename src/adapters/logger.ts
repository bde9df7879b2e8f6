/**
 * A small structured logger. Callers pass fields, never tip text or reporter identities: those must
 * not reach logs (SPEC privacy rules), so there is no "log the whole object" helper here.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A log write that fails must not end the process: a reader of stderr that went away (EPIPE) or a full
 * disk under a redirected stderr (ENOSPC) would otherwise surface as an unhandled 'error' event. The
 * line is lost; the service goes on. Installed once, by the first logger created with the stderr sink.
 */
let stdioGuarded = false;
export function guardStdio(): void {
  if (stdioGuarded || typeof process === "undefined" || !process.stderr?.on) return;
  stdioGuarded = true;
  try {
    for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
  } catch {
    // Runtimes without real stdio streams (Workers) have nothing to guard.
  }
}

function writeStderr(line: string): void {
  guardStdio();
  try {
    console.error(line);
  } catch {
    // A synchronous write to a file on a full disk throws: drop the line rather than the request.
  }
}

export function createLogger(level: LogLevel = "info", base: LogFields = {}, sink: (line: string) => void = writeStderr): Logger {
  if (sink === writeStderr) guardStdio(); // before the start-up banner goes to stdout
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    sink(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...base, ...fields }));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, sink),
  };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

const FRAMES = 3;

/**
 * What a log line may say about a failure: its class, its code (SQLSTATE, errno), its message with
 * quoted values, long digit runs and bot tokens blanked, and its top stack frames — enough to find the
 * bug, never the tip text, a phone number or a secret that a driver quoted into the message. Follows
 * `cause` and grammY's `error` (BotError, HttpError) to the innermost error, which names what failed.
 */
export function errorFields(err: unknown): LogFields {
  let e: unknown = err;
  for (let depth = 0; depth < 4; depth++) {
    const inner = (e as { cause?: unknown; error?: unknown } | null)?.cause ?? (e as { error?: unknown } | null)?.error;
    if (!(inner instanceof Error)) break;
    e = inner;
  }
  if (!(e instanceof Error)) return { errorClass: typeof e === "string" ? "string" : String(e === null ? "null" : typeof e) };
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, FRAMES)
    .map(shortFrame);
  return {
    errorClass: e.name || e.constructor?.name || "Error",
    errorCode: typeof code === "string" || typeof code === "number" ? String(code) : undefined,
    errorMessage: redactMessage(e.message),
    errorAt: frames.join(" | ") || undefined,
  };
}

export function redactMessage(message: string): string {
  return message
    .replace(/bot\d+:[\w-]+/g, "bot<token>")
    .replace(/"[^"]*"|'[^']*'|“[^”]*”|「[^」]*」/g, "…")
    .replace(/\d{6,}/g, "#")
    .replace(/[^\x20-\x7e]+/g, "…")
    .slice(0, 300);
}

function shortFrame(line: string): string {
  return line
    .trim()
    .replace(/^at /, "")
    .replace(/file:\/\//g, "")
    .replace(/\/[^\s()]*\/(src|bot|node_modules)\//g, "$1/");
}
