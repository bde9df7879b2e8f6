import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { tips } from "../../src/db/schema.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/** #14 item 2: where a tip's urgency came from is stored when it is decided, not inferred when shown. */
describe.each(DB_KINDS)("the stored source of a tip's urgency, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const stored = async (text: string, urgent: boolean) => {
    const tip = await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区", urgent });
    const [row] = await deps.db.select().from(tips).where(eq(tips.id, tip.tipId));
    return { row, routing: tip.routing };
  };

  it("reporter, classifier, both, or none; a possibly urgent tip keeps the committee to alert should it be confirmed", async () => {
    const trapped = "兴宁区一个工地基坑塌方，有两名工人被困在下面";
    expect((await stored(trapped, true)).row).toMatchObject({ urgent: true, urgencySource: "both" });
    expect((await stored(trapped, false)).row).toMatchObject({ urgent: true, urgencySource: "classifier" });
    expect((await stored("兴宁区一家商场把消防通道堵死了", true)).row).toMatchObject({ urgent: true, urgencySource: "reporter" });
    expect((await stored("兴宁区一家商场把消防通道堵死了", false)).row).toMatchObject({ urgent: false, urgencySource: null });

    const { row, routing } = await stored("兴宁区一个工地脚手架有裂缝，上面有工人", false);
    expect(row).toMatchObject({ urgent: false, urgencySource: null });
    expect(routing).toMatchObject({ possiblyUrgent: true, possibleEvidence: ["裂缝", "上面有工人"], alsoAlert: null });
    expect(routing.alertIfConfirmed?.name).toBe("南宁市安委办");
    expect(row.routing).toMatchObject({ possibleEvidence: ["裂缝", "上面有工人"], alertIfConfirmed: routing.alertIfConfirmed!.id });
    // The reporter's own flag settles it: nothing to ask.
    expect((await stored("兴宁区一个工地脚手架有裂缝，上面有工人", true)).routing).toMatchObject({ urgent: true, possiblyUrgent: false });
  });
});
