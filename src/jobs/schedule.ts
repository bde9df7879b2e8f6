import type { Deps } from "../app/deps.js";
import { pruneInboundDedupe } from "./housekeeping.js";

export interface Job {
  name: string;
  /** Cron expression in UTC, so wrangler.toml's cron triggers are the same strings; jobs apply Asia/Shanghai windows themselves. */
  cron: string;
  run(deps: Deps): Promise<unknown>;
}

/** The one schedule table: node-cron in Node and the Worker's `scheduled` handler both run it. */
export const JOBS: Job[] = [
  { name: "prune-inbound-dedupe", cron: "17 3 * * *", run: (deps) => pruneInboundDedupe(deps) },
];
