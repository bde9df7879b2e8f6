import { and, asc, eq, inArray, like, or } from "drizzle-orm";
import { z } from "zod";
import { enterprises, jurisdictions, tipAttachments, tipEvents, tips, units, type Tip } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { actorField, tipIdField } from "./inputs.js";
import { coversJurisdiction, isCommittee, reviewJurisdiction, visibleTips } from "./scope.js";
import { OPEN_STATUSES, parseInput, RESULT_STATUSES } from "./tip-action.js";
import { hasReachableLiaison, qualified } from "./liaison-reach.js";
import { isSectorCode, type SectorCode } from "../../domain/sectors.js";
import { routeTip } from "../routing/route-tip.js";
import { nextDeadline, type TipDeadlineKind } from "../../domain/tip-clock.js";

export const getTipInput = z.object({ actor: actorField, tipId: tipIdField });

export type TipActionName =
  | "accept"
  | "reject"
  | "transfer"
  | "investigate"
  | "extend"
  | "approve-extension"
  | "refuse-extension"
  | "result"
  | "close"
  | "merge"
  | "message"
  | "reward"
  | "review-start"
  | "review-close";

/**
 * What this person may do to this tip now; the verbs check again, this only decides which forms to show.
 * `reviewer`: the actor's jurisdiction covers the tier that reviews an objection to this tip.
 */
export function availableActions(actor: StaffActor, tip: Pick<Tip, "status" | "urgent" | "extension">, reviewer = false): TipActionName[] {
  if (actor.role === "viewer") return [];
  const s = tip.status;
  const out: TipActionName[] = [];
  if (s === "received") out.push("accept");
  if (s === "received" && isCommittee(actor)) out.push("reject");
  if ((OPEN_STATUSES as readonly string[]).includes(s)) out.push("transfer", "merge");
  if (s === "accepted") out.push("investigate");
  if (s === "accepted" || s === "investigating") {
    const ext = tip.extension?.state;
    if (ext === undefined || ext === "refused") out.push("extend");
    if (ext === "requested" && isCommittee(actor) && tip.extension?.requestedBy !== actor.id) out.push("approve-extension", "refuse-extension");
  }
  if (s === "investigating") out.push("result");
  if (((RESULT_STATUSES as readonly string[]).includes(s) || s === "not_accepted") && (!tip.urgent || isCommittee(actor))) out.push("close");
  if (s !== "merged") out.push("message");
  if (s === "objected" && reviewer) out.push("review-start");
  if (s === "under_review" && reviewer) out.push("review-close");
  // A merged duplicate's reporter may be the first eligible one (the verb checks the matter's result).
  if (s === "substantiated" || s === "partly_substantiated" || s === "closed" || s === "merged") out.push("reward");
  return out;
}

/**
 * One tip with everything the tip page shows. The reporter's identity is decrypted only when they
 * consented to staff seeing it; otherwise it stays sealed.
 */
