import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { tipEvents, tipRewards } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { ROOT_DIR } from "../support/paths.js";

/** Migration 0007's hand-written part: reward decisions stored before the claim workflow become claimable rewards. */
describe.each(DB_KINDS)("reward backfill on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  }, 240_000);
  afterAll(async () => database?.close());

  it("turns the latest positive legacy decision into a reward awaiting claim until the end of the told day", async () => {
    const text = "商场把消防通道和安全出口都堵死了，晚上人很多";
    const paid = await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区" });
    const withdrawn = await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区" });
    const at = new Date("2026-01-05T03:00:00Z");
    await deps.db.insert(tipEvents).values([
      { tipId: paid.tipId, kind: "reward", actor: "staff:1:a", data: { amountYuan: 3000, basis: "罚款2万元×15%", claimBy: "2026-03-06" }, public: true, at },
      { tipId: withdrawn.tipId, kind: "reward", actor: "staff:1:a", data: { amountYuan: 5000, basis: "x", claimBy: "2026-03-06" }, public: true, at },
      { tipId: withdrawn.tipId, kind: "reward", actor: "staff:1:a", data: { amountYuan: 0, basis: "撤销", claimBy: null }, public: true, at },
    ]);
    const file = readFileSync(join(ROOT_DIR, "migrations/0007_reward.sql"), "utf8");
    const handWritten = file.slice(file.indexOf("-- hand-written"));
    await deps.db.execute(sql.raw(handWritten));
    const [row] = await deps.db.select().from(tipRewards).where(eq(tipRewards.tipId, paid.tipId));
    expect(row).toMatchObject({ status: "awaiting_claim", amountYuan: 3000, basis: { kind: "legacy", text: "罚款2万元×15%" }, decidedBy: "staff:1:a" });
    expect(row.claimDueAt.toISOString()).toBe("2026-03-06T15:59:59.999Z");
    expect(await deps.db.select().from(tipRewards).where(eq(tipRewards.tipId, withdrawn.tipId))).toHaveLength(0);
  });
});
