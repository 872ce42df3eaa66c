import { LOCALE_TAGS, type Locale } from "../../locales/config";
import { TIME_ZONE } from "../../locales/formats";
import { A4, ACCENT, Layout, MUTED, type Geometry } from "../pdf/layout";
import { renderLayout } from "../pdf/render";
import { textWidth, type Style } from "../pdf/text";
import type { ReceiptBill, ReceiptFacts } from "./receipt";
import { LEGAL_TITLE_KO, METHOD_NAMES, RECEIPT_LABELS } from "./receipt-labels";

const GEOMETRY: Geometry = { ...A4, marginX: 50, top: A4.height - 40, bottom: 62, footerY: 40 };
const WIDTH = A4.width - 2 * GEOMETRY.marginX;
const LABEL_WIDTH = 150;
/** The bills table: kind, payment number, principal, late charge, amount (numbers right-aligned). */
const COLUMNS = [150, 117, 76, 70, 82] as const;

interface Cell {
  text: string;
  style: Style;
  right?: boolean;
}

export const formatKrw = (amount: number, locale: Locale) =>
  new Intl.NumberFormat(LOCALE_TAGS[locale], { style: "currency", currency: "KRW", maximumFractionDigits: 0, numberingSystem: "latn" }).format(amount).replace(/[\u00a0\u202f]/g, " ");

