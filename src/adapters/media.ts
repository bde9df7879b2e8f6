import type { MediaSanitizer } from "../app/ports.js";
import type SharpModule from "sharp";
import { stripJpegMetadata, stripPngMetadata } from "./image-metadata.js";
import { stripPdfMetadata } from "./pdf-metadata.js";
import { MAX_ATTACHMENT_BYTES, type AttachmentType } from "../domain/tip-input.js";

/** A decompression bomb is refused before it is decoded: ~40 megapixels is more than any phone camera. */
const MAX_INPUT_PIXELS = 40_000_000;

type Kind = AttachmentType;

/**
 * The type comes from the file's first bytes, never from the name or the declared MIME type: a
 * renamed executable or an HTML page posing as a photo is refused.
 */
export function sniffType(body: Uint8Array): Kind | null {
  const b = body;
  const at = (i: number, ...bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  if (b.length >= 3 && at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (b.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (b.length >= 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "image/webp";
  if (b.length >= 5 && at(0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf";
  return null;
}

type Outcome = Awaited<ReturnType<MediaSanitizer["sanitize"]>>;

/**
 * A PDF is re-written without its document metadata (Author, Creator, XMP …); pages and their
 * content are kept as sent. An encrypted PDF cannot be re-written, so it is refused as unreadable
 * (the message names password-protected files).
 */
async function acceptPdf(body: Uint8Array): Promise<Outcome> {
  const stripped = await stripPdfMetadata(body);
  if (!stripped.ok) return { ok: false, reason: "unreadable" };
  if (stripped.body.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "too_large" };
  return { ok: true, body: stripped.body, mimeType: "application/pdf" };
}

/**
 * Node: images are decoded and re-encoded by sharp. sharp writes no EXIF, GPS, XMP, IPTC or ICC data
 * unless told to (withMetadata/keepExif), so re-encoding is what strips them; .rotate() first applies
 * the EXIF orientation, which would otherwise be lost with the tag and leave the photo sideways.
 * sharp is passed in rather than imported so this file also loads where sharp cannot (Workers).
 */
export function createSharpSanitizer(sharpOrLoader: typeof SharpModule | { load(): Promise<typeof SharpModule> }): MediaSanitizer {
  // A loader is called on the first image only, once: sharp (libvips) costs ~30 MB of RSS and a few
  // hundred ms of start-up that a server receiving no photo never needs. A failed load is not cached
  // (the next image tries again) and is not an "unreadable" photo: it escapes as the server fault it is.
  let loading: Promise<typeof SharpModule> | undefined;
  const load = (): Promise<typeof SharpModule> => {
    loading ??= (sharpOrLoader as { load(): Promise<typeof SharpModule> }).load().catch((err) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
  const isLoader = typeof sharpOrLoader !== "function";
  return {
    async sanitize({ body }) {
      if (body.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "too_large" };
      const kind = sniffType(body);
      if (!kind) return { ok: false, reason: "unsupported_type" };
      if (kind === "application/pdf") return acceptPdf(body);
      const sharp = isLoader ? await load() : (sharpOrLoader as typeof SharpModule);
      try {
        const pipeline = sharp(body, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS, animated: false }).rotate();
        const encoded =
          kind === "image/jpeg"
            ? pipeline.jpeg({ quality: 85, mozjpeg: true })
            : kind === "image/png"
              ? pipeline.png({ compressionLevel: 9 })
              : pipeline.webp({ quality: 85 });
        const out = await encoded.toBuffer();
        if (out.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "too_large" };
        return { ok: true, body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), mimeType: kind };
      } catch {
        // Truncated, corrupt or a bomb over the pixel limit: the reporter is told the file is unreadable.
        return { ok: false, reason: "unreadable" };
      }
    },
  };
}

/**
 * Workers: sharp (native libvips) does not run there. JPEG and PNG are stripped by walking their
 * segments and chunks without decoding (src/adapters/image-metadata.ts), so nothing but the picture
 * is kept; WebP is refused (unsupported_type) rather than passed on with its EXIF. PDF as on Node.
 */
export function createPureSanitizer(): MediaSanitizer {
  return {
    async sanitize({ body }) {
      if (body.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "too_large" };
      const kind = sniffType(body);
      if (kind === "application/pdf") return acceptPdf(body);
      if (kind !== "image/jpeg" && kind !== "image/png") return { ok: false, reason: "unsupported_type" };
      const stripped = kind === "image/jpeg" ? stripJpegMetadata(body) : stripPngMetadata(body);
      return stripped ? { ok: true, body: stripped, mimeType: kind } : { ok: false, reason: "unreadable" };
    },
  };
}
