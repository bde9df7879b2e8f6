import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { enterprises, jurisdictions, tips, TIP_STATUSES, units } from "../../db/schema.js";
import { addCalendarDays, endOfShanghaiDay } from "../../domain/deadlines.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { TIP_CHANNELS } from "../../domain/tip-channels.js";
import type { Deps } from "../deps.js";
import { actorField } from "./inputs.js";
import { subtreeCodes, visibleTips } from "./scope.js";
import { parseInput } from "./tip-action.js";
import { committeeUnreachable, unitUnreachable } from "./liaison-reach.js";
import type { TipStatus } from "../../domain/tip-status.js";
import { deadlineState, DUE_SOON_DAYS, type DeadlineState, type TipDeadlineKind } from "../../domain/tip-clock.js";

const optional = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), s.optional());
const flag = z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const listTipsInput = z.object({
  actor: actorField,
  status: optional(z.enum(TIP_STATUSES)),
  sector: optional(z.enum(SECTOR_CODES)),
  jurisdiction: optional(z.string().regex(/^\d{6}(\d{3})?$/)),
  unitId: optional(z.coerce.number().int().positive()),
  urgent: optional(flag),
  overdue: optional(flag),
  /** By the running deadline (src/domain/tip-clock.ts): past it, or due within DUE_SOON_DAYS. */
  due: optional(z.enum(["overdue", "soon"])),
  channel: optional(z.enum(TIP_CHANNELS)),
  from: optional(day),
  to: optional(day),
  q: optional(z.string().trim().max(100)),
  sort: z.enum(["newest", "urgent", "deadline"]).default("newest"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListTipsInput = z.input<typeof listTipsInput>;

export interface QueueRow {
  id: number;
  trackingCode: string;
  receivedAt: Date;
  status: TipStatus;
  sectorCode: string;
  urgent: boolean;
  /** Where the urgency came from (reporter, classifier, both, sms_answer), as stored; null when not urgent. */
  urgencySource: string | null;
  channel: string;
  unitName: string;
  unitNameEn: string | null;
  jurisdictionName: string | null;
  excerpt: string;
  overdue: boolean;
  /** The deadline running now (受理 / 核查 / 答复), or null when none runs (closed, not accepted, merged). */
  nextDue: { kind: TipDeadlineKind; at: Date; state: DeadlineState } | null;
  /** No liaison of the tip's unit can be reached now (no bound chat, no phone). */
  unitUnreachable: boolean;
  /** Urgent, and no liaison of the committee it alerts can be reached now. */
  committeeUnreachable: boolean;
  /** The router's matched enterprise (tips.enterprise_id) is on the 黑名单 now. */
  enterpriseBlacklisted: boolean;
}

/**
 * Conditions (to AND) for the search box: the tracking code, or text containing `q` ignoring case. Two or
 * more characters: every bigram of `q` must be in the text's bigram index (migration 0003 — the expression
 * must stay exactly jubao_bigrams("tips"."text")), then ILIKE confirms the substring; one character: ILIKE.
 * Written as (code OR bigrams) AND (code OR ILIKE) rather than code OR (bigrams AND ILIKE): the planner
 * then answers the first from the index and leaves only the cheap ILIKE as a per-row filter, instead of
 * recomputing every candidate row's bigrams (measured: 43 ms → see bench/admin.ts).
 */
export function searchConditions(q: string): SQL[] {
  const code = eq(tips.trackingCode, q.toUpperCase());
  const substring = or(code, ilike(tips.text, `%${q.replace(/[\\%_]/g, "\\$&")}%`))!;
  if ([...q].length < 2) return [substring];
  return [or(code, sql`jubao_bigrams(${tips.text}) @> jubao_bigrams(${q})`)!, substring];
}

/**
 * The queue: tips in the actor's scope matching the filters, newest (or urgent, or soonest deadline) first, with counts per
 * status for the same filters. Offset pagination over the (unit, status, received_at), (jurisdiction,
 * status, received_at), (status, sector, received_at) and (received_at) indexes; text search by `searchConditions`.
 */
export async function listTips(deps: Deps, raw: ListTipsInput) {
  const input = parseInput(listTipsInput, raw);
  const now = deps.clock();
  const where: SQL[] = [await visibleTips(deps.db, input.actor)];
  if (input.sector) where.push(eq(tips.sectorCode, input.sector));
  if (input.jurisdiction) where.push(inArray(tips.jurisdictionCode, await subtreeCodes(deps.db, input.jurisdiction)));
  if (input.unitId) where.push(eq(tips.unitId, input.unitId));
  if (input.urgent) where.push(eq(tips.urgent, true));
  if (input.channel) where.push(eq(tips.channel, input.channel));
  if (input.from) where.push(gte(tips.receivedAt, new Date(endOfShanghaiDay(addCalendarDays(input.from, -1)).getTime() + 1)));
  if (input.to) where.push(lte(tips.receivedAt, endOfShanghaiDay(input.to)));
  if (input.q) where.push(...searchConditions(input.q));
  // postgres.js does not serialise a Date inside a raw sql fragment: pass an ISO string and cast it.
  const at = sql`${now.toISOString()}::timestamptz`;
  // next_due_at is nextDeadline() stored with every change (tip-clock-columns.ts), indexed per scope.
  const overdue = sql<boolean>`coalesce(${tips.nextDueAt} < ${at}, false)`;
  if (input.overdue || input.due === "overdue") where.push(sql`${tips.nextDueAt} < ${at}`);
  if (input.due === "soon") {
    const soon = new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000).toISOString();
    where.push(sql`${tips.nextDueAt} >= ${at} and ${tips.nextDueAt} <= ${soon}::timestamptz`);
  }

  const countRows = await deps.db
    .select({ status: tips.status, n: count() })
    .from(tips)
    .where(and(...where))
    .groupBy(tips.status);
  const counts = Object.fromEntries(TIP_STATUSES.map((s) => [s, 0])) as Record<TipStatus, number>;
  for (const r of countRows) counts[r.status] = Number(r.n);
  if (input.status) where.push(eq(tips.status, input.status));

  const order =
    input.sort === "urgent"
      ? [desc(tips.urgent), desc(tips.receivedAt), desc(tips.id)]
      : input.sort === "deadline"
        ? [sql`${tips.nextDueAt} asc nulls last`, asc(tips.id)]
        : [desc(tips.receivedAt), desc(tips.id)];
  const found = await deps.db
    .select({
      id: tips.id,
      trackingCode: tips.trackingCode,
      receivedAt: tips.receivedAt,
      status: tips.status,
      sectorCode: tips.sectorCode,
      urgent: tips.urgent,
      urgencySource: tips.urgencySource,
      channel: tips.channel,
      unitName: units.name,
      unitNameEn: units.nameEn,
      jurisdictionName: jurisdictions.fullName,
      excerpt: sql<string>`left(${tips.text}, 140)`,
      overdue,
      nextDueAt: tips.nextDueAt,
      nextDueKind: tips.nextDueKind,
      unitUnreachable,
      committeeUnreachable,
      enterpriseBlacklisted: sql<boolean>`coalesce(${enterprises.blacklisted}, false)`,
    })
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .leftJoin(jurisdictions, eq(jurisdictions.code, tips.jurisdictionCode))
    .leftJoin(enterprises, eq(enterprises.id, tips.enterpriseId))
    .where(and(...where))
    .orderBy(...order)
    .limit(input.pageSize + 1)
    .offset((input.page - 1) * input.pageSize);
  const total = input.status ? counts[input.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    rows: found.slice(0, input.pageSize).map(({ nextDueAt, nextDueKind, ...r }) => ({
      ...r,
      nextDue: nextDueAt && nextDueKind ? { kind: nextDueKind as TipDeadlineKind, at: nextDueAt, state: deadlineState(nextDueAt, now) } : null,
      overdue: Boolean(r.overdue),
      unitUnreachable: Boolean(r.unitUnreachable),
      committeeUnreachable: Boolean(r.committeeUnreachable),
      enterpriseBlacklisted: Boolean(r.enterpriseBlacklisted),
    })) as QueueRow[],
    counts,
    total,
    page: input.page,
    pageSize: input.pageSize,
    hasNext: found.length > input.pageSize,
  };
}
