import { z } from "zod";
import type { Deps } from "../deps.js";
import { routingSnapshot } from "../routing/routing-cache.js";

export const getJurisdictionInput = z.object({ code: z.string().regex(/^\d{6,9}$/) });

export interface JurisdictionDetail {
  code: string;
  name: string;
  /** The chain from the province down, e.g. 广西壮族自治区南宁市兴宁区. */
  fullName: string;
  level: "province" | "city" | "county" | "township";
  parentCode: string | null;
}

/**
 * One jurisdiction by GB/T 2260 code, or null when there is none (a malformed code is "none" too): a
 * place picker checks a code from a button before it goes into a tip. Served from the routing snapshot.
 */
export async function getJurisdiction(deps: Pick<Deps, "db" | "database">, raw: z.input<typeof getJurisdictionInput>): Promise<JurisdictionDetail | null> {
  const parsed = getJurisdictionInput.safeParse(raw);
  if (!parsed.success) return null;
  const snapshot = await routingSnapshot(deps);
  const j = snapshot.jurisdictionsByCode.get(parsed.data.code);
  return j ? { code: j.code, name: j.name, fullName: j.fullName, level: j.level, parentCode: j.parentCode } : null;
}
