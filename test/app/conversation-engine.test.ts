import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { chatPrefs } from "../../src/db/schema.js";
import { endConversation, runTurn, startConversation, type ConversationDef } from "../../src/app/conversations/engine.js";
import { loadConversation } from "../../src/app/conversations/load-conversation.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/** A tally: "add" saves, "show" stays, "stop" ends, "store" finishes by writing a row in the same transaction. */
interface Tally {
  n: number;
}
type Input = { kind: "add" | "show" | "stop" } | { kind: "store"; as: string; fail?: boolean };
const tally: ConversationDef<Tally, Input, number> = {
  flow: "tally",
  accepts: (stored) => stored.flow === "tally",
  async step(state, input) {
    // A yield between load and save, so concurrent turns really interleave on the server.
    await new Promise((r) => setTimeout(r, 5));
    switch (input.kind) {
      case "add":
        return { kind: "save", state: { n: state.n + 1 }, out: state.n + 1 };
      case "show":
        return { kind: "stay", out: state.n };
      case "stop":
        return { kind: "end", out: state.n };
      case "store":
        return {
          kind: "finish",
          async work(tx) {
            await tx.db.insert(chatPrefs).values({ chatHash: input.as, locale: String(state.n) });
            if (input.fail) throw new Error("storage failed");
            return state.n;
          },
        };
    }
  },
};

describe.each(DB_KINDS)("the conversation engine on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind, { seeded: false });
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  it("answers none without a conversation, saves, stays and ends", async () => {
    expect(await runTurn(deps, tally, "k1", { kind: "add" })).toEqual({ kind: "none" });
    expect(await startConversation(deps, tally, "k1", { n: 0 }, { replace: false })).toEqual({ kind: "started", state: { n: 0 } });
    expect(await startConversation(deps, tally, "k1", { n: 9 }, { replace: false })).toEqual({ kind: "existing", state: { n: 0 } });
    expect(await runTurn(deps, tally, "k1", { kind: "add" })).toEqual({ kind: "done", out: 1 });
    const before = await loadConversation(deps, { key: "k1" });
    expect(await runTurn(deps, tally, "k1", { kind: "show" })).toEqual({ kind: "done", out: 1 });
    expect((await loadConversation(deps, { key: "k1" }))!.version).toBe(before!.version);
    expect(await runTurn(deps, tally, "k1", { kind: "stop" })).toEqual({ kind: "done", out: 1 });
    expect(await loadConversation(deps, { key: "k1" })).toBeNull();
  });

  it("applies concurrent inputs one after another: a loser reloads and re-applies, nothing is lost", async () => {
    await startConversation(deps, tally, "k2", { n: 0 }, { replace: true });
    const turns = await Promise.all(Array.from({ length: 3 }, () => runTurn(deps, tally, "k2", { kind: "add" })));
    const done = turns.filter((t) => t.kind === "done").length;
    // Three attempts each: with three racers every one gets through; a conflict would be a value, not a throw.
    expect(done).toBe(3);
    expect((await loadConversation<Tally>(deps, { key: "k2" }))!.state.n).toBe(3);
  });

  it("finishes at most once: the result and the end of the conversation commit together", async () => {
    await startConversation(deps, tally, "k3", { n: 5 }, { replace: true });
    await expect(runTurn(deps, tally, "k3", { kind: "store", as: "fin-x", fail: true })).rejects.toThrow("storage failed");
    expect(await loadConversation(deps, { key: "k3" })).not.toBeNull(); // rolled back: still open
    expect(await deps.db.select().from(chatPrefs).where(eq(chatPrefs.chatHash, "fin-x"))).toHaveLength(0);

    const both = await Promise.all([runTurn(deps, tally, "k3", { kind: "store", as: "fin-a" }), runTurn(deps, tally, "k3", { kind: "store", as: "fin-b" })]);
    expect(both.filter((t) => t.kind === "done")).toHaveLength(1);
    expect(both.filter((t) => t.kind === "none")).toHaveLength(1);
    const stored = [
      ...(await deps.db.select().from(chatPrefs).where(eq(chatPrefs.chatHash, "fin-a"))),
      ...(await deps.db.select().from(chatPrefs).where(eq(chatPrefs.chatHash, "fin-b"))),
    ];
    expect(stored).toHaveLength(1);
    expect(await loadConversation(deps, { key: "k3" })).toBeNull();
  });

  it("ends unconditionally on request and says whether there was one", async () => {
    await startConversation(deps, tally, "k4", { n: 1 }, { replace: true });
    expect(await endConversation(deps, "k4")).toBe(true);
    expect(await endConversation(deps, "k4")).toBe(false);
  });
});
