import { rgb, type RGB } from "pdf-lib";
import type { FontKey } from "./fonts";
import { runWidth, runs, textWidth, type Style } from "./text";
import { wrap } from "./wrap";

export const A4 = { width: 595.28, height: 841.89 };
/** Points per millimetre. */
export const MM = 72 / 25.4;

export const INK = rgb(0.1, 0.1, 0.13);
export const MUTED = rgb(0.38, 0.38, 0.43);
export const RULE = rgb(0.8, 0.81, 0.84);
export const ACCENT = rgb(0.07, 0.27, 0.55);

/** Page size and the flow's box, in points from the bottom left (PDF coordinates). */
export interface Geometry {
  width: number;
  height: number;
  /** Left and right margin of the flow, the rules and the footer. */
  marginX: number;
  /** Where the flow starts on every page. */
  top: number;
  /** Below this the flow continues on a new page (room for the footer). */
  bottom: number;
  /** Baseline of the footer. */
  footerY: number;
}

export type Op =
  | { t: "text"; x: number; y: number; text: string; size: number; font: FontKey; color: RGB }
  | { t: "line"; x1: number; x2: number; y: number; thickness: number; color: RGB }
  | { t: "rect"; x: number; y: number; w: number; h: number; color: RGB };

export interface Block {
  lines: string[];
  style: Style;
  lineHeight: number;
}

/** Pages as drawing operations: text is measured and wrapped here, drawn by render.ts. */
export class Layout {
  pages: Op[][] = [[]];
  y: number;
  fontsUsed = new Set<FontKey>();

  constructor(readonly geometry: Geometry) {
    this.y = geometry.top;
  }

  get contentWidth(): number {
    return this.geometry.width - 2 * this.geometry.marginX;
  }

  block(text: string, style: Style, width: number, lineHeight = style.size * 1.38): Block {
    return { lines: wrap(text, style, width), style, lineHeight };
  }

  height(blocks: Block[]): number {
    return blocks.reduce((sum, b) => sum + b.lines.length * b.lineHeight, 0);
  }

  /** Starts a new page unless `height` points fit above the footer. */
  ensure(height: number) {
    if (this.y - height < this.geometry.bottom) {
      this.pages.push([]);
      this.y = this.geometry.top;
    }
  }

  private get ops() {
    return this.pages[this.pages.length - 1];
  }

  /** One line of mixed-font text with its baseline at `y` (on the current page unless given). */
  line(text: string, style: Style, x: number, y: number, ops = this.ops) {
    const color = style.color ?? INK;
    if (style.mono) {
      this.fontsUsed.add("mono");
      ops.push({ t: "text", x, y, text, size: style.size, font: "mono", color });
      return;
    }
    const weight = style.weight ?? "regular";
    for (const run of runs(text, style.lang)) {
      const font: FontKey = `${run.family}-${weight}`;
      this.fontsUsed.add(font);
      if (run.text.trim()) ops.push({ t: "text", x, y, text: run.text, size: style.size, font, color });
      x += runWidth(run, weight, style.size);
    }
  }

  /** A filled rectangle on the current page, (x, y) its bottom left corner. */
  rect(x: number, y: number, w: number, h: number, color: RGB) {
    this.ops.push({ t: "rect", x, y, w, h, color });
  }

  /** A coloured band across the top of the current page. */
  band(color: RGB) {
    this.rect(0, this.geometry.height - 14, this.geometry.width, 14, color);
  }

  /** The footer of every page: `left` at the left margin, `right` right-aligned. */
  footers(left: string, leftStyle: Style, right: (n: number, total: number) => string, rightStyle: Style) {
    const { marginX, width, footerY: y } = this.geometry;
    this.pages.forEach((ops, index) => {
      ops.push({ t: "line", x1: marginX, x2: width - marginX, y: y + 12, thickness: 0.4, color: RULE });
      this.line(left, leftStyle, marginX, y, ops);
      const label = right(index + 1, this.pages.length);
      this.line(label, rightStyle, width - marginX - textWidth(label, rightStyle), y, ops);
    });
  }

  /** Draws blocks one under another from the top `top` at `x`; returns the height used. */
  drawBlocks(blocks: Block[], x: number, top: number): number {
    let y = top;
    for (const block of blocks) {
      for (const text of block.lines) {
        y -= block.lineHeight;
        this.line(text, block.style, x, y + (block.lineHeight - block.style.size) * 0.55);
      }
    }
    return top - y;
  }

  /** Blocks in the flow: a new page when they do not fit (kept together). */
  flow(blocks: Block[], x = this.geometry.marginX, spaceAfter = 0) {
    this.ensure(this.height(blocks));
    this.y -= this.drawBlocks(blocks, x, this.y) + spaceAfter;
  }

  /**
   * A long paragraph in the flow, broken across pages between lines; its headings (if any) stay
   * with its first two lines.
   */
  paragraph(text: string, style: Style, spaceAfter = 0, headings: Block[] = []) {
    const block = this.block(text, style, this.contentWidth);
    const first = { ...block, lines: block.lines.slice(0, 2) };
    this.flow([...headings, first]);
    for (const line of block.lines.slice(2)) this.flow([{ ...block, lines: [line] }]);
    this.y -= spaceAfter;
  }

  rule(thickness = 0.6, color = RULE) {
    const { marginX, width } = this.geometry;
    this.ops.push({ t: "line", x1: marginX, x2: width - marginX, y: this.y, thickness, color });
  }

  space(points: number) {
    this.y -= points;
  }
}
