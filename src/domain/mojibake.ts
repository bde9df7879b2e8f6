/**
 * Garbled text in an imported file is refused, never stored. Three kinds are recognised:
 * - U+FFFD (a decoder already gave up), C0/C1 control characters and private-use code points (what
 *   GBK's user-defined area decodes to) — none belongs in a name;
 * - mojibake: UTF-8 bytes that were read as GBK ("南宁市" shown as "鍗楀畞甯"). Encoding such text back
 *   to GBK gives bytes that are mostly valid UTF-8, which genuine Chinese text encoded as GBK almost
 *   never is (GBK trail bytes 0xC0–0xFE are not UTF-8 continuation bytes). The recovered text is
 *   returned so the message can show what the cell should have said.
 */
export type Garbled = { kind: "replacement" | "control" | "private_use" } | { kind: "mojibake"; recovered: string };

let gbkTable: Map<string, number> | null = null;

/** GBK's two-byte code points, built once from the WHATWG decoder itself (so it cannot drift from it). */
function gbk(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const pairs: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(lead, trail);
  const chars = new TextDecoder("gbk").decode(new Uint8Array(pairs));
  const table = new Map<string, number>();
  // Every pair decodes to exactly one BMP code unit, so positions line up.
  for (let i = 0; i < chars.length; i++) if (!table.has(chars[i])) table.set(chars[i], (pairs[2 * i] << 8) | pairs[2 * i + 1]);
  table.set("\u20AC", 0x80); // WHATWG gbk decodes the single byte 0x80 as the euro sign
  gbkTable = table;
  return table;
}

/** GBK bytes of `text`, or null when a character has no GBK form (then it was not read as GBK). */
export function encodeGbk(text: string): Uint8Array | null {
  const table = gbk();
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const code = table.get(ch);
      if (code === undefined) return null;
      if (code > 0xff) out.push(code >> 8, code & 0xff);
      else out.push(code);
    }
  }
  return new Uint8Array(out);
}

export function garbled(value: string): Garbled | null {
  if (value.includes("\uFFFD")) return { kind: "replacement" };
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(value)) return { kind: "control" };
  if (!/[^\u0000-\u007F]/.test(value)) return null;
  const bytes = encodeGbk(value);
  if (!bytes) return /[\uE000-\uF8FF]/.test(value) ? { kind: "private_use" } : null;
  const decoded = new TextDecoder("utf-8").decode(bytes);
  const lost = decoded.match(/\uFFFD/g)?.length ?? 0;
  const wide = decoded.match(/[^\u0000-\u007F\uFFFD]/g)?.length ?? 0;
  const chinese = decoded.match(/[\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]/g)?.length ?? 0;
  // A byte lost on the way ("?" where a sequence was cut) leaves a few U+FFFD among many recovered
  // characters; and what is recovered must read as Chinese, not as stray Latin or Armenian letters.
  if (chinese >= 1 && chinese * 3 >= wide * 2 && wide >= 3 * lost) return { kind: "mojibake", recovered: decoded.replace(/\uFFFD/g, "?") };
  return /[\uE000-\uF8FF]/.test(value) ? { kind: "private_use" } : null;
}
