import { describe, expect, it } from "vitest";
import fc from "fast-check";
import sharp from "sharp";
import { stripJpegMetadata, stripPngMetadata } from "../../src/adapters/image-metadata.js";
import { createPureSanitizer } from "../../src/adapters/media.js";

/**
 * The Workers path strips metadata without decoding. Checked against sharp (libvips) as the
 * independent reader: after stripping, sharp finds no EXIF, XMP, IPTC or ICC, and decodes exactly the
 * same pixels as from the original (nothing is re-encoded).
 */
const GPS_LATITUDE_ENTRY = Buffer.from([0x02, 0x00, 0x05, 0x00, 0x03, 0x00]); // tag 2, RATIONAL × 3

interface PhotoSpec {
  format: "jpeg" | "png";
  width: number;
  height: number;
  seed: number;
  make: string;
  progressive: boolean;
}

/** A phone-like photo: noisy pixels, camera make, GPS position, XMP, an ICC profile, an orientation tag. */
async function photo(spec: PhotoSpec): Promise<Buffer> {
  const pixels = Buffer.alloc(spec.width * spec.height * 3);
  let x = spec.seed || 1;
  for (let i = 0; i < pixels.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    pixels[i] = x >>> 24;
  }
  const base = sharp(pixels, { raw: { width: spec.width, height: spec.height, channels: 3 } })
    .withIccProfile("p3")
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: spec.make, Model: "X1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "108/1 19/1 0/1" },
    })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${spec.make}-XMP</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    );
  return spec.format === "jpeg" ? base.jpeg({ progressive: spec.progressive }).toBuffer() : base.png().toBuffer();
}

/** A JPEG comment and an IPTC (APP13) segment spliced in after SOI, as editing tools write them. */
function withCommentAndIptc(jpeg: Buffer, text: string): Buffer {
  const seg = (marker: number, payload: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), seg(0xfe, Buffer.from(text)), seg(0xed, Buffer.from(`Photoshop 3.0\0${text}`)), jpeg.subarray(2)]);
}

const strip = (format: "jpeg" | "png", b: Uint8Array) => (format === "jpeg" ? stripJpegMetadata(b) : stripPngMetadata(b));
const rawPixels = async (b: Uint8Array) => sharp(Buffer.from(b)).raw().toBuffer();

