import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  RECEIPT_ALPHABET,
  SECRET_BITS,
  TRACKING_CODE_BITS,
  generateSecret,
  generateTrackingCode,
  normalizeSecret,
  normalizeTrackingCode,
  randomSymbols,
} from "../../src/domain/receipts";

/** A byte source that replays `bytes` in order (then zeros). */
const replay = (bytes: number[]) => {
  const queue = [...bytes];
  return (buffer: Uint8Array) => {
    for (let i = 0; i < buffer.length; i++) buffer[i] = queue.shift() ?? 0;
    return buffer;
  };
};

describe("alphabet and entropy", () => {
  it("has 30 distinct symbols and none of the look-alikes 0 O 1 I L (nor U)", () => {
    expect(new Set(RECEIPT_ALPHABET).size).toBe(30);
    for (const ch of "0O1ILU") expect(RECEIPT_ALPHABET).not.toContain(ch);
    expect(RECEIPT_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });

  it("gives the secret well over 100 bits and the tracking code about 44", () => {
    expect(SECRET_BITS).toBeCloseTo(24 * Math.log2(30), 10);
    expect(SECRET_BITS).toBeGreaterThan(100);
    expect(TRACKING_CODE_BITS).toBeCloseTo(9 * Math.log2(30), 10);
  });
});

describe("generation", () => {
  const symbol = `[${RECEIPT_ALPHABET}]`;

  it("formats tracking codes as XXX-XXX-XXX and secrets as six groups of four", () => {
    for (let i = 0; i < 200; i++) {
      expect(generateTrackingCode()).toMatch(new RegExp(`^${symbol}{3}-${symbol}{3}-${symbol}{3}$`));
      expect(generateSecret()).toMatch(new RegExp(`^(${symbol}{4}-){5}${symbol}{4}$`));
    }
  });

  it("does not repeat", () => {
    const secrets = new Set(Array.from({ length: 2000 }, () => generateSecret()));
    expect(secrets.size).toBe(2000);
  });

  it("redraws bytes ≥ 240 instead of folding them onto the first symbols (no modulo bias)", () => {
    // 255 % 30 = 15 and 240 % 30 = 0 would be accepted by a plain modulo; here they are skipped.
    expect(randomSymbols(4, replay([255, 240, 0, 29, 30, 239]))).toBe("2Z2Z");
    // A source that keeps giving rejected bytes is asked again until enough symbols are drawn.
    expect(randomSymbols(2, replay([...Array(40).fill(250), 1, 2]))).toBe("34");
  });

  it("draws symbols uniformly (chi-square over 60,000 draws, 29 degrees of freedom)", () => {
    const draws = randomSymbols(60_000);
    const counts = new Map<string, number>();
    for (const ch of draws) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = 60_000 / 30;
    let chi2 = 0;
    for (const ch of RECEIPT_ALPHABET) chi2 += ((counts.get(ch) ?? 0) - expected) ** 2 / expected;
    // Mean 29; 80 is beyond p = 10⁻⁶. Modulo bias over bytes would give about 200.
    expect(chi2).toBeLessThan(80);
  });
});

describe("normalisation", () => {
  it("round-trips generated values unchanged", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateTrackingCode();
      const secret = generateSecret();
      expect(normalizeTrackingCode(code)).toBe(code);
      expect(normalizeSecret(secret)).toBe(secret);
    }
  });

  it("accepts lowercase, spaces, missing or odd dashes and full-width input", () => {
    fc.assert(
      fc.property(fc.constantFrom(" ", "", "-", "—", " - ", "."), fc.boolean(), (sep, lower) => {
        const code = generateTrackingCode();
        let typed = code.split("-").join(sep);
        if (lower) typed = typed.toLowerCase();
        expect(normalizeTrackingCode(`  ${typed} `)).toBe(code);
      }),
    );
    expect(normalizeTrackingCode("ｋ７ｍ－４ｑｘ－９ｐａ")).toBe("K7M-4QX-9PA");
    expect(normalizeSecret("7hq2 mxkd 4r9t wnzc 3pev 8gjy")).toBe("7HQ2-MXKD-4R9T-WNZC-3PEV-8GJY");
  });

  it("refuses look-alikes and wrong lengths rather than guessing", () => {
    expect(normalizeTrackingCode("K7M-4QX-9P0")).toBeNull();
    expect(normalizeTrackingCode("K7M-4QX-9PO")).toBeNull();
    expect(normalizeTrackingCode("K7M-4QX-9P1")).toBeNull();
    expect(normalizeTrackingCode("K7M-4QX-9PL")).toBeNull();
    expect(normalizeTrackingCode("K7M-4QX-9P")).toBeNull();
    expect(normalizeTrackingCode("")).toBeNull();
    expect(normalizeSecret("K7M-4QX-9PA")).toBeNull();
    expect(normalizeTrackingCode("7HQ2-MXKD-4R9T-WNZC-3PEV-8GJY")).toBeNull();
  });
});
