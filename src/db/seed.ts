import { sql } from "drizzle-orm";
import divisions from "./seed/divisions.json" with { type: "json" };
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client.js";
import { appMeta, campaignTemplates, jurisdictions, metrics, routingRules, sectors, unitSectors, units } from "./schema.js";
import { SECTORS } from "../domain/sectors.js";
import { METRICS } from "../domain/figures.js";
import { CAMPAIGN_TEMPLATES } from "../domain/campaign-templates.js";
import { defaultUnitsFor, fullNameOf, type JurisdictionRow } from "../domain/unit-catalog.js";
import { shortName } from "../domain/places/index.js";

/** Counties whose townships get a government unit of their own (Hengnan's plan assigns duties to them). */
export const TOWNSHIP_UNIT_COUNTIES = ["430422"];

export interface SeedReport {
  jurisdictions: number;
  sectors: number;
  units: number;
  routingRules: number;
  metrics: number;
  campaignTemplates: number;
}

/**
 * Load the default data. Idempotent: every row has a natural key and is inserted with ON CONFLICT DO
 * NOTHING, so running it twice changes nothing and never overwrites what staff edited (routing rules).
 */
export async function seedDefaults(db: DbOrTx): Promise<SeedReport> {
  return db.transaction(async (tx) => {
    const rows = divisions as JurisdictionRow[];
    const byCode = new Map(rows.map((r) => [r.code, r]));
    await insertChunks(
      tx,
      jurisdictions,
      rows.map((r) => ({
        code: r.code,
        parentCode: r.parentCode,
        name: r.name,
        level: r.level,
        shortName: shortName(r.name, r.level),
        fullName: fullNameOf(r.code, byCode),
      })),
    );
    await tx
      .insert(sectors)
      .values(SECTORS.map((s, i) => ({ code: s.code, nameZh: s.zh, nameEn: s.en, department: s.department, position: i + 1 })))
      .onConflictDoNothing();
    await tx
      .insert(metrics)
      .values(
        METRICS.map((m) => ({
          code: m.code,
          position: m.position,
          nameZh: m.zh,
          nameEn: m.en,
          unitZh: m.unit,
          unitEn: m.unitEn,
          decimals: m.kind === "money_wan" ? 2 : 0,
        })),
      )
      .onConflictDoNothing();
    for (const t of CAMPAIGN_TEMPLATES) {
      await tx.insert(campaignTemplates).values({ code: t.code, name: t.nameZh, source: t.source, body: t }).onConflictDoNothing();
    }

    const seeds = rows.flatMap((j) => defaultUnitsFor(j, { townshipUnits: TOWNSHIP_UNIT_COUNTIES.includes(j.parentCode ?? "") }));
    await insertChunks(
      tx,
      units,
      seeds.map((u) => ({ key: u.key, name: u.name, nameEn: u.nameEn, kind: u.kind, department: u.department, jurisdictionCode: u.jurisdictionCode })),
    );
    const ids = new Map((await tx.select({ id: units.id, key: units.key }).from(units)).map((u) => [u.key, u.id]));
    const links = seeds.flatMap((u) => u.sectors.map((s) => ({ unitId: ids.get(u.key)!, sectorCode: s })));
    await insertChunks(tx, unitSectors, links);
    await insertChunks(
      tx,
      routingRules,
      seeds.flatMap((u) =>
        u.sectors.map((s) => ({
          sectorCode: s,
          jurisdictionCode: u.jurisdictionCode,
          unitId: ids.get(u.key)!,
          note: "默认：谁主管谁负责",
        })),
      ),
    );
    await tx.insert(appMeta).values({ key: "seeded_at", value: new Date().toISOString() }).onConflictDoNothing();
    return countAll(tx);
  });
}

export async function countAll(db: DbOrTx): Promise<SeedReport> {
  const count = async (table: PgTable) => Number((await db.select({ n: sql<number>`count(*)` }).from(table))[0].n);
  return {
    jurisdictions: await count(jurisdictions),
    sectors: await count(sectors),
    units: await count(units),
    routingRules: await count(routingRules),
    metrics: await count(metrics),
    campaignTemplates: await count(campaignTemplates),
  };
}

export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(appMeta).where(sql`${appMeta.key} = 'seeded_at'`);
  return Number(row.n) > 0;
}

/** PostgreSQL caps bind parameters at 65,535 per statement: insert big lists in chunks. */
async function insertChunks<T extends PgTable>(tx: DbOrTx, table: T, values: T["$inferInsert"][], size = 500): Promise<void> {
  for (let i = 0; i < values.length; i += size) {
    await tx
      .insert(table)
      .values(values.slice(i, i + size))
      .onConflictDoNothing();
  }
}
