import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/domain/csv.js";

const fields = (input: string) => {
  const r = parseCsv(input);
  if (!r.ok) throw new Error(r.reason);
  return r.records.map((x) => x.fields);
};

describe("parseCsv (RFC 4180)", () => {
  it("splits plain fields and records on LF and CRLF, skipping blank lines", () => {
    expect(fields("a,b,c\r\n1,2,3\n\n4,,6\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
      ["4", "", "6"],
    ]);
  });
  it("keeps commas, line breaks (as LF) and doubled quotes inside quoted fields", () => {
    expect(fields('name,note\r\n"南宁市,某公司","他说""堵了""\r\n第二行"\r\n')).toEqual([
      ["name", "note"],
      ["南宁市,某公司", '他说"堵了"\n第二行'],
    ]);
  });
  it("drops a UTF-8 BOM and reports the line each record starts on", () => {
    const r = parseCsv('\uFEFFh\n"x\ny"\nz');
    expect(r.ok && r.records.map((x) => [x.line, x.fields[0]])).toEqual([
      [1, "h"],
      [2, "x\ny"],
      [4, "z"],
    ]);
  });
  it("keeps a trailing empty field and an empty quoted field", () => {
    expect(fields('a,\n"",b')).toEqual([
      ["a", ""],
      ["", "b"],
    ]);
  });
  it("rejects an unterminated quote and a quote in the middle of a field", () => {
    expect(parseCsv('a\n"open,b\n')).toEqual({ ok: false, line: 2, reason: "unterminated_quote" });
    expect(parseCsv('a"b,c')).toMatchObject({ ok: false, reason: "quote_in_field" });
    expect(parseCsv('"a"b,c')).toMatchObject({ ok: false, reason: "quote_in_field" });
  });
});
