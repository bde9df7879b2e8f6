import { Hono } from "hono";
import type { Deps } from "../../../app/deps.js";
import { acceptTip } from "../../../app/triage/accept-tip.js";
import { closeTip } from "../../../app/triage/close-tip.js";
import { decideReward } from "../../../app/triage/decide-reward.js";
import { approveExtension, refuseExtension } from "../../../app/triage/decide-extension.js";
import { requestExtension } from "../../../app/triage/request-extension.js";
import { getAttachment } from "../../../app/triage/get-attachment.js";
import { getTip } from "../../../app/triage/get-tip.js";
import { findDuplicates } from "../../../app/triage/find-duplicates.js";
import { listTips } from "../../../app/triage/list-tips.js";
import { exportQueue } from "../../../app/triage/export-queue.js";
import { queueExportLabels } from "../../views/admin/queue-export-labels.js";
import { listUntoldUrgent } from "../../../app/triage/list-untold-urgent.js";
import { mergeTips } from "../../../app/triage/merge-tips.js";
import { messageReporter } from "../../../app/triage/message-reporter.js";
import { recordResult } from "../../../app/triage/record-result.js";
import { rejectTip } from "../../../app/triage/reject-tip.js";
import { startInvestigation } from "../../../app/triage/start-investigation.js";
import { transferTip } from "../../../app/triage/transfer-tip.js";
import { startReview } from "../../../app/triage/start-review.js";
import { closeReview } from "../../../app/triage/close-review.js";
import { AppError } from "../../../app/deps.js";
import { getTipReward, listRewards } from "../../../app/rewards/get-reward.js";
import { recordRewardPayment } from "../../../app/rewards/record-payment.js";
import { RewardsPage } from "../../views/admin/rewards.js";
import { QueuePage } from "../../views/admin/queue.js";
import { TipPage } from "../../views/admin/tip.js";
import { requireCsrfToken, requireSession, type AdminEnv } from "./context.js";

type Verb = (deps: Deps, input: Record<string, unknown>) => Promise<unknown>;

/**
 * Form action name → verb. A Map, not an object literal: the name comes from the URL, and an object
 * would also answer to `__proto__`, `constructor` or `toString`. The actor always comes from the session.
 */
const ACTIONS = new Map<string, Verb>([
  ["accept", acceptTip as Verb],
  ["reject", rejectTip as Verb],
  ["transfer", transferTip as Verb],
  ["investigate", startInvestigation as Verb],
  ["extend", requestExtension as Verb],
  ["approve-extension", approveExtension as Verb],
  ["refuse-extension", refuseExtension as Verb],
  ["result", recordResult as Verb],
  ["close", closeTip as Verb],
  ["merge", mergeTips as Verb],
  ["message", messageReporter as Verb],
  ["reward", decideReward as Verb],
  ["review-start", startReview as Verb],
  ["review-close", closeReview as Verb],
  ["reward-payment", recordRewardPayment as Verb],
]);

const QUEUE_KEYS = ["status", "sector", "jurisdiction", "unitId", "urgent", "overdue", "due", "channel", "from", "to", "q", "sort", "page"] as const;
const ERROR_CODES = new Set([
  "invalid_input",
  "conflict",
  "forbidden",
  "reward_taken",
  "extension_used",
  "extension_pending",
  "extension_none",
  "reward_claimed",
  "reward_paid",
  "reward_unclaimed",
  "no_reward",
  "deviation_reason_required",
]);

/** A conflict with a more specific reason (e.g. reward_taken) gets its own message on the tip page. */
function errorCode(err: AppError): string {
  const reason = (err.details as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === "string" && ERROR_CODES.has(reason)) return reason;
  // A reward amount other than the proposal, without a reason for the deviation.
  if (err.code === "invalid_input" && Array.isArray(err.details) && err.details.some((d) => (d as { path?: unknown }).path === "deviationReason"))
    return "deviation_reason_required";
  return err.code;
}

