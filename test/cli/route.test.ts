import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { processEnv } from "../support/cli-env.js";
import { startProcess } from "../support/process.js";

describe.each(DB_KINDS)("npm run cli -- route on %s", (kind) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ env, cleanup } = await processEnv(kind));
  });
  afterAll(async () => cleanup?.());

  it("reads JSON Lines and writes one decision per line, reporting bad lines without stopping", async () => {
    const p = startProcess("src/cli.ts", ["route"], env);
    p.child.stdin!.end(
      [
        JSON.stringify({ text: "商场把消防通道和安全出口都堵死了", place: "南宁市兴宁区", enterprise: "" }),
        "this is not json",
        JSON.stringify({ text: "the tower crane on the site has no inspection", place: "阳朔", enterprise: "", urgent: true }),
        JSON.stringify({ text: "随便说说", place: "衡南县", enterprise: "", sector: "fireworks" }),
      ].join("\n") + "\n",
    );
    expect(await p.exited).toBe(1); // one bad line
    const lines = p
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"));
    expect(lines).toHaveLength(4);
    const [fire, bad, crane, chosen] = lines.map((l) => JSON.parse(l));
    expect(fire).toMatchObject({
      sector: "fire_safety",
      jurisdiction: { code: "450102", name: "兴宁区" },
      tier: "city",
      unit: { name: "南宁市消防救援支队" },
      urgent: false,
    });
    expect(fire.confidence).toBeGreaterThan(0.4);
    expect(fire.unit.id).toEqual(expect.any(Number));
    expect(fire.explanation).toContain("兴宁区无消防单位");
    expect(bad).toEqual({ line: 2, error: "not valid JSON" });
    expect(crane).toMatchObject({ sector: "construction", jurisdiction: { code: "450321" }, unit: { name: "阳朔县住房和城乡建设局" }, urgent: true });
    expect(chosen).toMatchObject({ sector: "fireworks", unit: { name: "衡南县应急管理局" } });
  }, 120_000);
});
