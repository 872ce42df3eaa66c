import type { RGB } from "pdf-lib";
import type { Locale } from "../../locales/config";
import { face, features, hasGlyph, type Family, type Weight } from "./fonts";

export interface Style {
  size: number;
  weight?: Weight;
  color?: RGB;
  /** The language of the text: picks fonts and line-break rules. */
  lang: Locale;
  /** Courier (ASCII only): for signatures, hashes and numbers. */
  mono?: boolean;
}

/** The font for text that is neither Hangul, Han/kana nor Thai, by the text's language. */
const BASE_FAMILY: Record<Locale, Family> = { ko: "kr", en: "latin", vi: "latin", th: "latin", ja: "jp", zh: "sc" };
/** The font for Han characters and kana, by the text's language (Hanja in Korean text: KR). */
const CJK_FAMILY: Record<Locale, Family> = { ko: "kr", en: "kr", vi: "kr", th: "kr", ja: "jp", zh: "sc" };
/** Tried in this order when the chosen font lacks a glyph (small fonts first). */
const FALLBACK: Family[] = ["latin", "kr", "thai", "jp", "sc"];

const isHangul = (cp: number) =>
  (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xac00 && cp <= 0xd7ff);
const isThai = (cp: number) => cp >= 0x0e00 && cp <= 0x0e7f;
const isCjk = (cp: number) =>
  (cp >= 0x3000 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef);

export interface Run {
  family: Family;
  text: string;
}

/** Splits text into runs of one font each: Hangul always in the KR font, Thai in the Thai font. */
export function runs(text: string, lang: Locale): Run[] {
  const result: Run[] = [];
  for (const char of text.normalize("NFC")) {
    const cp = char.codePointAt(0)!;
    const last = result[result.length - 1];
    let family: Family;
    if (isHangul(cp)) family = "kr";
    else if (isThai(cp)) family = "thai";
    else if (last && /[\s\p{M}]/u.test(char) && hasGlyph(last.family, cp)) family = last.family;
    else {
      const preferred = isCjk(cp) ? CJK_FAMILY[lang] : BASE_FAMILY[lang];
      family = [preferred, ...FALLBACK].find((f) => hasGlyph(f, cp)) ?? preferred;
    }
    if (last && last.family === family) last.text += char;
    else result.push({ family, text: char });
  }
  return result;
}

/** Advance widths in em by font and text: labels repeat in every document, shaping is slow. */
const widths = new Map<string, number>();

/** Width in points, as pdf-lib measures it (glyph advances, no kerning between runs). */
export function runWidth(run: Run, weight: Weight, size: number): number {
  const key = `${run.family}-${weight}\u0000${run.text}`;
  let em = widths.get(key);
  if (em === undefined) {
    const { font } = face(run.family, weight);
    let units = 0;
    for (const glyph of font.layout(run.text, features()).glyphs) units += glyph.advanceWidth;
    em = units / font.unitsPerEm;
    if (widths.size > 20_000) widths.clear();
    widths.set(key, em);
  }
  return em * size;
}

/** Courier's advance is 600/1000 em for every character. */
const MONO_ADVANCE = 0.6;

export function textWidth(text: string, style: Style): number {
  if (style.mono) return text.length * MONO_ADVANCE * style.size;
  return runs(text, style.lang).reduce((sum, run) => sum + runWidth(run, style.weight ?? "regular", style.size), 0);
}
