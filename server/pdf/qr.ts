import QRCode from "qrcode";
import { INK, type Layout } from "./layout";

/** The blank margin a reader needs around the symbol, in modules (ISO/IEC 18004). */
const QUIET_ZONE = 4;

/**
 * Draws the QR code of `text` (error correction M) as filled rectangles, `size` points square
 * including the quiet zone, with its top left corner at (x, top). Dark modules side by side in a
 * row are one rectangle: fewer operations, and no hairline seams between them when rasterized.
 */
export function drawQr(layout: Layout, text: string, x: number, top: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const unit = size / (modules.size + 2 * QUIET_ZONE);
  for (let row = 0; row < modules.size; row++) {
    const y = top - (QUIET_ZONE + row + 1) * unit;
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      else if (!dark && start >= 0) {
        layout.rect(x + (QUIET_ZONE + start) * unit, y, (col - start) * unit, unit, INK);
        start = -1;
      }
    }
  }
}
