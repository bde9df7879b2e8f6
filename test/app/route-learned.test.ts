import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/app/deps.js";
import { routingSnapshot } from "../../src/app/routing/routing-cache.js";
import { committedRouteModel, readTip } from "../../src/app/routing/route-model.js";
import { routeTip } from "../../src/app/routing/route-tip.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { ROOT_DIR } from "../support/paths.js";

/** Rules alone send it to manual triage (a sugar mill, "gas testing" split between two sectors); the model knows mills. */
const MILL = "Workers at the sugar mill in Hengnan county clean the molasses tank without any gas testing";

describe.each(DB_KINDS)("the router with its learned layer, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  it("routes a tip the rules alone leave to the 安委办 to the unit of its sector, naming the words", async () => {
    const rules = await routeTip(deps, { text: MILL }, { model: null });
    expect(rules.sectorSource).toBe("low_confidence");
    expect(rules.unit.name).toBe("衡南县安委办");

    const combined = await routeTip(deps, { text: MILL });
    expect(combined.sector).toBe("industry_trade");
    expect(combined.sectorSource).toBe("classifier");
    expect(combined.unit.name).toBe("衡南县应急管理局");
    expect(combined.evidence).toContain("mill");
    expect(combined.explanation.en).toMatch(/sector: [^→]*\(mill/);
    expect(combined.urgent).toBe(false);
  });

  it("reads the model's features from the text with place names masked", async () => {
    const snapshot = await routingSnapshot(deps);
    const r = readTip(snapshot, { text: "港口区一个码头的门机钢丝绳断了几股还在用" }, committedRouteModel());
    expect(r.sectorText).not.toContain("港口区");
    expect(r.sectorText).toContain("码头");
  });

  it("keeps a sure rule reading and its words when the model agrees", async () => {
    const d = await routeTip(deps, { text: "兴宁区一个工地基坑塌方，有两名工人被困在下面" });
    expect(d).toMatchObject({ sector: "construction", urgent: true });
    expect(d.urgentEvidence.join("")).toContain("被困");
    expect(d.evidence).toContain("基坑");
  });
});

describe("the committed model", () => {
  it("names every set it was trained on and stays small", () => {
    const m = committedRouteModel();
    const names = m.trainedOn.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["tips-dev.jsonl", "tips-holdout.jsonl", "tips-blind-C2.jsonl"]));
    // F2, F4 and F6 are the untouched sets of session 8 (D2, D3, E2, E4 and E6, reported once, have joined training).
    expect(names).toEqual(expect.arrayContaining(["tips-blind-D2.jsonl", "tips-blind-E6.jsonl", "tips-blind-F1.jsonl"]));
    expect(names.some((n) => /F[246]/.test(n))).toBe(false);
    expect(statSync(join(ROOT_DIR, "src/domain/classify/model/route-model.json")).size).toBeLessThan(2 * 1024 * 1024);
  });
});
