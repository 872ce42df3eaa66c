import type pg from "pg";
import type { Db } from "../db";
import { uuid7 } from "../db/uuid7";

export type NoticeWebhookType = "notice.delivered" | "notice.read" | "notice.failed" | "notice.returned" | "notice.paid";
export type WebhookEventType = NoticeWebhookType | "webhook.test";

export interface WebhookEventInput {
  agencyId: string;
  type: WebhookEventType;
  /** Null only for `webhook.test`. */
  noticeId: string | null;
  data: Record<string, unknown>;
  at: Date;
}

/** The Standard Webhooks message id (`webhook-id`): `msg_` + a UUIDv7 without dashes. */
export function webhookMessageId(at: Date): string {
  return `msg_${uuid7(at.getTime()).replaceAll("-", "")}`;
}

/**
 * Queues events in the caller's transaction (pass its client), so an event exists iff the state
 * change committed. One event per (agency, type, notice): a repeat is ignored. An event whose
 * notice is not the agency's is dropped rather than leak another agency's reference.
 * Payload, per Standard Webhooks: `{ type, timestamp, data: { noticeId, reference, ...data } }`.
 * Returns how many were queued.
 */
export async function enqueueWebhookEvents(client: pg.PoolClient | pg.Pool, events: WebhookEventInput[]): Promise<number> {
  if (events.length === 0) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO "WebhookEvent" (id, "agencyId", type, "noticeId", payload, "nextAttemptAt", "createdAt")
     SELECT e.id, e.agency_id, e.type, e.notice_id,
            jsonb_build_object('type', e.type, 'timestamp', e.at, 'data',
              CASE WHEN n.id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('noticeId', n.id, 'reference', n.reference) END || e.data::jsonb),
            e.at::timestamp, e.at::timestamp
     FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[]) AS e(id, agency_id, type, notice_id, data, at)
     LEFT JOIN "Notice" n ON n.id = e.notice_id AND n."agencyId" = e.agency_id
     WHERE e.notice_id IS NULL OR n.id IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [
      events.map((e) => webhookMessageId(e.at)),
      events.map((e) => e.agencyId),
      events.map((e) => e.type),
      events.map((e) => e.noticeId),
      events.map((e) => JSON.stringify(e.data)),
      // ISO strings: a timestamp column ignores the "Z", which is what we want for UTC.
      events.map((e) => e.at.toISOString()),
    ],
  );
  return rowCount ?? 0;
}

/** A `webhook.test` event for the console, through Prisma (what tRPC holds); never deduplicated. */
export async function enqueueTestWebhook(db: Db, agencyId: string, at: Date): Promise<string> {
  const id = webhookMessageId(at);
  const payload = { type: "webhook.test", timestamp: at.toISOString(), data: { test: true } };
  await db.webhookEvent.create({ data: { id, agencyId, type: "webhook.test" satisfies WebhookEventType, payload, nextAttemptAt: at, createdAt: at } });
  return id;
}
