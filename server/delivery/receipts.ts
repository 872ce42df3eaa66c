import type pg from "pg";
import "../db/pg-utc";
import type { SmsReceipt } from "../providers/sms/types";

/**
 * A delivery receipt from the SMS centre, for any part of a message: `delivered` wins over a
 * failed part (the text reached the phone), and a receipt never moves a delivery backwards.
 */
export async function recordSmsReceipt(pool: pg.Pool, receipt: SmsReceipt, retry = { attempts: 20, delayMs: 250 }): Promise<boolean> {
  // A fast SMS centre answers with the receipt before the sender has stored the message ids: wait a little.
  for (let attempt = 1; ; attempt++) {
    if (await applyReceipt(pool, receipt)) return true;
    if (attempt >= retry.attempts) return false;
    await new Promise((resolve) => setTimeout(resolve, retry.delayMs));
  }
}

async function applyReceipt(pool: pg.Pool, receipt: SmsReceipt): Promise<boolean> {
  const delivered = receipt.status === "delivered";
  // Found (and updated, unless the receipt would move it backwards), or not known yet.
  const { rows } = await pool.query<{ found: boolean }>(
    `WITH target AS (SELECT id, status FROM "Delivery" WHERE channel = 'sms' AND "providerRefs" @> ARRAY[$1::text]),
     changed AS (
       UPDATE "Delivery" d SET status = $2, error = $3, "updatedAt" = $4 FROM target
       WHERE d.id = target.id AND target.status IN (${delivered ? "'sending', 'sent', 'unknown', 'permanent-failure'" : "'sending', 'sent', 'unknown'"})
       RETURNING d.id
     )
     SELECT EXISTS (SELECT 1 FROM target) AS found`,
    [receipt.messageId, delivered ? "delivered" : "permanent-failure", delivered ? null : (receipt.error ?? "undelivered"), receipt.at],
  );
  return rows[0].found;
}
