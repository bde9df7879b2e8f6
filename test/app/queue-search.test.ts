import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import type { Deps } from "../../src/app/deps.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { listTips, searchConditions } from "../../src/app/triage/list-tips.js";
import { rows } from "../../src/db/client.js";
import { tips } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/**
 * Queue text search (issue 6 part 2) goes through a bigram index (migration 0003). Whatever the query, the
 * queue must return exactly the tips whose text contains it, ignoring case — checked against a plain
 * JavaScript `includes` over a corpus built to contain the awkward cases: two-character Chinese terms,
 * repeated bigrams, mixed-case Latin, LIKE's own wildcards, backslashes and spaces.
 */
const CORPUS = [
  "商场把消防通道和安全出口都堵死了，晚上人很多",
  "加油站旁边有人违规卸油，消防器材过期",
  "煤矿井下瓦斯超限还在生产，通风不行",
  "燃气管道漏气，闻到很重的味道，燃气公司不管",
  "工地塔吊没有检测合格证，工人没戴安全帽",
  "哈哈哈哈哈，老板让我们连续加班，粉尘很大",
  "Chemical plant stores LPG cylinders next to the boiler room",
  "化工厂 LPG 储罐 100% 装满，阀门漏了 50_60 次",
  "仓库里 C:\\temp 这样的标签贴满了电瓶车充电区",
  "电动车在楼道里充电 Fire EXIT blocked",
  "消防消防消防 通道通道",
  "矿山 mine 的 Mine 和 MINE",
];
const ALPHABET = [..."消防通道燃气煤矿哈老板 abcLPGlpgmineMINE%_\\:100"];

describe.each(DB_KINDS)("queue text search on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let committee: StaffActor;
  const ids: { id: number; text: string; code: string }[] = [];

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    committee = { id: 1, username: "gx", displayName: "GX", role: "committee", jurisdictionCode: "450000", unitId: null, locale: "zh-CN" };
    for (const text of CORPUS) {
      const { tipId } = await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区", reporter: { consent: false } });
      const [row] = await deps.db.select({ code: tips.trackingCode }).from(tips).where(eq(tips.id, tipId));
      ids.push({ id: tipId, text, code: row.code });
    }
  }, 60_000);
  afterAll(async () => database?.close());

  const expected = (q: string) => {
    const needle = q.trim().toLowerCase();
    return ids
      .filter((t) => t.text.toLowerCase().includes(needle) || t.code === q.trim().toUpperCase())
      .map((t) => t.id)
      .sort((a, b) => a - b);
  };
  const found = async (q: string) => (await listTips(deps, { actor: committee, q, pageSize: 200 })).rows.map((r) => r.id).sort((a, b) => a - b);

  it("finds exactly the tips containing the query, for hand-picked awkward queries", async () => {
    for (const q of [
      "消防",
      "消防通道",
      "通道通道",
      "哈哈哈",
      "哈",
      "lpg",
      "LPG 储罐",
      "100%",
      "50_60",
      "%",
      "_",
      "C:\\temp",
      "\\",
      "mine",
      "exit BLOCKED",
      "气",
      "燃气公司",
      "防通",
      "不存在的词",
    ]) {
      expect(await found(q), q).toEqual(expected(q));
    }
    expect(await found("消防")).toHaveLength(3);
    expect(await found("%")).toHaveLength(1);
    expect(await found(ids[3].code)).toEqual([ids[3].id]);
  });

  it("finds exactly the tips containing the query, for generated substrings and strings", async () => {
    const fromCorpus = fc
      .tuple(fc.nat(CORPUS.length - 1), fc.nat(60), fc.integer({ min: 1, max: 6 }), fc.boolean())
      .map(([i, at, len, upper]) => {
        const s = [...CORPUS[i]].slice(at % CORPUS[i].length, (at % CORPUS[i].length) + len).join("");
        return upper ? s.toUpperCase() : s;
      })
      .filter((s) => s.trim().length > 0);
    const random = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 5 }).filter((s) => s.trim().length > 0);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fromCorpus, random), async (q) => {
        expect(await found(q), JSON.stringify(q)).toEqual(expected(q));
      }),
      { numRuns: 120 },
    );
  });

  it("answers a two-character query from the bigram index and never recomputes bigrams row by row", async () => {
    const plan = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const query = tx
        .select({ id: tips.id })
        .from(tips)
        .where(and(...searchConditions("消防")))
        .toSQL();
      return (await rows<Record<string, string>>(tx, sql.raw(`explain ${inline(query.sql, query.params)}`))).map((r) => Object.values(r)[0]);
    });
    expect(plan.join("\n")).toContain("tips_text_bigrams_idx");
    expect(plan.filter((line) => /Filter:/.test(line)).join("\n")).not.toContain("jubao_bigrams");
  });
});

/** EXPLAIN takes no bind parameters: inline the (string) parameters as quoted literals. */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n) => `'${String(params[Number(n) - 1]).replace(/'/g, "''")}'`);
}
