import { LOCALE_TAGS, type Locale } from "../../locales/config";
import { TIME_ZONE } from "../../locales/formats";
import { A4, ACCENT, Layout, MM, MUTED, type Block, type Geometry } from "../pdf/layout";
import { drawQr } from "../pdf/qr";
import { renderLayout } from "../pdf/render";
import { textWidth, type Style } from "../pdf/text";
import { wrap } from "../pdf/wrap";
import { LETTER_LABELS, TRANSLATION_NOTE_KO } from "./letter-labels";
import { formatLetterNumber } from "./letter-number";

export { formatLetterNumber, isLetterNumber, letterNumberFor, newLetterNumber, parseLetterNumber } from "./letter-number";

export interface LetterInput {
  noticeId: string;
  /** 16 digits, see letter-number.ts. */
  letterNumber: string;
  verifyUrl: string;
  /** By locale, "ko" always present. */
  agencyName: Record<string, string>;
  recipientName: string;
  /** Lines separated by newlines or commas, printed as given. */
  postalAddress: string;
  /** The legally binding text, printed exactly as given. */
  originalKo: string;
  locale: Locale;
  /** The notice in the citizen's language; null when the locale is ko. */
  localized: { title: string; body: string } | null;
  issuedAt: Date;
}

/** The name and address do not fit the envelope window even in the smallest type. */
export class AddressDoesNotFit extends Error {
  constructor() {
    super("The recipient's name and address do not fit the envelope window.");
  }
}

// GOV.UK Notify's letter geometry, in mm from the top left of an A4 page.
const fromTop = (mm: number) => A4.height - mm * MM;
const GEOMETRY: Geometry = { ...A4, marginX: 15 * MM, top: fromTop(12), bottom: 8 * MM + 22, footerY: 8 * MM };
const WINDOW = { x: 24.6 * MM, top: fromTop(39.5), width: (120 - 24.6) * MM, height: (66.3 - 39.5) * MM };
const BODY_TOP = fromTop(95);
const PANEL = { x: 125 * MM, top: fromTop(39.5), qrX: 171 * MM, qrSize: 24 * MM };
const RIGHT = A4.width - GEOMETRY.marginX;

/** Ascent and descent of the tallest Noto faces used (KR, JP, SC), in em: the window holds whole glyphs. */
const ASCENT = 1.16;
const DESCENT = 0.3;

function formatDate(date: Date, locale: Locale): string {
  const options = { timeZone: TIME_ZONE, calendar: "gregory", numberingSystem: "latn", year: "numeric", month: "long", day: "numeric" } as const;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], options).format(date);
}

/**
 * The recipient's name, then the address lines, in the largest type (10 pt down to 6 pt) that fits
 * the window, each line unbroken if possible. Lines are split at newlines and commas, except commas
 * in brackets: the reference part of a road-name address, "(삼평동, 판교테크노밸리)", stays whole.
 */
function addressBlock(layout: Layout, name: string, address: string, locale: Locale) {
  const lines = [name, ...address.split(/\n|,(?![^()]*\))/).map((line) => line.trim())].filter(Boolean);
  for (const breakLines of [false, true]) {
    for (let size = 10; size >= 6; size -= 0.5) {
      const lineHeight = size * 1.25;
      const wrapped = lines.map((line, i) => {
        const style: Style = { size, lang: i === 0 ? locale : "ko" };
        return wrap(line, style, WINDOW.width).map((text) => ({ text, style }));
      });
      if (!breakLines && wrapped.some((parts) => parts.length > 1)) continue;
      const all = wrapped.flat();
      if ((all.length - 1) * lineHeight + (ASCENT + DESCENT) * size > WINDOW.height) continue;
      all.forEach(({ text, style }, i) => layout.line(text, style, WINDOW.x, WINDOW.top - ASCENT * size - i * lineHeight));
      return;
    }
  }
  throw new AddressDoesNotFit();
}

