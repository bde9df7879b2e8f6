import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkTipText, cleanLine, cleanText, localName, MAX_TIP_TEXT, MIN_TIP_TEXT, textLength } from "../../src/domain/tip-input.js";

const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\r]/;
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Strings with the awkward characters mixed in, lone surrogates included (fc.string never makes them). */
const awkward = fc
  .array(
    fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.constantFrom(
        "\u0000",
        "\u0007",
        "\u001b",
        "\u007f",
        "\u0085",
        "\u009b",
        "\u200b",
        "\u200e",
        "\u202e",
        "\u2066",
        "\u2069",
        "\ufeff",
        "\ud800",
        "\udfff",
        "\r\n",
        "\r",
        "\u2028",
        "\t",
        "  ",
        "\u3000",
        "\n\n\n\n",
        "e\u0301",
        "楼道",
        "🔥",
      ),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("the one tip-text cleaner", () => {
  it("removes controls, invisible and bidi characters, lone surrogates and carriage returns, whatever the input", () => {
    fc.assert(
      fc.property(awkward, (s) => {
        const c = cleanText(s);
        expect(c).not.toMatch(FORBIDDEN);
        expect(c).not.toMatch(LONE);
        expect(c).toBe(c.trim());
        expect(c).not.toMatch(/\n{3,}| {2}| \n|\n /);
        expect(c.normalize("NFC")).toBe(c);
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent, so every channel (and a second pass) stores the same bytes", () => {
    fc.assert(
      fc.property(awkward, (s) => {
        expect(cleanText(cleanText(s))).toBe(cleanText(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the words, line breaks and paragraphs people typed", () => {
    expect(cleanText("  商场\u200b把消防通道\u202e堵死了\r\n\r\n\r\n三楼\u0000也是  ")).toBe("商场把消防通道堵死了\n\n三楼也是");
    expect(cleanText("Cafe\u0301 \t\u3000 on fire")).toBe("Café on fire");
    expect(cleanText("🔥 火灾 \ud83d")).toBe("🔥 火灾");
  });

  it("folds a one-line field and cuts it in code points, never inside a surrogate pair", () => {
    expect(cleanLine("南宁市\n兴宁区 \u200b 朝阳路")).toBe("南宁市 兴宁区 朝阳路");
    expect(cleanLine("🔥".repeat(5), 3)).toBe("🔥🔥🔥");
  });

  it("bounds the text in characters as people count them", () => {
    expect(textLength("🔥火")).toBe(2);
    expect(checkTipText("短")).toBe("too_short");
    expect(checkTipText("隐".repeat(MIN_TIP_TEXT))).toBeNull();
    expect(checkTipText("🔥".repeat(MAX_TIP_TEXT))).toBeNull();
    expect(checkTipText("🔥".repeat(MAX_TIP_TEXT + 1))).toBe("too_long");
  });

  it("names a unit in the reader's language, falling back to Chinese", () => {
    expect(localName({ name: "南宁市应急管理局", nameEn: "Nanning Emergency Management Bureau" }, "en")).toBe("Nanning Emergency Management Bureau");
    expect(localName({ name: "南宁市应急管理局", nameEn: null }, "en")).toBe("南宁市应急管理局");
    expect(localName({ name: "南宁市应急管理局", nameEn: "Nanning EMB" }, "zh-CN")).toBe("南宁市应急管理局");
  });
});
