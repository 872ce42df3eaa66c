import type { Db } from "../db";
import { DUE_SOON_DAYS } from "../notices/inbox";
import { MAX_QUOTE_ITEMS } from "./quote";
import { seoulDate } from "./late-charge";

/**
 * "Pay everything due": the person's unpaid, payable notices due within 7 days (Seoul) or overdue,
 * not already being paid, earliest due first, at most one quote's worth.
 */
export async function dueNoticeIds(db: Db, personId: string, now: Date): Promise<string[]> {
  const until = new Date(`${seoulDate(now)}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() + DUE_SOON_DAYS);
  const rows = await db.notice.findMany({
    where: {
      personId,
      paidAt: null,
      amountDue: { gt: 0 },
      dueDate: { lte: until },
      template: { payable: true },
      paymentItems: { none: { payment: { state: "submitted" } } },
    },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    take: MAX_QUOTE_ITEMS,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
