import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { conversations, tipEvents } from "../../src/db/schema.js";
import { endFollowUp, openFollowUp } from "../../src/app/followup/open-follow-up.js";
import { followUpTurn } from "../../src/app/followup/follow-up-turn.js";
import { FOLLOW_UP_MS, followUpKey } from "../../src/app/followup/followup-steps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/** The /status follow-up driven through its verbs: the receipt secret is sealed and opened in the app. */
describe.each(DB_KINDS)("the /status follow-up on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const noDownload = async (): Promise<Uint8Array> => {
    throw new Error("unreachable");
  };
  const compact = (s: string) => s.replace(/-/g, "");

  it("keeps the secret only sealed, adds what the chat sends while adding, and ends on request", async () => {
    const chatId = 83_001;
    const tip = await submitTip(deps, { channel: "web", text: "商场把消防通道和安全出口都堵死了，晚上人很多", place: "南宁市兴宁区" });
    expect(await openFollowUp(deps, { chatId, trackingCode: compact(tip.trackingCode), secret: "WRONG" + compact(tip.secret).slice(5) })).toMatchObject({
      ok: false,
    });
    expect(
      await deps.db
        .select()
        .from(conversations)
        .where(eq(conversations.key, followUpKey(deps, chatId))),
    ).toHaveLength(0);

    expect(await openFollowUp(deps, { chatId, trackingCode: compact(tip.trackingCode), secret: compact(tip.secret) })).toMatchObject({ ok: true });
    const [row] = await deps.db
      .select()
      .from(conversations)
      .where(eq(conversations.key, followUpKey(deps, chatId)));
    expect(JSON.stringify(row.state)).not.toContain(compact(tip.secret));
    expect(JSON.stringify(row.state)).not.toContain(tip.secret);

    // Not adding yet: a message is another feature's.
    expect(await followUpTurn(deps, { chatId, input: { kind: "info", text: "三楼也堵了" } }, noDownload)).toEqual({ kind: "pass" });
    expect(await followUpTurn(deps, { chatId, input: { kind: "add" } }, noDownload)).toEqual({ kind: "ask", trackingCode: tip.trackingCode });
    expect(await followUpTurn(deps, { chatId, input: { kind: "info", text: " 三楼\u200b也堵了 " } }, noDownload)).toEqual({
      kind: "added",
      trackingCode: tip.trackingCode,
    });
    const events = await deps.db
      .select()
      .from(tipEvents)
      .where(and(eq(tipEvents.tipId, tip.tipId), eq(tipEvents.kind, "reporter_info")));
    expect(events.map((e) => (e.data as { text?: string }).text)).toEqual(["三楼也堵了"]);
    expect(await followUpTurn(deps, { chatId, input: { kind: "info", text: "x", file: { fileId: "gone", mimeType: "image/jpeg" } } }, noDownload)).toEqual({
      kind: "file_unsupported",
    });

    expect(await endFollowUp(deps, { chatId })).toBe(true);
    expect(await followUpTurn(deps, { chatId, input: { kind: "info", text: "还有" } }, noDownload)).toEqual({ kind: "pass" });
  });

  it("expires after its time: the sealed secret is removed on sight", async () => {
    const chatId = 83_002;
    const tip = await submitTip(deps, { channel: "web", text: "工地塔吊没有检验就在使用，工人没有安全带", place: "南宁市兴宁区" });
    expect(await openFollowUp(deps, { chatId, trackingCode: compact(tip.trackingCode), secret: compact(tip.secret) })).toMatchObject({ ok: true });
    const later = { ...deps, clock: () => new Date(Date.now() + FOLLOW_UP_MS + 60_000) };
    expect(await followUpTurn(later, { chatId, input: { kind: "add" } }, noDownload)).toEqual({ kind: "expired" });
    expect(
      await deps.db
        .select()
        .from(conversations)
        .where(eq(conversations.key, followUpKey(deps, chatId))),
    ).toHaveLength(0);
  });
});