export function tipRoutes(deps: Deps): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  r.use("*", requireSession);

  r.get("/", async (c) => {
    const session = c.get("session")!;
    const filters: Record<string, string> = {};
    for (const k of QUEUE_KEYS) {
      const v = c.req.query(k);
      if (v) filters[k] = v.slice(0, 100);
    }
    let result: Awaited<ReturnType<typeof listTips>>;
    try {
      result = await listTips(deps, { actor: session.actor, ...filters });
    } catch (err) {
      // A malformed filter (bad date, unknown status) shows the unfiltered queue rather than an error page.
      if (!(err instanceof AppError && err.code === "invalid_input")) throw err;
      result = await listTips(deps, { actor: session.actor });
    }
    const untold = await listUntoldUrgent(deps, { actor: session.actor });
    return c.html(
      <QueuePage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={session.actor}
        csrf={session.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        filters={filters}
        result={result}
        untold={untold}
      />,
    );
  });

  // Before /tips/:id, which would take "export" for an id.
  r.get("/tips/export", async (c) => {
    const session = c.get("session")!;
    const filters: Record<string, string> = {};
    for (const k of QUEUE_KEYS) {
      const v = c.req.query(k);
      if (v && k !== "page") filters[k] = v.slice(0, 100);
    }
    const file = await exportQueue(deps, {
      filters: { actor: session.actor, ...filters },
      format: c.req.query("format") ?? "",
      labels: queueExportLabels(c.get("t"), c.get("locale")),
      timeZone: deps.config.TZ_CAMPAIGN,
    });
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "X-Export-Rows": String(file.rows),
      ...(file.truncated ? { "X-Export-Truncated": "1" } : {}),
    });
  });

  r.get("/tips/:id", async (c) => {
    const session = c.get("session")!;
    const detail = await getTip(deps, { actor: session.actor, tipId: c.req.param("id") });
    // A merged duplicate names the tip it went into by its tracking code (when the actor may see that tip).
    const into = detail.tip.mergedInto;
    const mergedInto = into
      ? await getTip(deps, { actor: session.actor, tipId: into }).then(
          (d) => ({ id: d.tip.id, trackingCode: d.tip.trackingCode }),
          () => undefined,
        )
      : undefined;
    const error = c.req.query("error");
    const reward = await getTipReward(deps, { actor: session.actor, tipId: detail.tip.id });
    const duplicates = await findDuplicates(deps, { actor: session.actor, tipId: detail.tip.id });
    return c.html(
      <TipPage
        t={c.get("t")}
        locale={c.get("locale")}
        actor={session.actor}
        csrf={session.csrfToken}
        timeZone={deps.config.TZ_CAMPAIGN}
        detail={detail}
        reward={reward}
        mergedInto={mergedInto}
        duplicates={duplicates}
        done={c.req.query("done") ? "1" : undefined}
        error={error && ERROR_CODES.has(error) ? error : undefined}
        maxExtensionDays={deps.config.TIP_EXTENSION_DAYS}
      />,
    );
  });

  r.get("/rewards", async (c) => {
    const session = c.get("session")!;
    const list = await listRewards(deps, { actor: session.actor, status: (c.req.query("status") ?? "open").slice(0, 20) as "open" });
    return c.html(
      <RewardsPage t={c.get("t")} locale={c.get("locale")} actor={session.actor} csrf={session.csrfToken} timeZone={deps.config.TZ_CAMPAIGN} list={list} />,
    );
  });

  r.get("/tips/:id/attachments/:aid", async (c) => {
    const a = await getAttachment(deps, { actor: c.get("session")!.actor, tipId: c.req.param("id"), attachmentId: c.req.param("aid") });
    const name = (a.fileName ?? `attachment-${a.id}`).replace(/[^\w.-]+/g, "_");
    return c.body(Buffer.from(a.body), 200, {
      "Content-Type": a.mimeType,
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    });
  });

  r.post("/tips/:id/:action", requireCsrfToken, async (c) => {
    const verb = ACTIONS.get(c.req.param("action"));
    if (!verb) throw new AppError("not_found");
    const session = c.get("session")!;
    const body = await c.req.parseBody();
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body))
      if (typeof v === "string" && k !== "_csrf" && k !== "actor" && k !== "tipId" && k !== "back" && v !== "") fields[k] = v;
    // A merge offered on another tip's page (duplicate suggestions) returns to that page.
    const id = typeof body.back === "string" && /^\d{1,10}$/.test(body.back) ? body.back : c.req.param("id");
    try {
      await verb(deps, { ...fields, actor: session.actor, tipId: c.req.param("id") });
    } catch (err) {
      if (err instanceof AppError && (err.code === "invalid_input" || err.code === "conflict"))
        return c.redirect(`/admin/tips/${encodeURIComponent(id)}?error=${errorCode(err)}`, 303);
      throw err;
    }
    return c.redirect(`/admin/tips/${encodeURIComponent(id)}?done=${c.req.param("action")}`, 303);
  });
  return r;
}
