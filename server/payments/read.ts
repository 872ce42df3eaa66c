import type { Locale, Localized } from "../../locales/config";
import type { Db } from "../db";
import { failureOf } from "./failure";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HISTORY_LIMIT = 100;

/** The citizen's own payment with its bills, or null (another person's payment does not exist for them). */
export async function getPayment(db: Db, personId: string, id: string, locale: Locale) {
  if (!UUID.test(id)) return null;
  const p = await db.payment.findFirst({
    where: { id, personId },
    include: { items: { include: { agency: { select: { name: true } }, notice: { select: { paymentNumber: true, template: { select: { name: true } } } } }, orderBy: { noticeId: "asc" } } },
  });
  if (!p) return null;
  return {
    id: p.id,
    state: p.state,
    amount: Number(p.amount),
    method: p.method,
    approvedAt: p.approvedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    items: p.items.map((i) => ({
      noticeId: i.noticeId,
      agencyName: (i.agency.name as Localized)[locale],
      kind: (i.notice.template.name as Localized)[locale],
      paymentNumber: i.notice.paymentNumber,
      amount: Number(i.amount),
      cancelledAmount: Number(i.cancelledAmount),
    })),
    failure: failureOf(p.failureCode),
  };
}

/** The citizen's payments, newest first; quotes never taken to the window are not payments yet. */
export async function paymentHistory(db: Db, personId: string, locale: Locale) {
  const rows = await db.payment.findMany({
    where: { personId, state: { not: "created" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_LIMIT,
    select: { id: true, state: true, amount: true, createdAt: true, approvedAt: true, items: { select: { agency: { select: { name: true } } } } },
  });
  return rows.map((p) => ({
    id: p.id,
    state: p.state,
    amount: Number(p.amount),
    createdAt: p.createdAt.toISOString(),
    approvedAt: p.approvedAt?.toISOString() ?? null,
    itemCount: p.items.length,
    agencies: [...new Set(p.items.map((i) => (i.agency.name as Localized)[locale]))],
  }));
}
