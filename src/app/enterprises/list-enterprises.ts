import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { enterprises } from "../../db/schema.js";
import { normalizeCreditCode } from "../../domain/credit-code.js";
import { AppError, type Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { jurisdictionPrefix, inPrefix, withinPrefix } from "../manage/manage-scope.js";

export const PAGE_SIZE = 50;
export const listEnterprisesInput = z.object({ q: z.string().trim().max(100).optional(), page: z.coerce.number().int().min(1).max(10_000).default(1) });

export type EnterpriseRow = typeof enterprises.$inferSelect;

/** Enterprises in the person's jurisdiction subtree, searched by name or credit-code prefix, 50 a page. */
export async function listEnterprises(deps: Deps, actor: StaffActor, raw: z.input<typeof listEnterprisesInput>) {
  const parsed = listEnterprisesInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid search");
  const { q, page } = parsed.data;
  const scope = withinPrefix(enterprises.jurisdictionCode, await jurisdictionPrefix(deps.db, actor));
  // LIKE wildcards typed by a person are searched for literally.
  const literal = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
  const search = q ? or(ilike(enterprises.name, `%${literal(q)}%`), ilike(enterprises.creditCode, `${literal(normalizeCreditCode(q))}%`)) : undefined;
  const where = and(scope, search);
  const [{ total }] = await deps.db.select({ total: sql<number>`count(*)::int` }).from(enterprises).where(where);
  const found = await deps.db
    .select()
    .from(enterprises)
    .where(where)
    .orderBy(asc(enterprises.name), asc(enterprises.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { rows: found, total: Number(total), page, pages: Math.max(1, Math.ceil(Number(total) / PAGE_SIZE)) };
}

/** One enterprise in scope, or not_found. */
export async function getVisibleEnterprise(deps: Deps, actor: StaffActor, ref: string): Promise<EnterpriseRow> {
  if (!/^\d{1,9}$/.test(ref)) throw new AppError("not_found", "no such enterprise");
  const [row] = await deps.db
    .select()
    .from(enterprises)
    .where(eq(enterprises.id, Number(ref)));
  if (!row || !inPrefix(row.jurisdictionCode, await jurisdictionPrefix(deps.db, actor))) throw new AppError("not_found", "no such enterprise");
  return row;
}
