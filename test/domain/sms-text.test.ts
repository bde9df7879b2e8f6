import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { chooseReply, detectSmsLocale, fitWithin, fitsOneSegment, smsSize } from "../../src/domain/sms-text.js";
import { cleanText } from "../../src/domain/tip-input.js";
import { twilioSigningString, twilioWebhookUrl } from "../../src/domain/twilio-signature.js";

describe("smsSize", () => {
  it("counts GSM-7 septets for plain English (160 per segment, 153 per part)", () => {
    expect(smsSize("a".repeat(160))).toMatchObject({ encoding: "gsm7", units: 160, segments: 1 });
    expect(smsSize("a".repeat(161))).toMatchObject({ encoding: "gsm7", segments: 2 });
    expect(smsSize("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSize("a".repeat(307))).toMatchObject({ segments: 3 });
    // Extension characters take two septets.
    expect(smsSize("{}").units).toBe(4);
  });

  it("switches the whole message to UCS-2 for one Chinese character (70 per segment, 67 per part)", () => {
    expect(smsSize("a".repeat(69) + "中")).toMatchObject({ encoding: "ucs2", units: 70, segments: 1 });
    expect(smsSize("中".repeat(71))).toMatchObject({ encoding: "ucs2", segments: 2 });
    expect(smsSize("中".repeat(134))).toMatchObject({ segments: 2 });
    expect(smsSize("中".repeat(135))).toMatchObject({ segments: 3 });
    // An emoji is two UTF-16 code units.
    expect(smsSize("😀").units).toBe(2);
  });
});

describe("chooseReply and fitWithin", () => {
  it("takes the first candidate that fits one segment, else the shortest one whole", () => {
    expect(chooseReply(["中".repeat(71), "中".repeat(70), "中"])).toBe("中".repeat(70));
    expect(chooseReply(["中".repeat(90), "中".repeat(80)])).toBe("中".repeat(80));
  });

  it("cuts free text at a whole character so that prefix + text fits, and marks the cut", () => {
    const out = fitWithin(
      "K7M-4QX-9PA：核查中。答复：",
      "我们已派人到现场检查，发现消防通道确实被堵塞，已责令立即整改并处以罚款，后续将复查整改情况，请继续关注我们的通报和处理结果。",
    );
    expect(smsSize(out).units).toBeLessThanOrEqual(70);
    expect(out.endsWith("…")).toBe(true);
    expect(out.startsWith("K7M-4QX-9PA：核查中。答复：我们已派人")).toBe(true);
    const en = fitWithin("K7M-4QX-9PA: closed. Reply: ", "x".repeat(300));
    expect(en.endsWith("...")).toBe(true);
    expect(smsSize(en)).toMatchObject({ encoding: "gsm7", segments: 1 });
    expect(fitWithin("a", "b")).toBe("ab");
  });

  it("never splits a surrogate pair and always fits when the prefix does (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 300 }), (prefix, text) => {
        fc.pre(fitsOneSegment(prefix + "…"));
        const out = fitWithin(prefix, text);
        expect(fitsOneSegment(out)).toBe(true);
        expect(out.startsWith(prefix)).toBe(true);
        expect(/[\uD800-\uDBFF]$/.test(out.replace(/(…|\.\.\.)$/, ""))).toBe(false);
      }),
    );
  });
});

describe("an SMS's text (the one cleaner) and detectSmsLocale", () => {
  it("removes control and bidi characters and lone surrogates, keeps newlines", () => {
    expect(cleanText("  火锅店\u0000堵了\u202E消防通道 \r\n  快来\uD800 ")).toBe("火锅店堵了消防通道\n快来");
  });

  it("answers Chinese text in zh-CN and English text in en", () => {
    expect(detectSmsLocale("兴宁区火锅店堵了消防通道")).toBe("zh-CN");
    expect(detectSmsLocale("The fire exit at the mall is locked")).toBe("en");
    expect(detectSmsLocale("STATUS 查询")).toBe("zh-CN");
    expect(detectSmsLocale("12345")).toBe("zh-CN");
  });
});

describe("twilioSigningString", () => {
  it("is the URL followed by name+value pairs sorted by name", () => {
    const s = twilioSigningString("https://x.org/sms/twilio", [
      ["To", "+1"],
      ["Body", "hi"],
      ["From", "+2"],
    ]);
    expect(s).toBe("https://x.org/sms/twilioBodyhiFrom+2To+1");
    expect(twilioWebhookUrl("https://x.org/", "/sms/twilio")).toBe("https://x.org/sms/twilio");
    expect(twilioWebhookUrl("https://x.org/jubao", "/sms/twilio")).toBe("https://x.org/jubao/sms/twilio");
  });
});
