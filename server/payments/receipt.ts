import type { Localized } from "../../locales/config";
import type { Db } from "../db";

export interface ReceiptBill {
  agencyCode: string;
  agency: Localized;
  kind: Localized;
  paymentNumber: string | null;
  principal: number;
  lateCharge: number;
  amount: number;
  cancelledAmount: number;
}

export interface ReceiptFacts {
  paymentId: string;
  orderId: string;
  payerName: string;
  amount: number;
  method: string | null;
  approvedAt: Date;
  bills: ReceiptBill[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The facts for a receipt of the citizen's own approved payment, or null (not theirs, or never paid). */
export async function receiptFacts(db: Db, personId: string, paymentId: string): Promise<ReceiptFacts | null> {
  if (!UUID.test(paymentId)) return null;
  const p = await db.payment.findFirst({
    where: { id: paymentId, personId, approvedAt: { not: null }, state: { in: ["success", "cancelled"] } },
    include: {
      person: { select: { name: true } },
      items: { include: { agency: { select: { code: true, name: true } }, notice: { select: { paymentNumber: true, template: { select: { name: true } } } } } },
    },
  });
  if (!p) return null;
  const bills = p.items
    .map((i) => ({
      agencyCode: i.agency.code,
      agency: i.agency.name as Localized,
      kind: i.notice.template.name as Localized,
      paymentNumber: i.notice.paymentNumber,
      principal: Number(i.principal),
      lateCharge: Number(i.lateCharge),
      amount: Number(i.amount),
      cancelledAmount: Number(i.cancelledAmount),
    }))
    .sort((a, b) => a.agencyCode.localeCompare(b.agencyCode) || (a.paymentNumber ?? "").localeCompare(b.paymentNumber ?? ""));
  return { paymentId: p.id, orderId: p.orderId, payerName: p.person.name, amount: Number(p.amount), method: p.method, approvedAt: p.approvedAt!, bills };
}
