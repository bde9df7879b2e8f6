import { describe, expect, it } from "vitest";
import { readCsvTable } from "../../src/domain/csv.js";
import { booleanFromImport, sectorListFromImport, unitKindFromImport } from "../../src/domain/import-values.js";

describe("unit CSV values", () => {
  it("reads a unit kind in Chinese or English", () => {
    expect(unitKindFromImport("乡镇")).toBe("township");
    expect(unitKindFromImport(" 办事处 ")).toBe("township");
    expect(unitKindFromImport("Township")).toBe("township");
    expect(unitKindFromImport("部门")).toBe("department");
    expect(unitKindFromImport("ｄｅｐａｒｔｍｅｎｔ")).toBe("department");
    expect(unitKindFromImport("committee")).toBeNull();
    expect(unitKindFromImport("")).toBeNull();
  });

  it("reads a list of sectors by code or name, with any separator people use, and names the unknown ones", () => {
    expect(sectorListFromImport("烟花爆竹;危化品")).toEqual({ sectors: ["fireworks", "hazardous_chemicals"], unknown: [] });
    expect(sectorListFromImport("fireworks、消防，建筑施工|fireworks")).toEqual({ sectors: ["fireworks", "fire_safety", "construction"], unknown: [] });
    expect(sectorListFromImport("烟花爆竹；养猪")).toEqual({ sectors: ["fireworks"], unknown: ["养猪"] });
    expect(sectorListFromImport("")).toEqual({ sectors: [], unknown: [] });
  });

  it("reads yes and no", () => {
    expect(booleanFromImport("是")).toBe(true);
    expect(booleanFromImport("YES")).toBe(true);
    expect(booleanFromImport("否")).toBe(false);
    expect(booleanFromImport("")).toBe(false);
    expect(booleanFromImport("也许")).toBeNull();
  });

  it("reads a table by its header, in any column order, and names a missing column", () => {
    const t = readCsvTable({ csv: "kind,name,jurisdiction_code\n乡镇,岐山办事处,430422\n" }, ["name", "jurisdiction_code", "kind"], 10);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.get(t.records[0], "name")).toBe("岐山办事处");
    expect(t.get(t.records[0], "sectors")).toBe("");
    expect(t.records[0].line).toBe(2);
    expect(readCsvTable({ csv: "name,kind\nx,乡镇\n" }, ["name", "jurisdiction_code", "kind"], 10)).toEqual({
      ok: false,
      error: { row: 1, field: "jurisdiction_code", code: "header" },
    });
    expect(readCsvTable({ csv: "name\na\nb\n" }, ["name"], 1)).toMatchObject({ ok: false, error: { row: 3, code: "too_many" } });
  });
});
