import { randomBytes } from "node:crypto";
import type { Localized } from "../../locales/config";
import type { Db } from "../db";
import { lateCharge, parseLateChargeRule, seoulDate } from "./late-charge";

export const QUOTE_TTL_MS = 15 * 60_000;
export const MAX_QUOTE_ITEMS = 50;

export type QuoteRejection = "not_found" | "not_payable" | "paid" | "in_progress";

/** Some notices cannot be paid: `not_found` also covers another person's notice, never told apart. */
export class QuoteRejectedError extends Error {
  override name = "QuoteRejectedError";
  constructor(readonly rejected: { noticeId: string; reason: QuoteRejection }[]) {
    super(`cannot quote: ${rejected.map((r) => `${r.noticeId} (${r.reason})`).join(", ")}`);
  }
}

export interface QuoteItem {
  noticeId: string;
  agencyId: string;
  agencyName: Localized;
  /** The template's name, as the inbox calls it. */
  kind: Localized;
  paymentNumber: string | null;
  principal: number;
  lateCharge: number;
  total: number;
  dueDate: string | null;
}

export interface Quote {
  /** The Payment's id: the quote is the payment in state `created`. */
  quoteId: string;
  /** The gateway's orderId for this payment. */
  orderId: string;
  items: QuoteItem[];
  total: number;
  currency: "KRW";
  validUntil: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Prices a basket of the person's own unpaid, payable notices as of `now` (late charges by Seoul
 * day) and keeps it as a Payment in state `created` with one item per notice, valid 15 minutes:
 * confirming later must match this amount exactly, whatever the day has become.
 */
export async function quoteNotices(db: Db, personId: string, noticeIds: string[], now: Date): Promise<Quote> {
  const ids = [...new Set(noticeIds)];
  if (ids.length === 0 || ids.length > MAX_QUOTE_ITEMS) throw new RangeError(`a quote takes 1 to ${MAX_QUOTE_ITEMS} notices`);
  const notices = await db.notice.findMany({
    where: { id: { in: ids.filter((id) => UUID.test(id)) }, personId },
    include: {
      agency: { select: { name: true } },
      template: { select: { name: true, payable: true, lateChargeRule: true } },
      paymentItems: { where: { payment: { state: "submitted" } }, select: { id: true } },
    },
  });
  const found = new Map(notices.map((n) => [n.id, n]));
  const rejected: { noticeId: string; reason: QuoteRejection }[] = [];
  for (const id of ids) {
    const n = found.get(id);
    const reason: QuoteRejection | null = !n
      ? "not_found"
      : !n.template.payable || n.amountDue === null || n.amountDue <= 0n
        ? "not_payable"
        : n.paidAt
          ? "paid"
          : n.paymentItems.length
            ? "in_progress"
            : null;
    if (reason) rejected.push({ noticeId: id, reason });
  }
  if (rejected.length) throw new QuoteRejectedError(rejected);

  const today = seoulDate(now);
  const items: QuoteItem[] = ids.map((id) => {
    const n = found.get(id)!;
    const principal = Number(n.amountDue);
    const dueDate = n.dueDate ? n.dueDate.toISOString().slice(0, 10) : null;
    const charge = lateCharge(parseLateChargeRule(n.template.lateChargeRule), principal, dueDate, today);
    return {
      noticeId: n.id,
      agencyId: n.agencyId,
      agencyName: n.agency.name as Localized,
      kind: n.template.name as Localized,
      paymentNumber: n.paymentNumber,
      principal,
      lateCharge: charge,
      total: principal + charge,
      dueDate,
    };
  });
  const total = items.reduce((sum, i) => sum + i.total, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError("the total is too large to pay at once");
  const validUntil = new Date(now.getTime() + QUOTE_TTL_MS);
  const payment = await db.payment.create({
    data: {
      personId,
      orderId: `moa_${randomBytes(18).toString("base64url")}`,
      amount: BigInt(total),
      quoteExpiresAt: validUntil,
      createdAt: now,
      items: {
        create: items.map((i) => ({ noticeId: i.noticeId, agencyId: i.agencyId, principal: BigInt(i.principal), lateCharge: BigInt(i.lateCharge), amount: BigInt(i.total) })),
      },
    },
    select: { id: true, orderId: true },
  });
  return { quoteId: payment.id, orderId: payment.orderId, items, total, currency: "KRW", validUntil: validUntil.toISOString() };
}
