import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { blacklistEntries, enterprises } from "../../db/schema.js";
import { validateCreditCode } from "../../domain/credit-code.js";
import { readCsvTable, unguardCell, writeCsv } from "../../domain/csv.js";
import { garbled } from "../../domain/mojibake.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { withTransaction } from "../with-transaction.js";
import { insertListing, listingFields, type ListingFields } from "./add-listing.js";
import { listListings } from "./list-listings.js";

/** The columns an import needs; `name`, `status`, `removed_on`, `removal_reason` are written by the export and read back only as status. */
export const BLACKLIST_CSV_COLUMNS = ["credit_code", "legal_basis", "listing_unit", "starts_on", "planned_end_on", "reason"] as const;
export const BLACKLIST_EXPORT_COLUMNS = ["credit_code", "name", ...BLACKLIST_CSV_COLUMNS.slice(1), "status", "removed_on", "removal_reason"] as const;
const MAX_ROWS = 5_000;

export interface BlacklistRowError {
  row: number;
  field: string;
  code:
    | "csv"
    | "encoding"
    | "garbled"
    | "header"
    | "empty"
    | "too_many"
    | "required"
    | "credit_length"
    | "credit_charset"
    | "credit_check"
    | "unknown_enterprise"
    | "scope"
    | "invalid"
    | "status";
  detail?: string;
}
export type BlacklistImportResult = { ok: true; rows: number; listed: number; skipped: number } | { ok: false; errors: BlacklistRowError[] };

export const importBlacklistInput = z.union([
  z.object({ csv: z.string().max(4_000_000) }),
  z.object({ bytes: z.instanceof(Uint8Array).refine((b) => b.length <= 4_000_000) }),
]);

/**
 * The 黑名单 from a CSV in the registry's shape (the shared reader: any Excel encoding, header in any
 * order). The credit code names the enterprise, which must be in the registry and in scope. All or
 * nothing: one bad row writes nothing and every problem is reported by row and column. A row already in
 * force (same enterprise, start and legal basis) is skipped, so an export imported again changes nothing;
 * a row whose status is `removed` (history from an export) is skipped too — removal happens only by a
 * second person's approval here.
 */
export async function importBlacklist(deps: Deps, actor: StaffActor, raw: z.input<typeof importBlacklistInput>): Promise<BlacklistImportResult> {
  requireManager(actor);
  const parsed = importBlacklistInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "file too large");
  const table = readCsvTable(parsed.data, BLACKLIST_CSV_COLUMNS, MAX_ROWS);
  if (!table.ok) return { ok: false, errors: [table.error] };
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const codes = table.records.map((r) => validateCreditCode(table.get(r, "credit_code"))).flatMap((v) => (v.ok ? [v.code] : []));
  const known = new Map(
    codes.length
      ? (
          await deps.db
            .select()
            .from(enterprises)
            .where(inArray(enterprises.creditCode, [...new Set(codes)]))
        ).map((e) => [e.creditCode!, e])
      : [],
  );
  const errors: BlacklistRowError[] = [];
  const rows: { enterpriseId: number; fields: ListingFields }[] = [];
  let skipped = 0;
  for (const record of table.records) {
    const get = (c: string) => unguardCell(table.get(record, c));
    const bad = (field: string, code: BlacklistRowError["code"], detail?: string) =>
      errors.push({ row: record.line, field, code, ...(detail ? { detail } : {}) });
    const before = errors.length;
    for (const c of [...BLACKLIST_CSV_COLUMNS, "status"]) if (garbled(get(c))) bad(c, "garbled");
    if (errors.length > before) continue;
    const status = get("status").toLowerCase();
    if (status && !["listed", "removal_requested", "removed"].includes(status)) bad("status", "status", status);
    const credit = validateCreditCode(get("credit_code"));
    if (!get("credit_code")) bad("credit_code", "required");
    else if (!credit.ok) bad("credit_code", `credit_${credit.reason}`, credit.expected);
    const e = credit.ok ? known.get(credit.code) : undefined;
    if (credit.ok && !e) bad("credit_code", "unknown_enterprise", credit.code);
    else if (e && !inPrefix(e.jurisdictionCode, prefix)) bad("credit_code", "scope", credit.ok ? credit.code : undefined);
    const fields = listingFields.safeParse({
      legalBasis: get("legal_basis"),
      listingUnit: get("listing_unit"),
      startsOn: get("starts_on"),
      plannedEndOn: get("planned_end_on") || null,
      reason: get("reason"),
    });
    if (!fields.success) {
      const map: Record<string, string> = {
        legalBasis: "legal_basis",
        listingUnit: "listing_unit",
        startsOn: "starts_on",
        plannedEndOn: "planned_end_on",
        reason: "reason",
      };
      for (const f of new Set(fields.error.issues.map((i) => String(i.path[0])))) bad(map[f] ?? f, "invalid");
    }
    if (errors.length > before || !e || !fields.success) continue;
    if (status === "removed") skipped += 1;
    else rows.push({ enterpriseId: e.id, fields: fields.data });
  }
  if (errors.length) return { ok: false, errors };

  const now = deps.clock();
  const by = actorLabel(actor);
  return withTransaction(deps, async (tx) => {
    let listed = 0;
    for (const r of rows) {
      const [e] = await tx.db.select().from(enterprises).where(eq(enterprises.id, r.enterpriseId)).for("update");
      const [same] = await tx.db
        .select({ id: blacklistEntries.id })
        .from(blacklistEntries)
        .where(
          and(
            eq(blacklistEntries.enterpriseId, e.id),
            eq(blacklistEntries.startsOn, r.fields.startsOn),
            eq(blacklistEntries.legalBasis, r.fields.legalBasis),
            inArray(blacklistEntries.status, ["listed", "removal_requested"]),
          ),
        );
      if (same) {
        skipped += 1;
        continue;
      }
      await insertListing(tx.db, e, r.fields, by, now);
      listed += 1;
    }
    await appendAudit(tx.db, { actor: by, action: "blacklist.imported", entity: "enterprise", after: { rows: table.records.length, listed, skipped } }, now);
    return { ok: true as const, rows: table.records.length, listed, skipped };
  });
}

/** Every listing in scope (in force and ended) as CSV text, the columns of BLACKLIST_EXPORT_COLUMNS. */
export async function exportBlacklist(deps: Deps, actor: StaffActor): Promise<string> {
  requireManager(actor);
  const all = await listListings(deps, actor, { limit: 100_000 });
  all.sort((a, b) => a.id - b.id);
  return writeCsv([
    [...BLACKLIST_EXPORT_COLUMNS],
    ...all.map((l) => [
      l.creditCode ?? "",
      l.enterpriseName,
      l.legalBasis,
      l.listingUnit,
      String(l.startsOn),
      l.plannedEndOn ? String(l.plannedEndOn) : "",
      l.reason,
      l.status,
      l.removedOn ? String(l.removedOn) : "",
      l.removalReason ?? "",
    ]),
  ]);
}
