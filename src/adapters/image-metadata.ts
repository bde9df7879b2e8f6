/**
 * Metadata stripping without decoding, for where sharp (native libvips) cannot run: Workers.
 * An allow-list, not a deny-list: only the segments and chunks needed to draw the picture are copied,
 * so a tag we have never heard of is dropped rather than passed on. Anything that does not parse as
 * we expect is refused (null), never passed through: a file we cannot walk may hide metadata.
 *
 * A JPEG's EXIF orientation is carried over as a fresh EXIF block holding that one tag, so a phone
 * photo still shows upright; nothing else of the original EXIF is copied. What is never kept: EXIF
 * (GPS, camera serial, time), XMP, IPTC, ICC, comments, thumbnails, text chunks and anything after
 * the end of the image. What is lost against sharp: embedded colour profiles, a PNG's orientation.
 */

/** Same ceiling as the sharp path: a bomb is refused even though we do not decode it here. */
export const MAX_IMAGE_PIXELS = 40_000_000;

const readU16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const readU32 = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** SOFn (not DHT C4, JPG C8, DAC CC), DHT, DAC, DQT, DRI, DNL, DHP, EXP: what a decoder needs. */
const isImageSegment = (m: number) => (m >= 0xc0 && m <= 0xcf && m !== 0xc8) || m === 0xdb || m === 0xdd || m === 0xdc || m === 0xde || m === 0xdf;
const isFrameHeader = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** JFIF APP0 without thumbnail (version, density) and Adobe APP14 (colour transform of CMYK files): fixed bytes, no identity. */
function keepApp(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xe0) return payload.length === 14 && ascii(payload, 0, 5) === "JFIF\0" && payload[12] === 0 && payload[13] === 0;
  if (marker === 0xee) return payload.length === 12 && ascii(payload, 0, 5) === "Adobe";
  return false;
}

/** The orientation (2–8) in an APP1 "Exif" payload's first IFD, or undefined (absent, 1, or unparseable). */
function exifOrientation(payload: Uint8Array): number | undefined {
  if (payload.length < 14 || ascii(payload, 0, 6) !== "Exif\0\0") return undefined;
  const t = payload.subarray(6);
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return undefined;
  const u16 = (i: number) => (le ? t[i] | (t[i + 1] << 8) : (t[i] << 8) | t[i + 1]);
  const ifd = le ? t[4] + (t[5] << 8) + (t[6] << 16) + ((t[7] << 24) >>> 0) : readU32(t, 4);
  if (ifd < 8 || ifd + 2 > t.length) return undefined;
  for (let k = 0, n = u16(ifd); k < n; k++) {
    const e = ifd + 2 + 12 * k;
    if (e + 12 > t.length) return undefined;
    if (u16(e) === 0x0112 && u16(e + 2) === 3) {
      const v = u16(e + 8);
      return v >= 2 && v <= 8 ? v : undefined;
    }
  }
  return undefined;
}

/** APP1 with a big-endian TIFF header and one IFD entry: Orientation (0x0112, SHORT, 1 value). */
const orientationSegment = (o: number) =>
  Uint8Array.of(
    0xff,
    0xe1,
    0x00,
    0x22,
    0x45,
    0x78,
    0x69,
    0x66,
    0x00,
    0x00,
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x01,
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    o,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
  );

/** JPEG: keep SOI, image segments, entropy-coded scans and EOI; drop APPn (but JFIF/Adobe), COM and trailers. */
export function stripJpegMetadata(b: Uint8Array): Uint8Array | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  const parts: Uint8Array[] = [Uint8Array.of(0xff, 0xd8)];
  let orientation: number | undefined;
  let i = 2;
  let sawFrame = false;
  let sawScan = false;
  while (i < b.length) {
    if (b[i] !== 0xff) return null;
    while (b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) return null;
    const marker = b[i++];
    if (marker === 0xd9) {
      if (!sawFrame || !sawScan) return null;
      parts.push(Uint8Array.of(0xff, 0xd9));
      // After SOI, or after a JFIF APP0 that follows it (JFIF wants to be first).
      if (orientation) parts.splice(parts[1]?.[1] === 0xe0 ? 2 : 1, 0, orientationSegment(orientation));
      return concat(parts); // anything after EOI (maker trailers, appended files) is dropped
    }
    if (i + 2 > b.length) return null;
    const len = readU16(b, i);
    if (len < 2 || i + len > b.length) return null;
    const segment = b.subarray(i, i + len); // length field and payload
    const payload = b.subarray(i + 2, i + len);
    i += len;
    if (marker >= 0xe0 && marker <= 0xef) {
      if (keepApp(marker, payload)) parts.push(concat([Uint8Array.of(0xff, marker), segment]));
      else if (marker === 0xe1) orientation ??= exifOrientation(payload);
      continue;
    }
    if (marker === 0xfe) continue; // COM
    if (marker === 0xda) {
      if (!sawFrame) return null;
      sawScan = true;
      const start = i;
      // Entropy-coded data ends at the first marker that is neither stuffing (FF00) nor a restart (FFD0–D7).
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7))) i++;
      if (i + 1 >= b.length) return null;
      parts.push(Uint8Array.of(0xff, 0xda), segment, b.subarray(start, i));
      continue;
    }
    if (!isImageSegment(marker)) return null;
    if (isFrameHeader(marker)) {
      if (payload.length < 6) return null;
      const pixels = readU16(payload, 1) * readU16(payload, 3);
      if (pixels === 0 || pixels > MAX_IMAGE_PIXELS) return null;
      sawFrame = true;
    }
    parts.push(Uint8Array.of(0xff, marker), segment);
  }
  return null; // no EOI: truncated
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/**
 * Critical chunks, transparency and colour rendering hints, and APNG frames (image data). Not kept:
 * tEXt/zTXt/iTXt (author, software, comments), eXIf, tIME, iCCP (a named profile), and any chunk
 * not listed here, known or not.
 */
const PNG_KEEP = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT"]);

let crcTable: Uint32Array | undefined;
function crc32(b: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** PNG: walk the chunks, check each CRC, keep the allow-listed ones; refuse an unknown critical chunk. */
export function stripPngMetadata(b: Uint8Array): Uint8Array | null {
  if (b.length < 8 || !PNG_SIGNATURE.every((x, k) => b[k] === x)) return null;
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  let first = true;
  while (i + 12 <= b.length) {
    const len = readU32(b, i);
    if (len > 0x7fffffff || i + 12 + len > b.length) return null;
    const type = ascii(b, i + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return null;
    if (crc32(b.subarray(i + 4, i + 8 + len)) !== readU32(b, i + 8 + len)) return null;
    if (first) {
      if (type !== "IHDR" || len !== 13) return null;
      const pixels = readU32(b, i + 8) * readU32(b, i + 12);
      if (pixels === 0 || pixels > MAX_IMAGE_PIXELS) return null;
      first = false;
    }
    const chunk = b.subarray(i, i + 12 + len);
    i += 12 + len;
    if (type === "IEND") {
      parts.push(chunk);
      return concat(parts);
    } // data after IEND is dropped
    const critical = type.charCodeAt(0) < 0x61;
    if (PNG_KEEP.has(type)) parts.push(chunk);
    else if (critical) return null;
  }
  return null; // no IEND: truncated
}