/** The authenticity number beside its QR code, and how to check it below; returns the panel's bottom. */
function verifyPanel(layout: Layout, input: LetterInput): number {
  const L = LETTER_LABELS[input.locale];
  const K = LETTER_LABELS.ko;
  const korean = input.locale === "ko";
  const beside = PANEL.qrX - PANEL.x - 3 * MM;
  const number: Block[] = [layout.block(K.verifyHeading, { size: 8, lang: "ko", weight: "bold", color: ACCENT }, beside)];
  if (!korean) number.push(layout.block(L.verifyHeading, { size: 8, lang: input.locale, weight: "bold", color: ACCENT }, beside));
  number.push(layout.block(formatLetterNumber(input.letterNumber), { size: 10, lang: "ko", mono: true }, beside, 16));
  layout.drawBlocks(number, PANEL.x, PANEL.top - 2 * MM);
  drawQr(layout, input.verifyUrl, PANEL.qrX, PANEL.top, PANEL.qrSize);

  const below = RIGHT - PANEL.x;
  const help = [layout.block(K.verifyHow, { size: 6.5, lang: "ko", color: MUTED }, below, 8.6)];
  if (!korean) help.push(layout.block(L.verifyHow, { size: 6.5, lang: input.locale, color: MUTED }, below, 8.6));
  // The verify address is the QR code's without the number, where the number is typed in.
  help.push(layout.block(input.verifyUrl.replace(/\/\d{16}\/?$/, ""), { size: 8, lang: "en", weight: "bold" }, below, 11));
  const top = PANEL.top - PANEL.qrSize - 1 * MM;
  return top - layout.drawBlocks(help, PANEL.x, top);
}

function letterhead(layout: Layout, input: LetterInput) {
  const { locale } = input;
  const local = locale !== "ko" && input.agencyName[locale] !== input.agencyName.ko ? input.agencyName[locale] : undefined;
  const agency = [layout.block(input.agencyName.ko, { size: 14, lang: "ko", weight: "bold", color: ACCENT }, 115 * MM, 18)];
  if (local) agency.push(layout.block(local, { size: 8.5, lang: locale, color: MUTED }, 115 * MM));
  layout.drawBlocks(agency, GEOMETRY.marginX, fromTop(8));
  const right = (text: string, style: Style, y: number) => layout.line(text, style, RIGHT - textWidth(text, style), y);
  right("Moa", { size: 18, lang: "en", weight: "bold", color: ACCENT }, fromTop(14.5));
  right("모아 · 공공 전자우편함", { size: 7, lang: "ko", color: MUTED }, fromTop(18.5));
  right(formatDate(input.issuedAt, "ko"), { size: 8.5, lang: "ko" }, fromTop(24.5));
  if (locale !== "ko") right(formatDate(input.issuedAt, locale), { size: 8.5, lang: locale, color: MUTED }, fromTop(28.5));
  layout.y = fromTop(33);
  layout.rule(0.8, ACCENT);
}

/**
 * A postal letter (A4 portrait): letterhead, the address in the envelope window, the authenticity
 * number with its QR code, the Korean original and, for a citizen who reads another language, a
 * translation for reference. `pages` is what the print house is told to expect.
 */
export async function letterDocument(input: LetterInput): Promise<{ pdf: Uint8Array; pages: number }> {
  const { locale } = input;
  const L = LETTER_LABELS[locale];
  const K = LETTER_LABELS.ko;
  const korean = locale === "ko";
  const layout = new Layout(GEOMETRY);
  const width = layout.contentWidth;

  letterhead(layout, input);
  addressBlock(layout, input.recipientName, input.postalAddress, locale);
  layout.y = Math.min(BODY_TOP, verifyPanel(layout, input) - 6 * MM);

  const original = [layout.block(K.original, { size: 11, lang: "ko", weight: "bold", color: ACCENT }, width, 16)];
  if (!korean) original.push(layout.block(L.original, { size: 8.5, lang: locale, color: MUTED }, width));
  layout.paragraph(input.originalKo, { size: 10, lang: "ko" }, 0, original);

  if (!korean && input.localized) {
    layout.space(16);
    const headings = [
      layout.block(L.translation, { size: 10.5, lang: locale, weight: "bold", color: ACCENT }, width, 15),
      layout.block(TRANSLATION_NOTE_KO, { size: 7.5, lang: "ko", color: MUTED }, width),
      layout.block(input.localized.title, { size: 12, lang: locale, weight: "bold" }, width, 20),
    ];
    layout.paragraph(input.localized.body, { size: 10, lang: locale }, 0, headings);
  }

  const page = (labels: typeof L, n: number, total: number) => labels.page.replace("{n}", String(n)).replace("{total}", String(total));
  layout.footers(`Moa · ${input.noticeId}`, { size: 7, lang: "ko", color: MUTED }, (n, total) => (korean ? page(K, n, total) : `${page(L, n, total)} · ${page(K, n, total)}`), {
    size: 7,
    lang: locale,
    color: MUTED,
  });

  const doc = await renderLayout(layout);
  doc.setTitle(`${input.agencyName.ko} · ${input.noticeId}`);
  doc.setAuthor("Moa");
  doc.setCreator("Moa");
  doc.setProducer("Moa (pdf-lib)");
  doc.setLanguage("ko");
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  return { pdf: await doc.save(), pages: layout.pages.length };
}

export async function letterPdf(input: LetterInput): Promise<Uint8Array> {
  return (await letterDocument(input)).pdf;
}