function formatTime(date: Date, locale: Locale): string {
  const options = { timeZone: TIME_ZONE, calendar: "gregory", numberingSystem: "latn", year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" } as const;
  return `${new Intl.DateTimeFormat(LOCALE_TAGS[locale], options).format(date)} KST`.replace(/[\u00a0\u202f]/g, " ");
}

/** One row of cells side by side, each wrapped in its own width; a new page when it does not fit. */
function row(layout: Layout, cells: Cell[], widths: readonly number[], padding = 4) {
  const blocks = cells.map((c, i) => layout.block(c.text, c.style, widths[i] - 6));
  const height = Math.max(...blocks.map((b) => b.lines.length * b.lineHeight)) + padding * 2;
  layout.ensure(height);
  let x = layout.geometry.marginX;
  cells.forEach((cell, i) => {
    const block = blocks[i];
    block.lines.forEach((line, n) => {
      const baseline = layout.y - padding - (n + 1) * block.lineHeight + (block.lineHeight - cell.style.size) * 0.55;
      const left = cell.right ? x + widths[i] - 6 - textWidth(line, cell.style) : x;
      layout.line(line, cell.style, left, baseline);
    });
    x += widths[i];
  });
  layout.y -= height;
  layout.rule(0.4);
}

/**
 * The payment receipt as a PDF (A4) in the payer's language, with the Korean legal title 전자영수증
 * and statement: the payment's facts, one section per agency with each bill, the totals.
 */
export async function receiptPdf(facts: ReceiptFacts, locale: Locale): Promise<Uint8Array> {
  const L = RECEIPT_LABELS[locale];
  const K = RECEIPT_LABELS.ko;
  const korean = locale === "ko";
  const text = (size: number, extra: Partial<Style> = {}): Style => ({ size, lang: locale, ...extra });
  const ko = (size: number, extra: Partial<Style> = {}): Style => ({ size, lang: "ko", ...extra });
  const won = (amount: number) => formatKrw(amount, locale);
  const both = (label: keyof typeof L) => (korean ? (L[label] as string) : `${L[label]} · ${K[label]}`);
  const layout = new Layout(GEOMETRY);

  layout.band(ACCENT);
  layout.space(6);
  layout.flow([layout.block(korean ? L.issuer : `${L.issuer} · ${K.issuer}`, text(8, { color: MUTED }), WIDTH)], GEOMETRY.marginX, 6);
  layout.flow([layout.block(L.title, text(19, { weight: "bold", color: ACCENT }), WIDTH, 26)]);
  if (!korean) layout.flow([layout.block(`영수증 (${LEGAL_TITLE_KO})`, ko(14, { weight: "bold", color: ACCENT }), WIDTH, 20)]);
  layout.flow([layout.block(L.subtitle, text(9.5, { color: MUTED }), WIDTH)]);
  layout.space(8);
  layout.rule(1.2, ACCENT);

  const fact = (label: keyof typeof L, value: string, mono = false) =>
    row(layout, [{ text: both(label), style: text(8.5, { weight: "bold" }) }, { text: value, style: mono ? text(8.5, { mono: true }) : text(9.5) }], [LABEL_WIDTH, WIDTH - LABEL_WIDTH]);
  fact("paymentId", facts.paymentId, true);
  fact("orderId", facts.orderId, true);
  fact("payer", facts.payerName);
  fact("method", facts.method ? (METHOD_NAMES[locale][facts.method] ?? facts.method) : "—");
  fact("approvedAt", korean ? formatTime(facts.approvedAt, "ko") : `${formatTime(facts.approvedAt, locale)} (${formatTime(facts.approvedAt, "ko")})`);

  layout.space(14);
  layout.flow([layout.block(both("bills"), text(11, { weight: "bold", color: ACCENT }), WIDTH, 17)]);
  const byAgency = new Map<string, ReceiptBill[]>();
  for (const bill of facts.bills) byAgency.set(bill.agencyCode, [...(byAgency.get(bill.agencyCode) ?? []), bill]);
  const head = (label: keyof typeof L, right = false): Cell => ({ text: L[label] as string, style: text(7.5, { color: MUTED, weight: "bold" }), right });
  for (const bills of byAgency.values()) {
    const agency = bills[0].agency;
    layout.space(8);
    const heading = korean || agency[locale] === agency.ko ? agency.ko : `${agency[locale]} (${agency.ko})`;
    layout.flow([layout.block(heading, text(10, { weight: "bold" }), WIDTH, 15)]);
    row(layout, [head("kind"), head("paymentNumber"), head("principal", true), head("lateCharge", true), head("amount", true)], COLUMNS, 3);
    for (const bill of bills) {
      const money = (amount: number): Cell => ({ text: won(amount), style: text(9), right: true });
      row(layout, [{ text: bill.kind[locale] ?? bill.kind.ko, style: text(9) }, { text: bill.paymentNumber ?? "—", style: text(8.5, { mono: true }) }, money(bill.principal), money(bill.lateCharge), money(bill.amount)], COLUMNS);
      if (bill.cancelledAmount > 0) row(layout, [{ text: L.refunded, style: text(8.5, { color: MUTED }) }, { text: `−${won(bill.cancelledAmount)}`, style: text(8.5, { color: MUTED }), right: true }], [WIDTH - COLUMNS[4], COLUMNS[4]]);
    }
  }

  layout.space(10);
  const refunded = facts.bills.reduce((sum, b) => sum + b.cancelledAmount, 0);
  const total = (label: keyof typeof L, amount: string, size = 10) =>
    row(layout, [{ text: both(label), style: text(size, { weight: "bold" }) }, { text: amount, style: text(size, { weight: "bold" }), right: true }], [WIDTH - 150, 150]);
  total("total", won(facts.amount), 11);
  if (refunded > 0) {
    total("totalRefunded", `−${won(refunded)}`);
    total("net", won(facts.amount - refunded), 11);
  }
  layout.space(4);
  layout.flow([layout.block(L.timeZoneNote, text(7.5, { color: MUTED }), WIDTH)]);

  layout.space(12);
  layout.paragraph(K.statement, ko(9.5), 4, [layout.block(L.statementHeading, text(10.5, { weight: "bold", color: ACCENT }), WIDTH, 17)]);
  if (!korean) layout.paragraph(L.statement, text(8, { color: MUTED }), 0, [layout.block(L.translationHeading, text(8, { weight: "bold", color: MUTED }), WIDTH)]);

  layout.footers(`Moa · ${LEGAL_TITLE_KO} · ${facts.paymentId}`, ko(7, { color: MUTED }), (n, count) => L.page.replace("{n}", String(n)).replace("{total}", String(count)), text(7, { color: MUTED }));
  const doc = await renderLayout(layout);
  doc.setTitle(korean ? `${LEGAL_TITLE_KO} · ${facts.paymentId}` : `${L.title} (${LEGAL_TITLE_KO}) · ${facts.paymentId}`, { showInWindowTitleBar: true });
  doc.setAuthor("Moa");
  doc.setCreator("Moa");
  doc.setProducer("Moa (pdf-lib)");
  doc.setLanguage(LOCALE_TAGS[locale]);
  doc.setCreationDate(facts.approvedAt);
  doc.setModificationDate(facts.approvedAt);
  return doc.save();
}
