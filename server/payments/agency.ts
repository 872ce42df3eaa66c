import type { Db } from "../db";

const LIMIT = 500;

/**
 * An agency's paid bills since `from` (all time when undefined), newest first, with the totals of
 * the whole period: what was paid, what was refunded, what remains. Never the payer.
 */
export async function agencyPayments(db: Db, agencyId: string, from: Date | undefined) {
  const where = { agencyId, payment: { state: { in: ["success", "cancelled"] }, ...(from ? { approvedAt: { gte: from } } : {}) } };
  const [rows, sums, count] = await Promise.all([
    db.paymentItem.findMany({
      where,
      orderBy: [{ payment: { approvedAt: "desc" } }, { id: "desc" }],
      take: LIMIT,
      select: { paymentId: true, noticeId: true, amount: true, cancelledAmount: true, notice: { select: { reference: true } }, payment: { select: { approvedAt: true, method: true } } },
    }),
    db.paymentItem.aggregate({ where, _sum: { amount: true, cancelledAmount: true } }),
    db.paymentItem.count({ where }),
  ]);
  const paid = Number(sums._sum.amount ?? 0);
  const cancelled = Number(sums._sum.cancelledAmount ?? 0);
  return {
    items: rows.map((i) => ({
      paymentId: i.paymentId,
      noticeId: i.noticeId,
      reference: i.notice.reference,
      amount: Number(i.amount),
      cancelledAmount: Number(i.cancelledAmount),
      paidAt: i.payment.approvedAt?.toISOString() ?? null,
      method: i.payment.method,
    })),
    totals: { count, amount: paid, cancelled, net: paid - cancelled },
  };
}
