import type { Deps } from "../app/deps.js";
import { pruneInboundDedupe } from "./housekeeping.js";
import { pruneBookkeeping } from "./retention.js";
import { drainOutbox } from "../app/outbox/drain-outbox.js";
import { runReminders } from "./reminders.js";
import { sendPlanReminders } from "../app/reminders/plan-reminders-enforcement.js";
import { forgetSmsReplies } from "../app/sms/forget-sms-replies.js";
import { BACKUP_CRON, runBackup } from "./backup.js";
import { ensureTelegramWebhook } from "./telegram-webhook.js";
import { publishAuditRoot } from "../app/audit/audit-roots.js";
import { linkAudit } from "../app/audit/link-audit.js";
import { lapseOverdueRewards } from "../app/rewards/reward-lifecycle.js";

export interface Job {
  name: string;
  /** Cron expression in UTC, so wrangler.toml's cron triggers are the same strings; jobs apply Asia/Shanghai windows themselves. */
  cron: string;
  run(deps: Deps): Promise<unknown>;
}

/** The one schedule table: node-cron in Node and the Worker's `scheduled` handler both run it. */
export const JOBS: Job[] = [
  { name: "prune-inbound-dedupe", cron: "17 3 * * *", run: (deps) => pruneInboundDedupe(deps) },
  { name: "prune-bookkeeping", cron: "17 3 * * *", run: (deps) => pruneBookkeeping(deps) },
  // Node also drains the outbox every 2 s (src/jobs/dispatch-loop.ts); this covers the Worker and stalled loops.
  { name: "dispatch-outbox", cron: "* * * * *", run: (deps) => drainOutbox(deps, { maxMs: 45_000 }) },
  { name: "reminders", cron: "*/15 * * * *", run: (deps) => runReminders(deps) },
  // Enforcement plans (#15): Mondays the open checks of the month to each unit, month ends a plan behind > 20 % to the committee (11:17 Shanghai).
  { name: "plan-reminders", cron: "17 3 * * *", run: (deps) => sendPlanReminders(deps) },
  // Stored SMS webhook answers hold an encrypted receipt secret: wiped after 24 h (shares a wrangler cron).
  { name: "forget-sms-replies", cron: "*/15 * * * *", run: (deps) => forgetSmsReplies(deps) },
  // Webhook mode (PUBLIC_URL set) only: the Worker's only way to register it; one getWebhookInfo when unchanged.
  { name: "telegram-webhook", cron: "* * * * *", run: (deps) => ensureTelegramWebhook(deps) },
  // Rewards whose claim period (TIP_REWARD_CLAIM_DAYS) ended unclaimed are marked lapsed; a late claim is refused anyway.
  { name: "lapse-rewards", cron: "*/15 * * * *", run: (deps) => lapseOverdueRewards(deps) },
  // The audit sequencer: Node runs it every second (src/jobs/link-loop.ts); this covers the Worker and stalled loops.
  { name: "link-audit", cron: "* * * * *", run: (deps) => linkAudit(deps) },
  // The audit chain's head, published once a day at 00:10 Asia/Shanghai (16:10 UTC): /public/audit, the JSON API, the log.
  { name: "publish-audit-root", cron: "10 16 * * *", run: (deps) => publishAuditRoot(deps) },
  // PGlite only (DATA_DIR/backups, BACKUP_KEEP); on a PostgreSQL server it logs that pg_dump applies.
  { name: "backup", cron: BACKUP_CRON, run: (deps) => runBackup(deps) },
];
