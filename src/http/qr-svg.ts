import QRCode from "qrcode";

/**
 * An invite link as an inline SVG QR code (the `qrcode` library, error correction M): scanned from a
 * screen or a printed sheet by any phone camera. Inline SVG needs no image route and no inline style,
 * so the staff pages' CSP stays as strict as it is.
 */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return svg.replace("<svg ", '<svg class="qr" role="img" aria-label="QR" ');
}