export async function getTip(deps: Deps, raw: z.input<typeof getTipInput>) {
  const input = parseInput(getTipInput, raw);
  const scope = await visibleTips(deps.db, input.actor);
  const [row] = await deps.db
    .select({ tip: tips, unit: units, jurisdiction: jurisdictions, enterpriseName: enterprises.name, enterpriseBlacklisted: enterprises.blacklisted })
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .leftJoin(jurisdictions, eq(jurisdictions.code, tips.jurisdictionCode))
    .leftJoin(enterprises, eq(enterprises.id, tips.enterpriseId))
    .where(and(eq(tips.id, input.tipId), scope));
  if (!row) throw new AppError("not_found", "tip not found");
  const { tip } = row;
  const events = await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.id)).orderBy(asc(tipEvents.id));
  const attachments = await deps.db
    .select({ id: tipAttachments.id, fileName: tipAttachments.fileName, mimeType: tipAttachments.mimeType, size: tipAttachments.size })
    .from(tipAttachments)
    .where(eq(tipAttachments.tipId, tip.id))
    .orderBy(asc(tipAttachments.id));
  const now = deps.clock().getTime();
  const running = nextDeadline(tip)?.kind;
  const deadline = (kind: TipDeadlineKind | "objection", due: Date | null, live: boolean) => (due ? { kind, due, msLeft: due.getTime() - now, live } : null);
  const deadlines = [
    deadline("accept", tip.acceptDueAt, running === "accept"),
    deadline("verify", tip.handleDueAt, running === "verify"),
    deadline("answer", tip.answerDueAt, running === "answer"),
    deadline("objection", tip.objectionDueAt, tip.status === "closed"),
    deadline("review_start", tip.reviewStartDueAt, running === "review_start"),
  ].filter((d) => d !== null);
  let reporter: { name: string | null; contact: string | null } | null = null;
  if (tip.contactConsent) {
    const identity = tip.reporterContactEnc
      ? (JSON.parse(deps.crypto.decrypt(tip.reporterContactEnc)) as { channel: string; address: string | null; contact: string | null })
      : null;
    reporter = {
      name: tip.reporterNameEnc ? deps.crypto.decrypt(tip.reporterNameEnc) : null,
      contact: identity?.contact ?? (identity?.channel === "sms" ? identity.address : null),
    };
  }
  // Transfer targets: the units of the tip's city and of the province above it.
  const code = tip.jurisdictionCode ?? row.unit.jurisdictionCode;
  const transferTargets = await deps.db
    .select({ id: units.id, name: units.name, key: units.key, jurisdictionCode: units.jurisdictionCode, jurisdictionName: jurisdictions.name })
    .from(units)
    .leftJoin(jurisdictions, eq(jurisdictions.code, units.jurisdictionCode))
    .where(and(eq(units.active, true), or(like(units.jurisdictionCode, `${code.slice(0, 4)}%`), eq(units.jurisdictionCode, `${code.slice(0, 2)}0000`))))
    .orderBy(asc(units.jurisdictionCode), asc(units.id));
  const alerts = await alertsOf(deps, tip, events);
  const suggestedTransfers = await suggestTransfers(
    deps,
    tip,
    transferTargets.map((u) => u.id),
  );
  const { reporterContactEnc: _c, reporterNameEnc: _n, reporterChannelHash: _h, secretHash: _s, ...safeTip } = tip;
  return {
    tip: safeTip,
    unit: row.unit,
    jurisdiction: row.jurisdiction,
    enterpriseName: row.enterpriseName,
    /** The router's matched enterprise is on the 黑名单 now: the page flags it. */
    enterpriseBlacklisted: row.enterpriseBlacklisted === true,
    events,
    attachments,
    deadlines,
    reporter,
    transferTargets,
    suggestedTransfers,
    actions: availableActions(input.actor, tip, coversJurisdiction(input.actor, await reviewJurisdiction(deps.db, tip))),
    alerts,
  };
}

export interface AlertReach {
  name: string;
  nameEn: string | null;
  /** An active liaison with a bound chat or a phone exists now. */
  reachable: boolean;
  /** Liaisons sent a message when the tip arrived; null for tips stored before this was recorded. */
  told: number | null;
}

/** Whether the tip's unit and (urgent) committee can be reached now, and how many liaisons were told on arrival. */
async function alertsOf(deps: Deps, tip: Tip, events: { kind: string; data: unknown }[]): Promise<{ unit: AlertReach; committee: AlertReach | null }> {
  const committeeId = tip.urgent ? ((tip.routing as { alsoAlert?: number | null }).alsoAlert ?? null) : null;
  const ids = committeeId ? [tip.unitId, committeeId] : [tip.unitId];
  const rows = await deps.db
    .select({ id: units.id, name: units.name, nameEn: units.nameEn, reachable: hasReachableLiaison(qualified("units", "id")) })
    .from(units)
    .where(inArray(units.id, ids));
  const record = events.find((e) => e.kind === "alerted")?.data as { unit?: { liaisons?: number }; committee?: { liaisons?: number } | null } | undefined;
  const reach = (id: number, told: number | undefined): AlertReach => {
    const r = rows.find((x) => x.id === id)!;
    return { name: r.name, nameEn: r.nameEn, reachable: Boolean(r.reachable), told: told ?? null };
  };
  return {
    unit: reach(tip.unitId, record?.unit?.liaisons),
    committee: committeeId && rows.some((r) => r.id === committeeId) ? reach(committeeId, record?.committee?.liaisons) : null,
  };
}
export type TipDetail = Awaited<ReturnType<typeof getTip>>;

/**
 * For a tip the router left to manual triage: the unit routing would pick for each of its closest
 * sectors at the tip's place (the same rules as for a new tip), so the clerk forwards it in one click.
 * Only units the transfer form offers; none for tips stored before candidates were recorded.
 */
async function suggestTransfers(deps: Deps, tip: Tip, offered: number[]): Promise<{ sector: SectorCode; unitId: number }[]> {
  const sectors = ((tip.routing as { candidates?: unknown }).candidates ?? []) as unknown[];
  const out: { sector: SectorCode; unitId: number }[] = [];
  for (const sector of sectors) {
    if (!isSectorCode(sector)) continue;
    const routed = await routeTip(deps, { text: tip.text, jurisdictionCode: tip.jurisdictionCode ?? undefined, sector });
    if (routed.unit.id !== tip.unitId && offered.includes(routed.unit.id) && !out.some((o) => o.unitId === routed.unit.id)) {
      out.push({ sector, unitId: routed.unit.id });
    }
  }
  return out;
}