const specs = fc.record({
  format: fc.constantFrom("jpeg" as const, "png" as const),
  width: fc.integer({ min: 1, max: 48 }),
  height: fc.integer({ min: 1, max: 48 }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  make: fc.stringMatching(/^[A-Za-z]{6,12}$/),
  progressive: fc.boolean(),
});

describe("image metadata stripper (no decoding, for Workers)", () => {
  it("removes EXIF, GPS, XMP and ICC from real photos and keeps the very same pixels", async () => {
    await fc.assert(
      fc.asyncProperty(specs, async (spec) => {
        const input = await photo(spec);
        const before = await sharp(input).metadata();
        expect(before.exif?.includes(GPS_LATITUDE_ENTRY)).toBe(true);
        expect(before.xmp).toBeDefined();
        expect(before.icc).toBeDefined();

        const out = strip(spec.format, input);
        expect(out).not.toBeNull();
        const after = await sharp(Buffer.from(out!)).metadata();
        expect(after.format).toBe(spec.format);
        expect([after.width, after.height]).toEqual([spec.width, spec.height]);
        // A JPEG keeps its orientation (a fresh EXIF block with that one tag, 32 bytes); a PNG keeps no EXIF.
        if (spec.format === "jpeg") {
          expect(after.orientation).toBe(6);
          expect(after.exif!.length).toBeLessThanOrEqual(32);
          expect(after.exif!.includes(GPS_LATITUDE_ENTRY)).toBe(false);
        } else expect(after.exif).toBeUndefined();
        expect(after.xmp).toBeUndefined();
        expect(after.iptc).toBeUndefined();
        expect(after.icc).toBeUndefined();
        expect(Buffer.from(out!).includes(Buffer.from(spec.make))).toBe(false);
        expect((await rawPixels(out!)).equals(await rawPixels(input))).toBe(true);
        // Stripping what is already stripped changes nothing.
        expect(Buffer.from(strip(spec.format, out!)!).equals(Buffer.from(out!))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("keeps a JPEG upright: the orientation alone is carried over, and a photo without one gets no EXIF", async () => {
    const upright = await sharp({ create: { width: 8, height: 4, channels: 3, background: "#abc" } })
      .withExifMerge({ IFD0: { Make: "PlainCam" } })
      .jpeg()
      .toBuffer();
    const out = Buffer.from(stripJpegMetadata(upright)!);
    const meta = await sharp(out).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    for (const o of [3, 6, 8]) {
      const turned = await sharp(upright).withMetadata({ orientation: o }).jpeg().toBuffer();
      const kept = await sharp(Buffer.from(stripJpegMetadata(turned)!)).metadata();
      expect(kept.orientation).toBe(o);
      // sharp applies it like any viewer: 6 and 8 turn 8×4 into 4×8.
      const shown = await sharp(Buffer.from(stripJpegMetadata(turned)!))
        .rotate()
        .toBuffer({ resolveWithObject: true });
      expect([shown.info.width, shown.info.height]).toEqual(o === 3 ? [8, 4] : [4, 8]);
    }
  });

  it("drops JPEG comments, IPTC and anything after the end of the image", async () => {
    const jpeg = withCommentAndIptc(
      await photo({ format: "jpeg", width: 16, height: 8, seed: 7, make: "CommentCam", progressive: false }),
      "Reporter Zhang 13800138000",
    );
    const trailed = Buffer.concat([jpeg, Buffer.from("appended: GPS 22.8,108.3")]);
    expect((await sharp(trailed).metadata()).iptc).toBeDefined();
    const out = Buffer.from(stripJpegMetadata(trailed)!);
    expect(out.includes(Buffer.from("13800138000"))).toBe(false);
    expect(out.includes(Buffer.from("GPS 22.8"))).toBe(false);
    expect(out.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect((await sharp(out).metadata()).iptc).toBeUndefined();
  });

  it("drops PNG text, time and unknown ancillary chunks, and refuses a broken CRC", async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#08f" } })
      .png()
      .toBuffer();
    const chunk = (type: string, data: string) => {
      const body = Buffer.concat([Buffer.from(type, "latin1"), Buffer.from(data, "latin1")]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      return Buffer.concat([len, body, crc]);
    };
    const ihdrEnd = 8 + 25;
    const extra = Buffer.concat([
      chunk("tEXt", "Author\0Reporter Zhang"),
      chunk("tIME", "\x07\xea\x0c\x04\x14\x15\x16"),
      chunk("prVt", "secret-private-chunk"),
    ]);
    const input = Buffer.concat([png.subarray(0, ihdrEnd), extra, png.subarray(ihdrEnd)]);
    const out = Buffer.from(stripPngMetadata(input)!);
    for (const s of ["Reporter Zhang", "tIME", "secret-private-chunk"]) expect(out.includes(Buffer.from(s))).toBe(false);
    expect((await rawPixels(out)).equals(await rawPixels(png))).toBe(true);

    const broken = Buffer.from(input);
    broken[ihdrEnd + 10] ^= 0xff; // inside the tEXt chunk, whose CRC then fails
    expect(stripPngMetadata(broken)).toBeNull();
  });

  it("never throws on arbitrary or truncated input, and whatever it returns strips to itself", async () => {
    const seeds = await Promise.all([
      photo({ format: "jpeg", width: 12, height: 9, seed: 3, make: "FuzzCam", progressive: true }),
      photo({ format: "png", width: 12, height: 9, seed: 3, make: "FuzzCam", progressive: false }),
    ]);
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (which, cut, at, value, truncate) => {
        const original = seeds[which];
        const mutated = Buffer.from(truncate ? original.subarray(0, cut % original.length) : original);
        if (!truncate) mutated[at % mutated.length] = value;
        const format = which === 0 ? "jpeg" : "png";
        const out = strip(format, mutated);
        if (out) expect(Buffer.from(strip(format, out)!).equals(Buffer.from(out))).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        stripJpegMetadata(Uint8Array.of(0xff, 0xd8, ...bytes));
        stripPngMetadata(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...bytes));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses truncated files and images over the pixel ceiling", async () => {
    const jpeg = await photo({ format: "jpeg", width: 20, height: 20, seed: 5, make: "CutCam", progressive: false });
    expect(stripJpegMetadata(jpeg.subarray(0, jpeg.length - 40))).toBeNull();
    const png = await photo({ format: "png", width: 20, height: 20, seed: 5, make: "CutCam", progressive: false });
    expect(stripPngMetadata(png.subarray(0, png.length - 12))).toBeNull(); // IEND cut off
    // The frame header claims 8000×6000 (48 Mpx); the stripper reads it without decoding anything.
    const huge = Buffer.from(jpeg);
    const sof = huge.findIndex((b, i) => b === 0xff && (huge[i + 1] === 0xc0 || huge[i + 1] === 0xc2));
    huge.writeUInt16BE(6000, sof + 5);
    huge.writeUInt16BE(8000, sof + 7);
    expect(stripJpegMetadata(huge)).toBeNull();
    expect(stripJpegMetadata(jpeg)).not.toBeNull();
  });

  it("is what the Workers sanitizer applies: JPEG and PNG accepted stripped, WebP refused", async () => {
    const media = createPureSanitizer();
    const jpeg = await photo({ format: "jpeg", width: 10, height: 10, seed: 9, make: "WorkerCam", progressive: false });
    const out = await media.sanitize({ body: jpeg, mimeType: "image/jpeg" });
    expect(out).toMatchObject({ ok: true, mimeType: "image/jpeg" });
    if (out.ok) expect(Buffer.from(out.body).includes(Buffer.from("WorkerCam"))).toBe(false);
    const webp = await sharp(jpeg).webp().withMetadata().toBuffer();
    expect(await media.sanitize({ body: webp, mimeType: "image/webp" })).toEqual({ ok: false, reason: "unsupported_type" });
    expect(await media.sanitize({ body: jpeg.subarray(0, 100), mimeType: "image/jpeg" })).toEqual({ ok: false, reason: "unreadable" });
  });
});

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
