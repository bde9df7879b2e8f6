import { desc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { auditLinks, auditLog } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import { jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import type { StaffActor } from "../staff/actor.js";

/** An audit row and its chain hash (null until the sequencer has linked it, a second or so). */
export type AuditRow = typeof auditLog.$inferSelect & { chainHash: string | null };

/**
 * The latest audit entries, newest first, that this person may read: admins all of them, committee
 * staff those whose record lies in their jurisdiction's subtree today (a tip by its jurisdiction, as
 * on the queue; a unit, liaison, report or obligation by its unit; an enterprise, rule or campaign by
 * its own code; a staff account by its unit or jurisdiction). An entry without a record (an import)
 * is shown to the subtree of the staff member who made it. Entries name staff and carry their reasons,
 * so nothing outside the subtree is shown, not even a count.
 */
export async function recentAudit(deps: Pick<Deps, "db">, input: { actor: StaffActor; limit?: number }): Promise<AuditRow[]> {
  requireManager(input.actor);
  const prefix = await jurisdictionPrefix(deps.db, input.actor);
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 500);
  return deps.db
    .select({ ...getTableColumns(auditLog), chainHash: auditLinks.hash })
    .from(auditLog)
    .leftJoin(auditLinks, eq(auditLinks.auditId, auditLog.id))
    .where(prefix === null ? sql`true` : auditInScope(prefix))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/**
 * Every audited entity kind must appear here; an unknown kind is shown to admins only. Open311 api_keys
 * (open311_key) serve every jurisdiction and are issued by admins: their entries are the admins' alone.
 */
function auditInScope(prefix: string): SQL {
  if (prefix === "") return sql`false`;
  const p = `${prefix}%`;
  const id = sql`audit_log.entity_id`;
  const staffCode = sql`coalesce((select u.jurisdiction_code from units u where u.id = s.unit_id), s.jurisdiction_code)`;
  return sql`(
    (audit_log.entity = 'tip' and exists (select 1 from tips t where t.id::text = ${id} and t.jurisdiction_code like ${p}))
    or (audit_log.entity = 'unit' and exists (select 1 from units u where u.id::text = ${id} and u.jurisdiction_code like ${p}))
    or (audit_log.entity = 'enterprise' and exists (select 1 from enterprises e where e.id::text = ${id} and e.jurisdiction_code like ${p}))
    or (audit_log.entity = 'exposure' and exists (select 1 from exposures x where x.id::text = ${id} and x.jurisdiction_code like ${p}))
    or (audit_log.entity = 'campaign' and exists (select 1 from campaigns c where c.id::text = ${id} and c.issuing_jurisdiction_code like ${p}))
    or (audit_log.entity = 'liaison' and exists (select 1 from liaisons l join units u on u.id = l.unit_id where l.id::text = ${id} and u.jurisdiction_code like ${p}))
    or (audit_log.entity = 'monthly_report' and exists (select 1 from monthly_reports m join units u on u.id = m.unit_id where m.id::text = ${id} and u.jurisdiction_code like ${p}))
    or (audit_log.entity = 'obligation' and exists (select 1 from obligations o join units u on u.id = o.unit_id where o.id::text = ${id} and u.jurisdiction_code like ${p}))
    or (audit_log.entity = 'staff_user' and exists (select 1 from staff_users s where s.id::text = ${id} and ${staffCode} like ${p}))
    or (audit_log.entity = 'routing_rule' and coalesce(audit_log.after->>'jurisdictionCode', audit_log.before->>'jurisdictionCode') like ${p})
    or (audit_log.entity = 'inspection' and exists (select 1 from inspections i join units u on u.id = i.unit_id where i.id::text = ${id} and u.jurisdiction_code like ${p}))
    or (audit_log.entity = 'inspector' and exists (select 1 from inspectors r join units u on u.id = r.unit_id where r.id::text = ${id} and u.jurisdiction_code like ${p}))
    or (audit_log.entity = 'routing_suggestion' and audit_log.after->>'jurisdictionCode' like ${p})
    or (audit_log.entity = 'open311_key' and false)
    or (audit_log.entity = 'routing_sector_rule' and exists (select 1 from staff_users s where 'staff:' || s.id || ':' || s.username = audit_log.actor and ${staffCode} like ${p}))
    or (audit_log.entity = 'enforcement_plan' and exists (select 1 from enforcement_plans ep join units u on u.id = ep.unit_id where ep.id::text = ${id} and u.jurisdiction_code like ${p}))
    or (audit_log.entity = 'plan_item' and exists (select 1 from plan_items pi join enforcement_plans ep on ep.id = pi.plan_id join units u on u.id = ep.unit_id where pi.id::text = ${id} and u.jurisdiction_code like ${p}))
    or (audit_log.entity = 'draw' and exists (select 1 from draws d join units u on u.id = d.unit_id where d.id::text = ${id} and u.jurisdiction_code like ${p}))
    -- Checks per year are one province-wide table: every committee sees its changes.
    or (audit_log.entity = 'check_frequency')
    or (${id} is null and exists (select 1 from staff_users s where 'staff:' || s.id || ':' || s.username = audit_log.actor and ${staffCode} like ${p}))
  )`;
}
