import { readFileSync } from "node:fs";
import path from "node:path";
import fontkit, { type Font as FontkitFont } from "@pdf-lib/fontkit";
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";

export type Family = "latin" | "kr" | "jp" | "sc" | "thai";
export type Weight = "regular" | "bold";
/** A font as the layout names it: a Noto family and weight, or Courier. */
export type FontKey = `${Family}-${Weight}` | "mono";

const FONT_PACKAGES: Record<Family, [pkg: string, prefix: string]> = {
  latin: ["noto-sans", "NotoSans"],
  kr: ["noto-sans-kr", "NotoSansKR"],
  jp: ["noto-sans-jp", "NotoSansJP"],
  sc: ["noto-sans-sc", "NotoSansSC"],
  thai: ["noto-sans-thai", "NotoSansThai"],
};

interface Face {
  bytes: Uint8Array;
  font: FontkitFont;
}

/** Font files and their parsed form, per process: read once, they are several MB each. */
const faces = new Map<string, Face>();
const parsed = new WeakMap<Uint8Array, FontkitFont>();

/**
 * What pdf-lib is given as "fontkit": it hands back the font already parsed for these bytes, so
 * that a document does not copy and re-parse (GSUB, GPOS, cmap) MBs of font each time — that
 * took most of the time. Sharing is safe: fontkit reads synchronously and a subset is its own
 * object.
 */
const sharedFontkit = {
  create: (bytes: Uint8Array, postscriptName?: string) => parsed.get(bytes) ?? fontkit.create(bytes, postscriptName),
};

export function face(family: Family, weight: Weight): Face {
  const key = `${family}-${weight}`;
  let loaded = faces.get(key);
  if (!loaded) {
    const [pkg, prefix] = FONT_PACKAGES[family];
    const style = weight === "bold" ? "700Bold" : "400Regular";
    const bytes = new Uint8Array(readFileSync(path.join(process.cwd(), "node_modules", "@expo-google-fonts", pkg, style, `${prefix}_${style}.ttf`)));
    loaded = { bytes, font: fontkit.create(bytes) };
    patchSubsetting(loaded.font);
    parsed.set(bytes, loaded.font);
    faces.set(key, loaded);
  }
  return loaded;
}

interface TtfSubsetInternals {
  _addGlyph(gid: number): number;
  glyf: Uint8Array[];
  offset: number;
}
const PATCHED = Symbol.for("moa.fontkit.evenGlyphRecords");

/**
 * Works around a bug in @pdf-lib/fontkit 1.1.1 (fixed upstream in fontkit 1.8, foliojs/fontkit#191,
 * never merged into the fork): a TrueType subset whose glyphs total under 64 KB gets a short
 * `loca` table, whose offsets are stored halved, but glyph records are copied with their odd
 * lengths, so every glyph after an odd one points a byte off and draws nothing or garbage, while
 * copied text (from /ToUnicode) still looks right.
 * Padding each record to an even length (allowed by the OpenType spec) keeps the offsets exact.
 * Applied once per process to the subset class that pdf-lib's `subset: true` uses.
 */
function patchSubsetting(font: FontkitFont) {
  const proto = Object.getPrototypeOf(font.createSubset()) as TtfSubsetInternals & { [PATCHED]?: true };
  if (proto[PATCHED] || typeof proto._addGlyph !== "function") return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: TtfSubsetInternals, gid: number) {
    const index = addGlyph.call(this, gid);
    const record = this.glyf[index];
    if (record.length % 2 === 1) {
      // The fork bundles its own Buffer polyfill: make the padded record of the same class.
      const padded = (record.constructor as typeof Buffer).alloc(record.length + 1);
      padded.set(record);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
  proto[PATCHED] = true;
}

export const hasGlyph = (family: Family, codePoint: number) => face(family, "regular").font.hasGlyphForCodePoint(codePoint);

/**
 * OpenType features for layout. pdf-lib draws glyph advances only, without GPOS mark positioning,
 * so `ccmp` must not decompose precomposed letters into base + combining mark: Noto Sans would
 * set Vietnamese "ọ" as "o" + a dot that is lost in copied text, and Noto Sans Thai "ำ" as two
 * glyphs that copy as "ํา". A fresh object each time: fontkit writes into the one it is given.
 */
export const features = () => ({ ccmp: false });

/** A PDF document that embeds Noto fonts through the shared, patched fontkit. */
export async function createDocument(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(sharedFontkit as unknown as Parameters<PDFDocument["registerFontkit"]>[0]);
  return doc;
}

/** Embeds a font as a subset of the glyphs drawn with it (Courier as a standard font). */
export async function embedFont(doc: PDFDocument, key: FontKey): Promise<PDFFont> {
  if (key === "mono") return doc.embedFont(StandardFonts.Courier);
  const [family, weight] = key.split("-") as [Family, Weight];
  return doc.embedFont(face(family, weight).bytes, { subset: true, features: features() });
}
