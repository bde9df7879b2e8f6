import { isDatabaseUnavailable } from "../../db/errors.js";
import { AppError } from "../deps.js";

/**
 * Whether a failure means "the database is away or full right now: nothing was stored, try again
 * later" — an `AppError("unavailable")` from a verb, or a driver error that says so (connection lost,
 * server restarting, disk full). The one question transports ask; they never read driver errors.
 */
export function isUnavailable(err: unknown): boolean {
  return (err instanceof AppError && err.code === "unavailable") || isDatabaseUnavailable(err);
}
