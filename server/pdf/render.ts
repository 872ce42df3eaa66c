import type { PDFDocument, PDFFont } from "pdf-lib";
import { createDocument, embedFont, type FontKey } from "./fonts";
import type { Layout } from "./layout";

/** Draws a layout into a new document; only the fonts used are embedded, each as a subset. */
export async function renderLayout(layout: Layout): Promise<PDFDocument> {
  const doc = await createDocument();
  const fonts = new Map<FontKey, PDFFont>();
  for (const key of layout.fontsUsed) fonts.set(key, await embedFont(doc, key));
  const { width, height } = layout.geometry;
  for (const ops of layout.pages) {
    const page = doc.addPage([width, height]);
    for (const op of ops) {
      if (op.t === "text") page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: fonts.get(op.font)!, color: op.color });
      else if (op.t === "line") page.drawLine({ start: { x: op.x1, y: op.y }, end: { x: op.x2, y: op.y }, thickness: op.thickness, color: op.color });
      else page.drawRectangle({ x: op.x, y: op.y, width: op.w, height: op.h, color: op.color });
    }
  }
  return doc;
}
