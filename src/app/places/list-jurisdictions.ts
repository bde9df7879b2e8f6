import { z } from "zod";
import type { Deps } from "../deps.js";
import { routingSnapshot } from "../routing/routing-cache.js";

export const listJurisdictionsInput = z.object({
  /** null lists the top level (provinces). */
  parentCode: z
    .string()
    .regex(/^\d{6,9}$/)
    .nullable(),
});

export interface JurisdictionChoice {
  code: string;
  name: string;
  level: "province" | "city" | "county" | "township";
}

/**
 * The children of one jurisdiction, in code order, for place pickers (web form selects, bot keyboards).
 * Served from the routing snapshot that every tip already loads, so a form page costs no query.
 */
export async function listJurisdictions(deps: Pick<Deps, "db" | "database">, raw: z.input<typeof listJurisdictionsInput>): Promise<JurisdictionChoice[]> {
  const { parentCode } = listJurisdictionsInput.parse(raw);
  const snapshot = await routingSnapshot(deps);
  const out: JurisdictionChoice[] = [];
  for (const j of snapshot.jurisdictionsByCode.values()) {
    if (j.parentCode === parentCode) out.push({ code: j.code, name: j.name, level: j.level });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
