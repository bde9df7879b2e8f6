import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { tipEvents, tips, units } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import { actorField } from "./inputs.js";
import { isCommittee, visibleTips } from "./scope.js";
import { parseInput } from "./tip-action.js";

export const listUntoldUrgentInput = z.object({ actor: actorField });

/** At most this many on the banner; the queue's urgent filter shows the rest. */
const BANNER_LIMIT = 20;

/**
 * Urgent tips, still waiting for acceptance, of which no liaison (unit or committee) was sent a word
 * when they arrived — the "alerted" event recorded `told: 0`. For committee users only, within the
 * queue's scope: they are the ones who must pick these up by hand. Tips stored before alerts were
 * recorded have no such event and are not listed.
 */
export async function listUntoldUrgent(deps: Deps, raw: z.input<typeof listUntoldUrgentInput>) {
  const input = parseInput(listUntoldUrgentInput, raw);
  if (!isCommittee(input.actor)) return [];
  const scope = await visibleTips(deps.db, input.actor);
  // A tip that became urgent later (the reporter's SMS "1") has a second alerted event: told once is told.
  const untold = sql`exists (select 1 from ${tipEvents} where ${tipEvents.tipId} = ${tips.id} and ${tipEvents.kind} = 'alerted'
    and (${tipEvents.data}->>'told')::int = 0)
    and not exists (select 1 from tip_events a where a.tip_id = ${tips.id} and a.kind = 'alerted' and (a.data->>'told')::int > 0)`;
  return deps.db
    .select({
      id: tips.id,
      trackingCode: tips.trackingCode,
      receivedAt: tips.receivedAt,
      acceptDueAt: tips.acceptDueAt,
      unitName: units.name,
      unitNameEn: units.nameEn,
    })
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .where(and(scope, eq(tips.urgent, true), eq(tips.status, "received"), untold))
    .orderBy(asc(tips.receivedAt), asc(tips.id))
    .limit(BANNER_LIMIT);
}
export type UntoldUrgentTip = Awaited<ReturnType<typeof listUntoldUrgent>>[number];
