import type pg from "pg";
import "../db/pg-utc";
import type { SmsReceipt } from "../providers/sms/types";

/**
 * A delivery receipt from the SMS centre, for any part of a message: `delivered` wins over a
 * failed part (the text reached the phone), and a receipt never moves a delivery backwards.
 */
export async function recordSmsReceipt(pool: pg.Pool, receipt: SmsReceipt): Promise<boolean> {
  const delivered = receipt.status === "delivered";
  const { rowCount } = await pool.query(
    `UPDATE "Delivery" SET status = $2, error = $3, "updatedAt" = $4
     WHERE channel = 'sms' AND "providerRefs" @> ARRAY[$1::text]
       AND status IN (${delivered ? "'sending', 'sent', 'unknown', 'permanent-failure'" : "'sending', 'sent', 'unknown'"})`,
    [receipt.messageId, delivered ? "delivered" : "permanent-failure", delivered ? null : (receipt.error ?? "undelivered"), receipt.at],
  );
  return (rowCount ?? 0) > 0;
}
