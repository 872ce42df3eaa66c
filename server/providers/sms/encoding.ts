/**
 * SMS text encoding for SMPP: GSM 03.38 7-bit (data_coding 0, one septet per octet as SMPP
 * carries it; the SMS centre packs) when every character fits, UCS-2 (data_coding 8) otherwise.
 * Long texts become concatenated parts, each with a UDH (IEI 0x00, 8-bit reference).
 */

export type DataCoding = 0 | 8;

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION: Record<string, number> = { "\f": 0x0a, "^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2f, "[": 0x3c, "~": 0x3d, "]": 0x3e, "|": 0x40, "€": 0x65 };
const ESC = 0x1b;

const basicCode = new Map([...GSM_BASIC].map((c, i) => [c, i]));
basicCode.delete("\x1b"); // the escape code is not a character of its own
const extensionChar = new Map(Object.entries(GSM_EXTENSION).map(([c, code]) => [code, c]));

export const LIMITS = {
  0: { single: 160, part: 153 },
  8: { single: 70, part: 67 },
} as const;
const MAX_PARTS = 255;

/** Septets a character takes in GSM 03.38 (2 for the extension table), or null if it has none. */
function gsmSeptets(char: string): number | null {
  if (basicCode.has(char)) return 1;
  return char in GSM_EXTENSION ? 2 : null;
}

export function chooseDataCoding(text: string): DataCoding {
  for (const char of text) if (gsmSeptets(char) === null) return 8;
  return 0;
}

/** Length in the coding's units: septets for GSM, UTF-16 code units for UCS-2. */
export function unitLength(text: string, coding: DataCoding): number {
  if (coding === 8) return text.length;
  let n = 0;
  for (const char of text) n += gsmSeptets(char) ?? 1;
  return n;
}

export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const basic = basicCode.get(char);
    if (basic !== undefined) out.push(basic);
    else if (char in GSM_EXTENSION) out.push(ESC, GSM_EXTENSION[char]);
    else throw new RangeError(`Not a GSM 03.38 character: U+${char.codePointAt(0)!.toString(16)}`);
  }
  return Buffer.from(out);
}

export function decodeGsm7(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === ESC) text += extensionChar.get(bytes[++i]) ?? " ";
    else text += GSM_BASIC[bytes[i] & 0x7f];
  }
  return text;
}

export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, "utf16le").swap16();
}

export function decodeUcs2(bytes: Uint8Array): string {
  return Buffer.from(bytes).swap16().toString("utf16le");
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The text cut into pieces of at most `limit` units, only between grapheme clusters (a Thai
 * vowel or tone mark stays with its consonant). A cluster longer than a whole part (pathological
 * stacks of marks) is cut between code points, never inside a surrogate pair.
 */
export function splitText(text: string, coding: DataCoding, limit: number): string[] {
  const pieces: string[] = [];
  let current = "";
  let used = 0;
  const push = (unit: string) => {
    const size = unitLength(unit, coding);
    if (used + size > limit && current) {
      pieces.push(current);
      current = "";
      used = 0;
    }
    current += unit;
    used += size;
  };
  for (const { segment } of graphemes.segment(text)) {
    if (unitLength(segment, coding) <= limit) push(segment);
    else for (const codePoint of segment) push(codePoint);
  }
  if (current) pieces.push(current);
  return pieces;
}

export interface EncodedSms {
  dataCoding: DataCoding;
  /** text of each part, in order */
  texts: string[];
  /** short_message of each part: UDH + encoded text when there are several */
  parts: Buffer[];
}

/** `reference` (0-255) ties the parts together; it must differ between a sender's recent long messages. */
export function encodeSms(text: string, reference: number): EncodedSms {
  const dataCoding = chooseDataCoding(text);
  const { single, part } = LIMITS[dataCoding];
  const texts = unitLength(text, dataCoding) <= single ? [text] : splitText(text, dataCoding, part);
  if (texts.length > MAX_PARTS) throw new RangeError(`SMS text needs ${texts.length} parts; at most ${MAX_PARTS}`);
  const encode = dataCoding === 0 ? encodeGsm7 : encodeUcs2;
  const ref = reference & 0xff;
  const parts = texts.map((t, i) =>
    texts.length === 1 ? encode(t) : Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref, texts.length, i + 1]), encode(t)]),
  );
  return { dataCoding, texts, parts };
}
