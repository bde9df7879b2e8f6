import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { deflateSync } from "node:zlib";
import { createSharpSanitizer, sniffType } from "../../src/adapters/media.js";
import { MAX_ATTACHMENT_BYTES } from "../../src/domain/tip-input.js";

const sanitizer = createSharpSanitizer(sharp);
const GPS_IFD_POINTER = Buffer.from([0x25, 0x88]); // EXIF tag 0x8825, little-endian as sharp writes it
const GPS_LATITUDE_ENTRY = Buffer.from([0x02, 0x00, 0x05, 0x00, 0x03, 0x00]); // tag 2, RATIONAL × 3

/** A photo as a phone would send it: camera make, GPS position, and an orientation tag. */
async function photoWithGps(format: "jpeg" | "png" | "webp" = "jpeg"): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 32, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .toFormat(format)
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: "LeakyPhone", Model: "X1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "108/1 19/1 0/1" },
    })
    .toBuffer();
}

describe("media sanitizer (sharp)", () => {
  it("strips EXIF and GPS from a JPEG and keeps the picture", async () => {
    const input = await photoWithGps("jpeg");
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(before.exif!.includes(GPS_IFD_POINTER)).toBe(true);
    expect(before.exif!.includes(GPS_LATITUDE_ENTRY)).toBe(true);
    expect(before.orientation).toBe(6);

    const out = await sanitizer.sanitize({ body: input, mimeType: "image/jpeg", fileName: "p.jpg" });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.mimeType).toBe("image/jpeg");
    const after = await sharp(Buffer.from(out.body)).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(Buffer.from(out.body).includes(Buffer.from("LeakyPhone"))).toBe(false);
    expect(Buffer.from(out.body).includes(GPS_LATITUDE_ENTRY)).toBe(false);
    // Orientation 6 was applied to the pixels before the tag went: 64×32 became 32×64.
    expect([after.width, after.height]).toEqual([32, 64]);
  });

  it.each(["png", "webp"] as const)("strips metadata from %s too, keeping the type", async (format) => {
    const input = await photoWithGps(format);
    const out = await sanitizer.sanitize({ body: input, mimeType: `image/${format}` });
    expect(out).toMatchObject({ ok: true, mimeType: `image/${format}` });
    if (out.ok) expect((await sharp(Buffer.from(out.body)).metadata()).exif).toBeUndefined();
  });

  it("trusts the bytes, not the declared type: a JPEG declared as PDF is treated as a JPEG", async () => {
    const out = await sanitizer.sanitize({ body: await photoWithGps(), mimeType: "application/pdf" });
    expect(out).toMatchObject({ ok: true, mimeType: "image/jpeg" });
  });

  it("refuses other types, fakes (a PDF header on nothing) and oversized files; real PDFs: pdf-metadata.test.ts", async () => {
    const fakePdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    expect(await sanitizer.sanitize({ body: fakePdf, mimeType: "application/pdf" })).toEqual({ ok: false, reason: "unreadable" });

    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect(await sanitizer.sanitize({ body: html, mimeType: "image/jpeg" })).toEqual({ ok: false, reason: "unsupported_type" });
    const gif = new TextEncoder().encode("GIF89a....");
    expect(await sanitizer.sanitize({ body: gif, mimeType: "image/gif" })).toEqual({ ok: false, reason: "unsupported_type" });
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    expect(await sanitizer.sanitize({ body: fakeJpeg, mimeType: "image/jpeg" })).toEqual({ ok: false, reason: "unreadable" });
    const huge = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff]);
    expect(await sanitizer.sanitize({ body: huge, mimeType: "image/jpeg" })).toEqual({ ok: false, reason: "too_large" });
  });

  it("refuses a decompression bomb (tiny file, enormous pixel count) as unreadable", async () => {
    const bomb = bilevelPng(8_000, 8_000); // 64 Mpx of white, a few KB on disk
    expect(bomb.byteLength).toBeLessThan(100_000);
    expect((await sharp(bomb).metadata()).width).toBe(8_000);
    expect(await sanitizer.sanitize({ body: bomb, mimeType: "image/png" })).toEqual({ ok: false, reason: "unreadable" });
  });

  it("sniffs the PNG signature (the Workers path: image-metadata.test.ts)", () => {
    expect(sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
  });
});

/** A valid 1-bit greyscale PNG built by hand: sharp cannot create one this cheaply. */
function bilevelPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const row = Buffer.alloc(1 + Math.ceil(width / 8), 0xff);
  row[0] = 0; // filter type none
  const raw = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

describe("media sanitizer with sharp loaded on first use", () => {
  it("loads sharp once, on the first image only, and not for a PDF or an unknown file", async () => {
    let loads = 0;
    const lazy = createSharpSanitizer({
      load: async () => {
        loads++;
        return sharp;
      },
    });
    expect((await lazy.sanitize({ body: new Uint8Array([1, 2, 3, 4, 5]), mimeType: "image/jpeg" })).ok).toBe(false);
    expect(loads).toBe(0);
    const first = await lazy.sanitize({ body: await photoWithGps("jpeg"), mimeType: "image/jpeg" });
    const second = await lazy.sanitize({ body: await photoWithGps("png"), mimeType: "image/png" });
    expect(first.ok && second.ok).toBe(true);
    if (first.ok) expect((await sharp(first.body).metadata()).exif).toBeUndefined();
    expect(loads).toBe(1);
  });

  it("tries again after a failed load, and reports it as a fault rather than an unreadable photo", async () => {
    let loads = 0;
    const lazy = createSharpSanitizer({
      load: async () => {
        loads++;
        if (loads === 1) throw new Error("libvips missing");
        return sharp;
      },
    });
    await expect(lazy.sanitize({ body: await photoWithGps("jpeg"), mimeType: "image/jpeg" })).rejects.toThrow("libvips missing");
    expect((await lazy.sanitize({ body: await photoWithGps("jpeg"), mimeType: "image/jpeg" })).ok).toBe(true);
    expect(loads).toBe(2);
  });
});
