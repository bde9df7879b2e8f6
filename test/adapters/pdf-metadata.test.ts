import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { PDFDocument, PDFName, type PDFRef, PDFString, StandardFonts } from "pdf-lib";
import { stripPdfMetadata } from "../../src/adapters/pdf-metadata.js";
import { createPureSanitizer, createSharpSanitizer } from "../../src/adapters/media.js";

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>XmpAuthorLi</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
const LEAKS = ["AuthorWang", "Safety-Inspection-Notes", "LeakyWriter 9", "LeakyProducer 3", "XmpAuthorLi", "PieceInfoSecret"];

/** A document as an office suite saves it: Info fields, an XMP stream, application data on the page. */
async function pdfWithMetadata(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([300, 200]);
  page.drawText("Evidence page one", { x: 20, y: 150, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.setAuthor("AuthorWang");
  doc.setTitle("Safety-Inspection-Notes");
  doc.setCreator("LeakyWriter 9");
  doc.setProducer("LeakyProducer 3");
  doc.setCreationDate(new Date("2026-11-30T08:00:00Z"));
  const xmp = doc.context.stream(XMP, { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(xmp));
  page.node.set(PDFName.of("PieceInfo"), doc.context.obj({ App: { Private: PDFString.of("PieceInfoSecret") } }));
  return doc.save({ useObjectStreams: false }); // uncompressed, so the leaks are visible as bytes
}

const text = (b: Uint8Array) => Buffer.from(b).toString("latin1");
/** pdf-lib writes Info strings as UTF-16 hex strings: look for both spellings. */
const holds = (b: Uint8Array, s: string) =>
  text(b).includes(s) || text(b).toUpperCase().includes(Buffer.from(s, "utf16le").swap16().toString("hex").toUpperCase());

describe("PDF metadata stripping (pdf-lib, Node and Workers alike)", () => {
  it("removes Info, XMP and application data, keeping the pages", async () => {
    const input = await pdfWithMetadata();
    for (const leak of LEAKS) expect(holds(input, leak), leak).toBe(true);

    const out = await stripPdfMetadata(input);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    for (const leak of LEAKS) expect(holds(out.body, leak), leak).toBe(false);
    const reread = await PDFDocument.load(out.body, { updateMetadata: false });
    expect(reread.context.trailerInfo.Info).toBeUndefined(); // before the getters, which create one
    expect(text(out.body)).not.toContain("/Info");
    expect(reread.getPageCount()).toBe(1);
    expect(reread.getAuthor()).toBeUndefined();
    expect(reread.getTitle()).toBeUndefined();
    expect(reread.getCreator()).toBeUndefined();
    expect(reread.getProducer()).toBeUndefined();
    expect(reread.catalog.get(PDFName.of("Metadata"))).toBeUndefined();
    expect(reread.getPage(0).getSize()).toEqual({ width: 300, height: 200 });
  });

  it("drops what an earlier revision left behind (an incremental save keeps the old objects in the file)", async () => {
    const original = await pdfWithMetadata();
    const doc = await PDFDocument.load(original, { updateMetadata: false });
    const root = doc.context.trailerInfo.Root as PDFRef;
    const pages = doc.catalog.get(PDFName.of("Pages")) as PDFRef;
    // An incremental update as an editor appends it: a new catalog without /Metadata and a trailer
    // without /Info. The old Info dictionary and XMP stream are still in the file, referenced by nothing.
    const prevXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text(original))![1]);
    const catalog = `${root.objectNumber} 0 obj\n<< /Type /Catalog /Pages ${pages.objectNumber} 0 R >>\nendobj\n`;
    const catalogAt = original.length;
    const xrefAt = catalogAt + catalog.length;
    const tail =
      `xref\n0 1\n0000000000 65535 f \n${root.objectNumber} 1\n${String(catalogAt).padStart(10, "0")} 00000 n \n` +
      `trailer\n<< /Size ${doc.context.largestObjectNumber + 1} /Root ${root.objectNumber} 0 R /Prev ${prevXref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const updated = Buffer.concat([original, Buffer.from(catalog + tail, "latin1")]);
    for (const leak of LEAKS) expect(holds(updated, leak), leak).toBe(true);

    const out = await stripPdfMetadata(updated);
    expect(out.ok).toBe(true);
    if (out.ok) for (const leak of LEAKS) expect(holds(out.body, leak), leak).toBe(false);
  });

  it("refuses an encrypted PDF and one it cannot parse, with distinct reasons", async () => {
    const doc = await PDFDocument.load(await pdfWithMetadata(), { updateMetadata: false });
    doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: "Standard", V: 2, R: 3, Length: 128, P: -4 }));
    const encrypted = await doc.save({ useObjectStreams: false });
    expect(await stripPdfMetadata(encrypted)).toEqual({ ok: false, reason: "encrypted" });
    expect(await stripPdfMetadata(new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))).toEqual({
      ok: false,
      reason: "unreadable",
    });
    expect(await stripPdfMetadata(new TextEncoder().encode("%PDF-1.7\n"))).toEqual({ ok: false, reason: "unreadable" });
  });

  it.each([
    ["Node (sharp)", createSharpSanitizer(sharp)],
    ["Workers", createPureSanitizer()],
  ] as const)("the %s sanitizer sends PDFs through it and refuses the encrypted ones as unreadable", async (_name, media) => {
    const out = await media.sanitize({ body: await pdfWithMetadata(), mimeType: "application/pdf" });
    expect(out).toMatchObject({ ok: true, mimeType: "application/pdf" });
    if (out.ok) for (const leak of LEAKS) expect(holds(out.body, leak), leak).toBe(false);
    const doc = await PDFDocument.load(await pdfWithMetadata(), { updateMetadata: false });
    doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: "Standard" }));
    expect(await media.sanitize({ body: await doc.save(), mimeType: "application/pdf" })).toEqual({ ok: false, reason: "unreadable" });
  });
});
