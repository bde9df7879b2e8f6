import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { enterpriseGramsOf } from "../../src/app/enterprises/enterprise-grams.js";
import {
  ENTERPRISE_INDEX_CHECK_MS,
  enterpriseIndex,
  enterpriseIndexSettled,
  enterprisesVersion,
  invalidateEnterpriseIndex,
} from "../../src/app/enterprises/enterprise-index.js";
import { findEnterprise, findEnterpriseSql } from "../../src/app/enterprises/find-enterprise.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { enterpriseGrams, enterprises, jurisdictions } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { normalizeEnterpriseName } from "../../src/domain/enterprise-name.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const TRADE = ["宏达", "鑫源", "华盛", "永安", "金泰", "恒通", "明珠", "兴旺", "顺发", "长江", "红星", "云岭"];
const INDUSTRY = ["化工", "建筑工程", "烟花爆竹", "物流", "矿业", "机械制造"];
const code = (n: number) => {
  const first17 = `91450${String(100_000_000_000 + n).slice(-12)}`;
  return first17 + creditCodeCheckChar(first17);
};

describe.each(DB_KINDS)("in-memory enterprise index (%s)", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let counties: { code: string; name: string }[];
  const N = 240;

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    counties = (await deps.db.select({ code: jurisdictions.code, name: jurisdictions.name, level: jurisdictions.level }).from(jurisdictions))
      .filter((j) => j.level === "county")
      .slice(0, 20);
    // A generated set with shared trade names, shared industry words and duplicate normalised names, written
    // directly (as another replica or an old import would) so the index must find them by itself.
    const rows = Array.from({ length: N }, (_, n) => {
      const j = counties[n % counties.length];
      const name =
        n % 50 === 7
          ? `${j.name}${TRADE[0]}${INDUSTRY[0]}有限公司`
          : `${j.name}${TRADE[n % TRADE.length]}${TRADE[(n * 7) % TRADE.length]}${INDUSTRY[n % INDUSTRY.length]}有限公司`;
      return {
        name,
        nameNorm: normalizeEnterpriseName(name),
        creditCode: n % 3 === 0 ? code(n) : null,
        sectorCode: "hazardous_chemicals",
        jurisdictionCode: j.code,
        supervisingLevel: "county" as const,
      };
    });
    const ids = await deps.db.insert(enterprises).values(rows).returning({ id: enterprises.id, name: enterprises.name });
    await deps.db
      .insert(enterpriseGrams)
      .values(ids.flatMap((r) => enterpriseGramsOf(r.name).map((gram) => ({ gram, enterpriseId: r.id }))))
      .onConflictDoNothing();
  });
  afterAll(async () => database?.close());

  it("answers every generated lookup exactly as the SQL lookup does", async () => {
    const stored = await deps.db.select().from(enterprises);
    const queries: { name?: string; creditCode?: string; text?: string }[] = [];
    for (const [i, e] of stored.entries()) {
      queries.push({ name: e.name }); // exact (or a duplicated normalised name → bigrams)
      queries.push({ name: e.name.replace("有限公司", "公司") }); // reporter's shortening
      queries.push({ name: e.name.slice(2, -2) }); // place dropped, suffix cut
      queries.push({ name: [...e.name].filter((_, k) => k % 5 !== 3).join("") }); // characters lost
      if (e.creditCode) {
        queries.push({ creditCode: e.creditCode });
        queries.push({ text: `举报 ${e.creditCode} 这家`, name: "随便写的名字" });
        queries.push({ creditCode: e.creditCode.slice(0, 17) + (e.creditCode[17] === "0" ? "1" : "0"), name: e.name }); // wrong check char
      }
      if (i % 10 === 0) queries.push({ name: `${TRADE[i % TRADE.length]}` }, { name: "完全无关的名称" }, { name: "" }, {});
    }
    queries.push({ creditCode: code(999_999) }); // valid but unknown
    let matched = 0;
    for (const q of queries) {
      const [mem, ref] = [await findEnterprise(deps, q), await findEnterpriseSql(deps, q)];
      expect(mem, JSON.stringify(q)).toEqual(ref);
      if (mem.enterprise) matched++;
    }
    // The set exercises both outcomes: most variants match, the unrelated ones do not.
    expect(matched).toBeGreaterThan(queries.length / 2);
    expect(matched).toBeLessThan(queries.length);
  });

  it("is rebuilt at once after an enterprise is written through this process", async () => {
    const before = await findEnterprise(deps, { name: "桂林市漓江蓝天化工有限公司" });
    expect(before.enterprise).toBeNull();
    const { id } = await upsertEnterprise(deps, {
      name: "桂林市漓江蓝天化工有限公司",
      creditCode: code(77),
      sectorCode: "hazardous_chemicals",
      jurisdictionCode: counties[0].code,
      supervisingLevel: "county",
    });
    expect((await findEnterprise(deps, { name: "桂林市漓江蓝天化工有限公司" })).enterprise?.id).toBe(id);
    // Rename by credit code: the old name no longer leads to it, the new one does.
    await upsertEnterprise(deps, {
      name: "桂林市漓江碧水物流有限公司",
      creditCode: code(77),
      sectorCode: "transport",
      jurisdictionCode: counties[0].code,
      supervisingLevel: "county",
    });
    const renamed = await findEnterprise(deps, { name: "漓江碧水物流公司" });
    expect(renamed.enterprise).toMatchObject({ id, name: "桂林市漓江碧水物流有限公司", sectorCode: "transport" });
    expect((await findEnterprise(deps, { name: "桂林市漓江蓝天化工有限公司" })).enterprise?.id).not.toBe(id);
  });

  it("sees another replica's write after the check interval, through the version the trigger bumps", async () => {
    const t0 = Date.now();
    const built = await enterpriseIndex(deps, t0);
    const v0 = await enterprisesVersion(deps);
    expect(built.version).toBe(v0);
    // Another replica renames an enterprise: nothing in this process is told.
    const [target] = await deps.db.select().from(enterprises).where(sql`${enterprises.creditCode} is not null`).limit(1);
    await deps.db
      .update(enterprises)
      .set({ name: "北海市银滩海风渔业有限公司", nameNorm: normalizeEnterpriseName("北海市银滩海风渔业有限公司") })
      .where(eq(enterprises.id, target.id));
    expect(await enterprisesVersion(deps)).toBe(v0 + 1);
    // Within the interval the index is not asked again (no read per decision) …
    expect((await enterpriseIndex(deps, t0 + 1)).version).toBe(v0);
    // … after it, one version read notices the change and the rebuilt index replaces the old one.
    await enterpriseIndex(deps, t0 + ENTERPRISE_INDEX_CHECK_MS + 1);
    await enterpriseIndexSettled(deps.database);
    const after = await enterpriseIndex(deps, t0 + ENTERPRISE_INDEX_CHECK_MS + 2);
    expect(after.version).toBe(v0 + 1);
    expect((await findEnterprise(deps, { name: "北海市银滩海风渔业有限公司" })).enterprise?.id).toBe(target.id);
  });

  it("counts every statement that writes enterprises, blacklist flags and deletes included", async () => {
    const v0 = await enterprisesVersion(deps);
    await deps.db.update(enterprises).set({ blacklisted: true }).where(sql`false`);
    await deps.db
      .update(enterprises)
      .set({ riskClass: "poor" })
      .where(eq(enterprises.creditCode, code(0)));
    const [extra] = await deps.db
      .insert(enterprises)
      .values({
        name: "临时删除测试有限公司",
        nameNorm: normalizeEnterpriseName("临时删除测试有限公司"),
        sectorCode: "transport",
        jurisdictionCode: counties[0].code,
        supervisingLevel: "county",
      })
      .returning({ id: enterprises.id });
    await deps.db.delete(enterprises).where(eq(enterprises.id, extra.id));
    expect(await enterprisesVersion(deps)).toBe(v0 + 4);
    invalidateEnterpriseIndex(deps.database);
    expect((await enterpriseIndex(deps)).version).toBe(v0 + 4);
  });
});
