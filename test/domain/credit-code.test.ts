import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, findCreditCodes, validateCreditCode } from "../../src/domain/credit-code";

// Codes as published in public registration listings. Each check character was recomputed
// independently before being written here (a wrong memory has a 1-in-31 chance to pass).
const REAL_CODES = [
  "91350100M000100Y43", // the worked example used throughout GB 32100 explanations
  "914403001922038216",
  "9144030071526726XG",
  "91330100716105852F",
  "91440300708461136T",
];

describe("validateCreditCode", () => {
  it.each(REAL_CODES)("accepts the real code %s", (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it('works the classic example by hand: weighted sum 1640; 1640 mod 31 = 28; 31 - 28 = 3 → "3"', () => {
    // 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13+1·8+0·24+0·10+Y(30)·30+4·28
    const sum = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112;
    expect(sum).toBe(1640);
    expect(CREDIT_CODE_CHARSET[31 - (sum % 31)]).toBe("3");
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("folds full-width characters, lowercase, spaces and hyphens", () => {
    expect(validateCreditCode("９１３５０１００Ｍ０００１００Ｙ４３")).toEqual({ ok: true, code: "91350100M000100Y43" });
    expect(validateCreditCode(" 9144030071526726xg ")).toEqual({ ok: true, code: "9144030071526726XG" });
    expect(validateCreditCode("913501-00M000-100Y43")).toEqual({ ok: true, code: "91350100M000100Y43" });
  });

  it("reports a wrong check character with the expected one, without correcting it", () => {
    expect(validateCreditCode("91350100M000100Y44")).toEqual({ ok: false, reason: "check", expected: "3" });
  });

  it("reports length and charset", () => {
    expect(validateCreditCode("91350100M000100Y4")).toEqual({ ok: false, reason: "length" });
    expect(validateCreditCode("91350100M000100Y433")).toEqual({ ok: false, reason: "length" });
    expect(validateCreditCode("")).toEqual({ ok: false, reason: "length" });
    // O for 0 is a charset error, not silently taken as 0
    expect(validateCreditCode("91350100MOOO100Y43")).toEqual({ ok: false, reason: "charset" });
    for (const bad of ["I", "O", "Z", "S", "V"]) {
      expect(validateCreditCode(`91350100M000100Y4${bad}`).ok).toBe(false);
    }
  });
});

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET.split(""));
const validCode = fc
  .array(charsetChar, { minLength: 17, maxLength: 17 })
  .map((chars) => chars.join(""))
  .map((first17) => first17 + creditCodeCheckChar(first17));

describe("check character properties", () => {
  it("any single-character substitution within the charset is caught by the check", () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), charsetChar, (code, pos, ch) => {
        fc.pre(code[pos] !== ch);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        const result = validateCreditCode(changed);
        // Invalid, or (never, since 31 is prime and no weight is 0 mod 31) a different valid code.
        expect(result.ok === false || result.code !== code).toBe(true);
        expect(result).toMatchObject({ ok: false, reason: "check" });
      }),
      { numRuns: 2000 },
    );
  });

  it("swapping two different adjacent characters among the first 17 is caught", () => {
    fc.assert(
      fc.property(validCode, fc.nat(15), (code, pos) => {
        fc.pre(code[pos] !== code[pos + 1]);
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        expect(validateCreditCode(swapped).ok).toBe(false);
      }),
    );
  });
});

describe("findCreditCodes", () => {
  it("finds codes inside Chinese text, normalised and deduplicated", () => {
    const text = "举报南宁某公司（信用代码９１３５０１００ｍ０００１００Ｙ４３）无证经营，代码91350100M000100Y43，另一家9144030071526726XG。";
    expect(findCreditCodes(text)).toEqual(["91350100M000100Y43", "9144030071526726XG"]);
  });

  it("returns mistyped candidates so the caller can say so", () => {
    expect(findCreditCodes("代码 91350100M000100Y44 ")).toEqual(["91350100M000100Y44"]);
  });

  it("ignores runs that are not 18 characters long or have no digit", () => {
    expect(findCreditCodes("91350100M000100Y43X 91350100M000100Y4 ABCDEFGHJKLMNPQRTU")).toEqual([]);
  });

  it("leaves out a resident ID number the reporter typed about themselves", () => {
    // GB 11643 example number (check digit X), not a valid credit code
    expect(findCreditCodes("我的身份证11010519491231002X，举报91350100M000100Y43")).toEqual(["91350100M000100Y43"]);
  });
});
