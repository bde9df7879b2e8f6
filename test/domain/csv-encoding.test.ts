import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCsvBytes, parseCsv } from "../../src/domain/csv.js";
import { levelFromImport, sectorFromImport } from "../../src/domain/import-values.js";
import { encodeGbk, garbled } from "../../src/domain/mojibake.js";
import { ROOT_DIR } from "../support/paths.js";

/** Fixtures under test/data/csv were written with `iconv -f utf-8 -t gbk|gb18030` (see its README). */
const fixture = (name: string) => new Uint8Array(readFileSync(join(ROOT_DIR, "test/data/csv", name)));
const decoded = (name: string) => {
  const r = decodeCsvBytes(fixture(name));
  if (!r.ok) throw new Error(r.reason);
  return r;
};
const firstName = (text: string) => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(r.reason);
  return r.records[1].fields[0];
};

describe("decodeCsvBytes: UTF-8 (with or without BOM) first, then GB18030", () => {
  it("reads the same rows from UTF-8, UTF-8 with a BOM, GBK and GB18030 files", () => {
    const utf8 = decoded("enterprises-utf8.csv");
    expect(utf8.encoding).toBe("utf-8");
    const bom = decoded("enterprises-utf8-bom.csv");
    expect(bom).toEqual({ ok: true, encoding: "utf-8", text: utf8.text });
    const gbk = decoded("enterprises-gbk.csv");
    expect(gbk.encoding).toBe("gb18030");
    expect(gbk.text).toBe(utf8.text);
    expect(firstName(gbk.text)).toBe("南宁市兴宁区鸿运烟花爆竹批发部");
    const gb18030 = decoded("enterprises-gb18030.csv");
    expect(gb18030.encoding).toBe("gb18030");
    // 𠮷 (U+20BB7) has no GBK form: GB18030 writes it in four bytes.
    expect(gb18030.text).toContain("𠮷野家餐饮南宁有限公司");
  });

  it("refuses UTF-16 and a BOM-announced UTF-8 file that is not UTF-8", () => {
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toEqual({ ok: false, reason: "utf16" });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xc4, 0xcf]))).toEqual({ ok: false, reason: "undecodable" });
    // A lone GB18030 lead byte at the end cannot be decoded either way.
    expect(decodeCsvBytes(new Uint8Array([0x61, 0x2c, 0x81]))).toEqual({ ok: false, reason: "undecodable" });
  });
});

describe("garbled text", () => {
  const mojibake = (s: string) => new TextDecoder("gbk").decode(new TextEncoder().encode(s));

  it("recognises UTF-8 read as GBK and says what the text should have been", () => {
    expect(garbled(mojibake("南宁市某化工有限公司"))).toEqual({ kind: "mojibake", recovered: "南宁市某化工有限公司" });
    expect(garbled(mojibake("县级"))).toEqual({ kind: "mojibake", recovered: "县级" });
    expect(garbled("鐑熻姳鐖嗙")).toMatchObject({ kind: "mojibake" });
    expect(garbled("南宁\uFFFD公司")).toEqual({ kind: "replacement" });
    expect(garbled("南宁\u0085公司")).toEqual({ kind: "control" });
  });

  it("leaves genuine Chinese, ASCII and names with rare characters alone", () => {
    for (const ok of [
      "南宁市兴宁区鸿运烟花爆竹批发部",
      "圈占",
      "准确",
      "约谈",
      "一证多厂",
      "𠮷野家餐饮南宁有限公司",
      "fireworks",
      "Nanning Co., Ltd.",
      "是",
      "",
    ])
      expect(garbled(ok), ok).toBeNull();
  });

  it("encodes GBK exactly as iconv did for the fixture", () => {
    expect(encodeGbk(new TextDecoder().decode(fixture("enterprises-utf8.csv")))).toEqual(fixture("enterprises-gbk.csv"));
  });
});

describe("sector and level as people write them", () => {
  it("accepts codes, Chinese names and common short forms, full-width or spaced", () => {
    expect(sectorFromImport("烟花爆竹")).toBe("fireworks");
    expect(sectorFromImport("fireworks")).toBe("fireworks");
    expect(sectorFromImport(" 危化品 ")).toBe("hazardous_chemicals");
    expect(sectorFromImport("Ｆｉｒｅ＿ｓａｆｅｔｙ")).toBe("fire_safety");
    expect(levelFromImport("县级")).toBe("county");
    expect(levelFromImport("乡镇级")).toBe("township");
    expect(levelFromImport("市级")).toBe("city");
    expect(levelFromImport("Province")).toBe("province");
  });
  it("matches nothing else", () => {
    expect(sectorFromImport("烟花")).toBeNull();
    expect(sectorFromImport("鐑熻姳鐖嗙")).toBeNull();
    expect(levelFromImport("村级")).toBeNull();
  });
});
