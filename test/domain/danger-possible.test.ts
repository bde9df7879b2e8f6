import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectImmediateDanger } from "../../src/domain/classify/index.js";

const level = (text: string) => detectImmediateDanger(text).level;

/**
 * #14 item 2: "possible" is read from the same parts as "urgent" — a hazard under way with nobody said to
 * be there, or people exposed to a standing defect with nothing saying it is now — and never from a
 * word list of its own. Examples from blind set A (the tuning set) and written by hand; none from B.
 */
describe("possible danger: one part short of urgent", () => {
  const a = new Map(
    readFileSync(new URL("../data/tips-blind-A.jsonl", import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; text: string; urgent: boolean })
      .map((t) => [t.id, t]),
  );

  it("a hazard in progress without clear exposure is possible (A144: floors sinking; A193: drums bulging)", () => {
    expect(level(a.get("A144")!.text)).toBe("possible");
    expect(level(a.get("A193")!.text)).toBe("possible");
    expect(level("罐区有个储罐在漏，味道很冲")).toBe("possible");
    expect(level("There's smoke coming out of the warehouse roof in Binyang")).toBe("possible");
  });

  it("exposure without a clear present tense is possible (A090: a crowd behind chained doors)", () => {
    expect(level(a.get("A090")!.text)).toBe("possible");
    expect(level("衡南县车江镇一个工地脚手架有裂缝，上面有工人")).toBe("possible");
    expect(level("衡南县车江镇工地的塔吊有点倾斜，下面有工人")).toBe("possible");
    expect(level("A bus in Yangshuo, far too many passengers on board")).toBe("possible");
  });

  it("adding the missing part makes it urgent: people there now, or out of hand", () => {
    expect(level("罐区有个储罐在漏，味道很冲，现在还有工人在里面干活")).toBe("urgent");
    expect(level("衡南县车江镇一个工地脚手架有裂缝，上面还有工人在干，没人管")).toBe("urgent");
    expect(level("A bus in Yangshuo, far too many passengers on board right now")).toBe("urgent");
    expect(level(a.get("A001")!.text)).toBe("urgent");
  });

  it("a standing defect alone, a past or hypothetical account, or premises left in use stay none", () => {
    expect(level("商场把消防通道和安全出口都堵死了")).toBe("none");
    expect(level("去年这个罐区漏过一次，工人都中毒了")).toBe("none");
    expect(level("万一脚手架塌了，上面的工人都跑不出来")).toBe("none");
    expect(level("教学楼柱子裂了，还在照常上课")).toBe("none");
    expect(level("饭店后厨没有配灭火器")).toBe("none");
  });

  it("possible carries its own words as evidence and never claims urgent", () => {
    const d = detectImmediateDanger("衡南县车江镇一个工地脚手架有裂缝，上面有工人");
    expect(d).toMatchObject({ urgent: false, level: "possible" });
    expect(d.evidence).toEqual(["裂缝", "上面有工人"]);
  });

  it("on blind set A: every urgent tip stays urgent, and fewer than one in ten of the others is asked about", () => {
    const tips = [...a.values()];
    const urgent = tips.filter((t) => t.urgent);
    expect(urgent.filter((t) => level(t.text) !== "urgent")).toEqual([]);
    const asked = tips.filter((t) => !t.urgent && level(t.text) === "possible");
    expect(asked.length / (tips.length - urgent.length)).toBeLessThan(0.1);
  });
});
