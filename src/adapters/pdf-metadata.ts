import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from "pdf-lib";

export type PdfOutcome = { ok: true; body: Uint8Array } | { ok: false; reason: "encrypted" | "unreadable" };

/** Keys that describe who made a document and with what, never what it shows. */
const METADATA_KEYS = [PDFName.of("Metadata"), PDFName.of("PieceInfo")];

/**
 * Re-writes a PDF without its document metadata: the Info dictionary (Author, Creator, Producer,
 * Title, dates …) goes, as do XMP streams and application private data (/Metadata, /PieceInfo) on
 * any object. Then only objects reachable from the catalog are written, so the old Info and XMP
 * objects, and earlier revisions kept by incremental saves, do not survive as orphans.
 * Pure JavaScript (pdf-lib): the same code runs on Node and Workers.
 * An encrypted PDF cannot be rewritten without its password and is refused, as is one pdf-lib cannot parse.
 */
export async function stripPdfMetadata(body: Uint8Array): Promise<PdfOutcome> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(body, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    // pdf-lib's EncryptedPDFError is compiled to ES5, so instanceof fails on it; its message is stable.
    return { ok: false, reason: err instanceof Error && /is encrypted/.test(err.message) ? "encrypted" : "unreadable" };
  }
  try {
    if (doc.getPageCount() === 0) return { ok: false, reason: "unreadable" };
    const { context } = doc;
    context.trailerInfo.Info = undefined;
    const reachable = new Set<string>();
    const visit = (obj: PDFObject | undefined): void => {
      if (obj instanceof PDFRef) {
        if (reachable.has(obj.tag)) return;
        reachable.add(obj.tag);
        visit(context.lookup(obj));
      } else if (obj instanceof PDFDict || obj instanceof PDFStream) {
        const dict = obj instanceof PDFStream ? obj.dict : obj;
        for (const key of METADATA_KEYS) dict.delete(key);
        for (const value of dict.values()) visit(value);
      } else if (obj instanceof PDFArray) {
        for (let i = 0; i < obj.size(); i++) visit(obj.get(i));
      }
    };
    visit(context.trailerInfo.Root);
    for (const [ref] of context.enumerateIndirectObjects()) if (!reachable.has(ref.tag)) context.delete(ref);
    return { ok: true, body: await doc.save({ updateFieldAppearances: false }) };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}
