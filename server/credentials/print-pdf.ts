import { LOCALE_TAGS, type Locale } from "../../locales/config";
import { TIME_ZONE } from "../../locales/formats";
import { A4, ACCENT, Layout, MM, MUTED, type Geometry } from "../pdf/layout";
import { drawQr } from "../pdf/qr";
import { renderLayout } from "../pdf/render";
import type { Style } from "../pdf/text";
import { claimRows, groupsOfFour } from "./claim-rows";
import { ISSUERS } from "./issuers";
import { CREDENTIAL_NAMES } from "./labels";
import { PRINT_LABELS } from "./print-labels";
import type { CredentialType, IssuerCode } from "./types";

export interface PrintInput {
  type: CredentialType;
  issuer: IssuerCode;
  issuedAt: Date;
  authenticityNumber: string;
  /** The claims printed (the RRN's back digits already left out). */
  claims: Record<string, unknown>;
  /** The share link the QR code opens, and until when. */
  shareUrl: string;
  shareExpiresAt: Date;
  /** Where anyone enters the authenticity number. */
  verifyUrl: string;
}

const GEOMETRY: Geometry = { ...A4, marginX: 50, top: A4.height - 40, bottom: 62, footerY: 40 };
const WIDTH = A4.width - 2 * GEOMETRY.marginX;
const LABEL_WIDTH = 150;
const QR_SIZE = 40 * MM;

function formatTime(date: Date, locale: Locale, withTime = true): string {
  const time = withTime ? ({ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" } as const) : {};
  const text = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { timeZone: TIME_ZONE, calendar: "gregory", numberingSystem: "latn", year: "numeric", month: "long", day: "numeric", ...time }).format(date);
  return `${text}${withTime ? " KST" : ""}`.replace(/[\u00a0\u202f]/g, " ");
}

/** A labelled row: the label left, the value (one or more lines) right, a rule under it. */
function row(layout: Layout, label: string, values: string[], style: (size: number, extra?: Partial<Style>) => Style) {
  const labelBlock = layout.block(label, style(9, { weight: "bold" }), LABEL_WIDTH);
  const valueBlocks = values.map((v) => layout.block(v, style(9.5), WIDTH - LABEL_WIDTH - 12));
  const height = Math.max(layout.height([labelBlock]), layout.height(valueBlocks)) + 5.5;
  layout.ensure(height);
  layout.drawBlocks([labelBlock], GEOMETRY.marginX, layout.y - 2.75);
  layout.drawBlocks(valueBlocks, GEOMETRY.marginX + LABEL_WIDTH + 12, layout.y - 2.75);
  layout.y -= height;
  layout.rule(0.4);
}

/**
 * The printed copy (A4) in the holder's language, with the Korean name of the certificate: its
 * claims, issue time, authenticity number in groups of four, the verify address, and a QR code
 * that opens a share of this copy, which any phone can check.
 */
export async function printedCopyPdf(input: PrintInput, locale: Locale): Promise<Uint8Array> {
  const L = PRINT_LABELS[locale];
  const korean = locale === "ko";
  const text = (size: number, extra: Partial<Style> = {}): Style => ({ size, lang: locale, ...extra });
  const ko = (size: number, extra: Partial<Style> = {}): Style => ({ size, lang: "ko", ...extra });
  const nameKo = CREDENTIAL_NAMES[input.type].ko;
  const layout = new Layout(GEOMETRY);

  layout.band(ACCENT);
  layout.space(6);
  layout.flow([layout.block(L.printedCopy, text(8, { color: MUTED }), WIDTH)], GEOMETRY.marginX, 6);
  layout.flow([layout.block(CREDENTIAL_NAMES[input.type][locale], text(19, { weight: "bold", color: ACCENT }), WIDTH, 26)]);
  if (!korean) layout.flow([layout.block(nameKo, ko(14, { weight: "bold", color: ACCENT }), WIDTH, 20)]);
  layout.space(8);
  layout.rule(1.2, ACCENT);

  row(layout, L.issuer, [ISSUERS[input.issuer].name[locale]], text);
  row(layout, L.issuedAt, [formatTime(input.issuedAt, locale)], text);
  row(layout, L.authenticityNumber, [groupsOfFour(input.authenticityNumber)], text);
  layout.space(10);
  layout.flow([layout.block(L.contents, text(10.5, { weight: "bold", color: ACCENT }), WIDTH, 17)]);
  layout.rule(0.4);
  for (const r of claimRows(input.type, input.claims, locale)) row(layout, r.label, r.items ? r.items.map((item, i) => `${i + 1}. ${item.value}`) : [r.value], text);
  if (input.type === "resident-registration-abstract") layout.flow([layout.block(L.rrnBackWithheld, text(8, { color: MUTED }), WIDTH)], GEOMETRY.marginX, 4);

  // The check panel: QR code left, how to check and the number right.
  layout.space(14);
  layout.ensure(QR_SIZE + 10);
  const top = layout.y;
  drawQr(layout, input.shareUrl, GEOMETRY.marginX - 4, top, QR_SIZE);
  const x = GEOMETRY.marginX + QR_SIZE + 8;
  const beside = WIDTH - QR_SIZE - 8;
  const help = [layout.block(L.verifyHeading, text(10.5, { weight: "bold", color: ACCENT }), beside, 16), layout.block(L.verifyHow, text(8.5), beside)];
  if (!korean) help.push(layout.block(PRINT_LABELS.ko.verifyHow, ko(7.5, { color: MUTED }), beside));
  help.push(layout.block(`${L.authenticityNumber}: ${groupsOfFour(input.authenticityNumber)}`, text(10, { weight: "bold" }), beside, 15));
  help.push(layout.block(input.verifyUrl, text(10, { weight: "bold" }), beside, 15));
  help.push(layout.block(L.qrValidUntil.replace("{date}", formatTime(input.shareExpiresAt, locale, false)), text(8, { color: MUTED }), beside));
  const used = layout.drawBlocks(help, x, top - 6);
  layout.y = top - Math.max(QR_SIZE, used + 6);

  layout.footers(`Moa · ${nameKo} · ${groupsOfFour(input.authenticityNumber)}`, ko(7, { color: MUTED }), (n, total) => L.page.replace("{n}", String(n)).replace("{total}", String(total)), text(7, { color: MUTED }));
  const doc = await renderLayout(layout);
  doc.setTitle(korean ? nameKo : `${CREDENTIAL_NAMES[input.type][locale]} (${nameKo})`, { showInWindowTitleBar: true });
  doc.setAuthor(ISSUERS[input.issuer].name[locale]);
  doc.setCreator("Moa");
  doc.setProducer("Moa (pdf-lib)");
  doc.setLanguage(LOCALE_TAGS[locale]);
  doc.setCreationDate(input.issuedAt);
  return doc.save();
}
