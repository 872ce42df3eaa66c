import type pg from "pg";
import { z } from "zod";
import "../db/pg-utc";
import { enqueueWebhookEvents } from "../webhooks/events";

export const RETURN_REASONS = ["unknown-address", "moved", "refused", "unclaimed", "other"] as const;

export const returnedLetterSchema = z
  .object({
    reason: z.enum(RETURN_REASONS).meta({ description: "Why the post returned the letter." }),
    returnedAt: z.iso.datetime({ offset: true }).optional().meta({ description: "When the post returned it; defaults to the time of the report." }),
  })
  .meta({ id: "ReturnedLetter" });

export type ReturnedOutcome =
  | { outcome: "invalid"; errors: { column: string; reason: string }[] }
  | { outcome: "not-found" }
  | { outcome: "no-letter-sent" }
  /** `first`: this report marked it; a repeated report changes nothing. */
  | { outcome: "returned"; first: boolean };

/** Leeway for the clock of the agency's system when `returnedAt` is given. */
const CLOCK_SKEW_MS = 5 * 60_000;
const WITH_THE_POST = ["sent", "printed", "dispatched"];

function parse(body: unknown, now: Date): { reason: string; returnedAt: Date } | { errors: { column: string; reason: string }[] } {
  const parsed = returnedLetterSchema.safeParse(body);
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => ({ column: i.path.join(".") || "body", reason: i.code })) };
  const returnedAt = parsed.data.returnedAt ? new Date(parsed.data.returnedAt) : now;
  if (returnedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return { errors: [{ column: "returnedAt", reason: "in_future" }] };
  return { reason: parsed.data.reason, returnedAt };
}

/**
 * An agency reports that the post returned the letter of its notice: the letter becomes
 * `returned` with the reason as its error, and `notice.returned` is queued in the same
 * transaction. Idempotent: a repeated report changes nothing and queues nothing.
 */
export async function markLetterReturned(pool: pg.Pool, agencyId: string, noticeId: string, body: unknown, now: Date): Promise<ReturnedOutcome> {
  const input = parse(body, now);
  if ("errors" in input) return { outcome: "invalid", errors: input.errors };
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const notice = (await client.query<{ reference: string }>(`SELECT reference FROM "Notice" WHERE id = $1 AND "agencyId" = $2`, [noticeId, agencyId])).rows[0];
    if (!notice) {
      await client.query("ROLLBACK");
      return { outcome: "not-found" };
    }
    // The row lock makes a concurrent second report wait, then find the letter already returned.
    const marked = await client.query(
      `UPDATE "Delivery" SET status = 'returned', error = $2, "updatedAt" = $3
       WHERE "noticeId" = $1 AND channel = 'letter' AND target = 'letter' AND status = ANY($4::text[])`,
      [noticeId, input.reason, now, WITH_THE_POST],
    );
    const first = (marked.rowCount ?? 0) > 0;
    if (first) {
      const data = { reference: notice.reference, reason: input.reason, returnedAt: input.returnedAt.toISOString() };
      await enqueueWebhookEvents(client, [{ agencyId, type: "notice.returned", noticeId, data, at: now }]);
    } else {
      const { rows } = await client.query<{ status: string }>(`SELECT status FROM "Delivery" WHERE "noticeId" = $1 AND channel = 'letter' AND target = 'letter'`, [noticeId]);
      if (rows[0]?.status !== "returned") {
        await client.query("ROLLBACK");
        return { outcome: "no-letter-sent" };
      }
    }
    await client.query("COMMIT");
    return { outcome: "returned", first };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
