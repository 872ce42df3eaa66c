import { LOCALE_TAGS, type Locale } from "../../locales/config";
import { textWidth, type Style } from "./text";

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: Locale, granularity: "word" | "grapheme"): Intl.Segmenter {
  const key = `${lang}-${granularity}`;
  let s = segmenters.get(key);
  if (!s) segmenters.set(key, (s = new Intl.Segmenter(LOCALE_TAGS[lang], { granularity })));
  return s;
}

/**
 * Break opportunities from the word segmenter (ICU: dictionary-based for Thai, Japanese and
 * Chinese, which have no spaces); closing punctuation stays with the word before it and opening
 * brackets with the word after. A piece wider than the line is broken between graphemes.
 */
function pieces(paragraph: string, style: Style): string[] {
  if (style.mono) return [...paragraph];
  const result: string[] = [];
  let opening = "";
  for (const { segment } of segmenter(style.lang, "word").segment(paragraph)) {
    if (/^[\p{Ps}\p{Pi}]+$/u.test(segment)) opening += segment;
    else if (/^[\p{Pe}\p{Pf}\p{Po}]+$/u.test(segment) && result.length && !/\s$/.test(result[result.length - 1]) && !opening) result[result.length - 1] += segment;
    else {
      result.push(opening + segment);
      opening = "";
    }
  }
  if (opening) result.push(opening);
  return result;
}

/** Breaks text into lines no wider than `maxWidth` points; "\n" starts a new paragraph. */
export function wrap(text: string, style: Style, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let width = 0;
    const push = () => {
      lines.push(line.trimEnd());
      line = "";
      width = 0;
    };
    // A line ending in "-" reads as a hyphenated word: copy-paste and pdftotext drop the hyphen, and a
    // pasted signature would no longer verify. In monospace text the hyphen starts the next line instead.
    const breakLine = () => {
      const carry = style.mono && line.length > 1 && line.endsWith("-");
      if (carry) line = line.slice(0, -1);
      push();
      if (carry) {
        line = "-";
        width = textWidth(line, style);
      }
    };
    for (const piece of pieces(paragraph, style)) {
      if (/^\s+$/.test(piece)) {
        if (!line) continue;
        const w = textWidth(piece, style);
        if (width + w > maxWidth) push();
        else {
          line += piece;
          width += w;
        }
        continue;
      }
      const w = textWidth(piece, style);
      if (width + w <= maxWidth) {
        line += piece;
        width += w;
        continue;
      }
      if (line.trim() && w <= maxWidth) {
        breakLine();
        line += piece;
        width += w;
        continue;
      }
      for (const { segment } of style.mono ? [...piece].map((segment) => ({ segment })) : segmenter(style.lang, "grapheme").segment(piece)) {
        const gw = textWidth(segment, style);
        if (width + gw > maxWidth && line.trim()) breakLine();
        line += segment;
        width += gw;
      }
    }
    if (line.trim() || !lines.length || paragraph === "") push();
  }
  return lines;
}
