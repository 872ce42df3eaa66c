import type pg from "pg";
import "../db/pg-utc";
import { inTransaction } from "../db/transaction";
import { enqueueWebhookEvents } from "../webhooks/events";

/**
 * Records the first reading of a notice and stops its escalation in the same transaction: the
 * pending step is cleared, retries still waiting are cancelled, and the agency's `notice.read`
 * event is queued. A sweep that claimed the notice first holds its row lock, so it either sees
 * the notice unread and sends, or waits and then finds it read. Returns false when it was read already.
 */
export async function markRead(pool: pg.Pool, noticeId: string, method: string, now: Date): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ agencyId: string; reference: string }>(
      `UPDATE "Notice" SET "readAt" = $2, "readMethod" = $3, "nextStep" = NULL, "nextStepAt" = NULL
       WHERE id = $1 AND "readAt" IS NULL RETURNING "agencyId", reference`,
      [noticeId, now, method],
    );
    if (rows.length === 0) return false;
    await client.query(`UPDATE "Delivery" SET status = 'cancelled', "updatedAt" = $2 WHERE "noticeId" = $1 AND status = 'temporary-failure'`, [noticeId, now]);
    await enqueueWebhookEvents(client, [{ agencyId: rows[0].agencyId, type: "notice.read", noticeId, data: { reference: rows[0].reference, readAt: now.toISOString(), readMethod: method }, at: now }]);
    return true;
  });
}
