import { describe, expect, it } from "vitest";
import { compileAutomaton, dropContained, findAll, type Hit } from "../../src/domain/classify/matcher.js";

/** The longest-match rule as first written: sort by start (longest first), keep what reaches further. */
function dropContainedBySorting(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  let reach = -1;
  for (const h of sorted) {
    if (h.end > reach) kept.push(h);
    reach = Math.max(reach, h.end);
  }
  return kept;
}

describe("vocabulary automaton", () => {
  it("finds every term, and the longest-match rule keeps exactly what sorting by start kept", () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = "煤矿非山气高炉ab ";
    const word = (min: number, max: number) => Array.from({ length: min + rand(max - min + 1) }, () => alphabet[rand(alphabet.length)]).join("");
    for (let round = 0; round < 200; round++) {
      const patterns = [...new Set(Array.from({ length: 1 + rand(12) }, () => word(1, 4)))];
      const automaton = compileAutomaton(patterns);
      const text = word(0, 40);
      const hits = findAll(automaton, text);
      const naive: Hit[] = [];
      // By end, and at one end longest first: the order dropContained relies on.
      for (let end = 1; end <= text.length; end++)
        for (let start = 0; start < end; start++) {
          const p = patterns.indexOf(text.slice(start, end));
          if (p >= 0) naive.push({ pattern: p, start, end });
        }
      expect(hits).toEqual(naive);
      expect(dropContained(hits)).toEqual(dropContainedBySorting(hits));
    }
  });

  it("keeps 非煤矿山 and drops the 煤矿 inside it", () => {
    const a = compileAutomaton(["煤矿", "非煤矿山", "山"]);
    const kept = dropContained(findAll(a, "这个非煤矿山塌了"));
    expect(kept.map((h) => a.patterns[h.pattern])).toEqual(["非煤矿山"]);
  });
});
