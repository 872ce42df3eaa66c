import type pg from "pg";
import type { Logger } from "pino";
import type { Locale, Localized } from "../../locales/config";
import "../db/pg-utc";
import type { PushSender, PushTarget } from "../providers/push/web-push";
import { SmsPermanentError, type SmsProvider } from "../providers/sms/types";
import { pushPayload, smsText } from "./messages";
import { signNoticeLink } from "./notice-link";

export interface DeliveryDeps {
  pool: pg.Pool;
  push: PushSender;
  /** null when no SMS centre is configured: the SMS step is skipped. */
  sms: SmsProvider | null;
  publicUrl: string;
  /** Signs the short links in SMS texts. */
  linkSecret: string;
  log?: Logger;
  /** Pushes and SMS in flight at once. */
  concurrency?: number;
}

export interface OutgoingDelivery {
  id: string;
  noticeId: string;
  channel: "push" | "sms";
  target: string;
  testMode: boolean;
  locale: Locale;
  agencyName: Localized;
  kindName: Localized;
  urgent: boolean;
  attempts: number;
}

export interface SendResult {
  pushes: number;
  sms: number;
  failed: number;
  retrying: number;
}

/** Push: how long a push service keeps a message for a device that is off (3 days); the SMS follows after 24 h anyway. */
const PUSH_TTL_SECONDS = 3 * 24 * 3600;
export const MAX_ATTEMPTS = 5;
/** Waits before the 2nd…5th attempt of a push or SMS that failed for a passing reason. */
const BACKOFF_SECONDS = [30, 120, 600, 3600];

type Outcome =
  | { id: string; status: "sent"; refs: string[] }
  | { id: string; status: "permanent-failure"; error: string; gone?: string }
  | { id: string; status: "temporary-failure"; error: string; retryAfterSeconds: number | null };

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}

/**
 * Sends deliveries already recorded as `sending` and records each outcome. Test-mode notices reach
 * no provider. A push whose subscription is gone (404/410) removes the subscription and, when no
 * device of the notice got it, brings the next step (SMS) forward to now. `targets`: the push
 * subscriptions by id, when the caller has read them already.
 */
export async function sendDeliveries(deps: DeliveryDeps, deliveries: OutgoingDelivery[], now: Date, targets?: Map<string, PushTarget>): Promise<SendResult> {
  if (deliveries.length === 0) return { pushes: 0, sms: 0, failed: 0, retrying: 0 };
  const subscription = targets ?? (await pushTargets(deps.pool, deliveries));

  const outcomes: Outcome[] = [];
  await inParallel(deliveries, deps.concurrency ?? 64, async (d) => {
    if (d.testMode) return void outcomes.push({ id: d.id, status: "sent", refs: ["sandbox"] });
    if (d.channel === "push") {
      const sub = subscription.get(d.target);
      if (!sub) return void outcomes.push({ id: d.id, status: "permanent-failure", error: "subscription-gone" });
      const payload = JSON.stringify(pushPayload(d.noticeId, d.locale, d.agencyName, d.kindName));
      const result = await deps.push(sub, { payload, ttl: PUSH_TTL_SECONDS, urgency: d.urgent ? "high" : "normal", topic: d.noticeId.replace(/-/g, "") });
      if (result.kind === "sent") outcomes.push({ id: d.id, status: "sent", refs: [] });
      else if (result.kind === "gone") outcomes.push({ id: d.id, status: "permanent-failure", error: `subscription-gone (HTTP ${result.status})`, gone: d.target });
      else if (result.kind === "retry") outcomes.push({ id: d.id, status: "temporary-failure", error: result.error, retryAfterSeconds: result.retryAfterSeconds });
      else outcomes.push({ id: d.id, status: "permanent-failure", error: result.error });
      return;
    }
    if (!deps.sms) return void outcomes.push({ id: d.id, status: "permanent-failure", error: "no-sms-centre" });
    const link = `${deps.publicUrl.replace(/\/$/, "")}/n/${signNoticeLink(deps.linkSecret, d.noticeId, now)}`;
    try {
      const { messageIds } = await deps.sms.send({ to: d.target, text: smsText(d.locale, d.agencyName, d.kindName, link), reference: d.id });
      outcomes.push({ id: d.id, status: "sent", refs: messageIds });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SmsPermanentError) outcomes.push({ id: d.id, status: "permanent-failure", error: message });
      else outcomes.push({ id: d.id, status: "temporary-failure", error: message, retryAfterSeconds: null });
    }
  });
  return recordOutcomes(deps, deliveries, outcomes, now);
}

async function pushTargets(pool: pg.Pool, deliveries: OutgoingDelivery[]): Promise<Map<string, PushTarget>> {
  const ids = deliveries.filter((d) => d.channel === "push" && !d.testMode).map((d) => d.target);
  if (ids.length === 0) return new Map();
  const { rows } = await pool.query<PushTarget & { id: string }>(`SELECT id, endpoint, p256dh, auth FROM "PushSubscription" WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((s) => [s.id, s]));
}

async function recordOutcomes(deps: DeliveryDeps, deliveries: OutgoingDelivery[], outcomes: Outcome[], now: Date): Promise<SendResult> {
  const attemptsOf = new Map(deliveries.map((d) => [d.id, d.attempts + 1]));
  const rows = outcomes.map((o) => {
    const attempts = attemptsOf.get(o.id)!;
    if (o.status !== "temporary-failure") return { ...o, attempts, retryAt: null as Date | null };
    if (attempts >= MAX_ATTEMPTS) return { id: o.id, status: "technical-failure" as const, error: o.error, attempts, retryAt: null };
    const wait = Math.max(BACKOFF_SECONDS[attempts - 1] ?? 3600, o.retryAfterSeconds ?? 0);
    return { ...o, attempts, retryAt: new Date(now.getTime() + wait * 1000) };
  });
  await deps.pool.query(
    `UPDATE "Delivery" d SET status = u.status, error = u.error, attempts = u.attempts, "nextAttemptAt" = u.retry,
            "providerRefs" = CASE WHEN u.refs IS NULL THEN d."providerRefs" ELSE string_to_array(u.refs, ',') END, "updatedAt" = $7
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::timestamp[], $6::text[]) AS u(id, status, error, attempts, retry, refs)
     WHERE d.id = u.id AND d.status IN ('sending', 'temporary-failure')`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.status),
      rows.map((r) => ("error" in r ? r.error : null)),
      rows.map((r) => r.attempts),
      rows.map((r) => r.retryAt),
      rows.map((r) => ("refs" in r && r.refs.length ? r.refs.join(",") : null)),
      now,
    ],
  );
  const gone = outcomes.flatMap((o) => ("gone" in o && o.gone ? [o.gone] : []));
  if (gone.length > 0) {
    await deps.pool.query(`DELETE FROM "PushSubscription" WHERE id = ANY($1::uuid[])`, [gone]);
    // No device of these notices took the push: consider the next channel now rather than in 24 h.
    const goneIds = new Set(outcomes.filter((o) => "gone" in o && o.gone).map((o) => o.id));
    const notices = [...new Set(deliveries.filter((d) => goneIds.has(d.id)).map((d) => d.noticeId))];
    await deps.pool.query(
      `UPDATE "Notice" n SET "nextStepAt" = $2 WHERE n.id = ANY($1::uuid[]) AND n."readAt" IS NULL AND n."nextStep" = 'sms' AND n."nextStepAt" > $2
         AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."noticeId" = n.id AND d.channel = 'push' AND d.status IN ('sending', 'sent', 'delivered', 'temporary-failure'))`,
      [notices, now],
    );
  }
  const sentPushes = deliveries.filter((d) => d.channel === "push").map((d) => d.id);
  const ok = new Set(outcomes.filter((o) => o.status === "sent").map((o) => o.id));
  return {
    pushes: sentPushes.filter((id) => ok.has(id)).length,
    sms: deliveries.filter((d) => d.channel === "sms" && ok.has(d.id)).length,
    failed: rows.filter((r) => r.status === "permanent-failure" || r.status === "technical-failure").length,
    retrying: rows.filter((r) => r.status === "temporary-failure").length,
  };
}

/**
 * Deliveries left `sending` by a worker that died mid-send: whether the provider got them cannot be
 * known, so they become `unknown` and are never sent again (a device must not get a push twice);
 * the next step of the escalation still follows if the notice stays unread.
 */
export async function markAbandoned(pool: pg.Pool, now: Date, graceSeconds = 600): Promise<number> {
  const { rowCount } = await pool.query(
    `UPDATE "Delivery" SET status = 'unknown', error = 'worker stopped while sending', "updatedAt" = $1
     WHERE status = 'sending' AND "updatedAt" < $1::timestamp - make_interval(secs => $2)`,
    [now, graceSeconds],
  );
  return rowCount ?? 0;
}

/** Retries pushes and SMS that failed for a passing reason, unless the notice was read meanwhile. */
export async function retryDueDeliveries(deps: DeliveryDeps, now: Date, limit = 500): Promise<SendResult> {
  const { rows } = await deps.pool.query<OutgoingDelivery & { read: boolean; agencyName: Localized; kindName: Localized; locale: Locale | null }>(
    `WITH due AS (
       SELECT d.id FROM "Delivery" d WHERE d.status = 'temporary-failure' AND d."nextAttemptAt" <= $1
       ORDER BY d."nextAttemptAt" LIMIT $2 FOR UPDATE SKIP LOCKED
     )
     UPDATE "Delivery" d SET status = CASE WHEN n."readAt" IS NULL THEN 'sending' ELSE 'cancelled' END, "updatedAt" = $1
     FROM due, "Notice" n JOIN "Template" t ON t.id = n."templateId" JOIN "Agency" a ON a.id = n."agencyId" LEFT JOIN "Person" p ON p.id = n."personId"
     WHERE d.id = due.id AND n.id = d."noticeId"
     RETURNING d.id, d."noticeId", d.channel, d.target, d.attempts, n."testMode", p.locale, a.name AS "agencyName", t.name AS "kindName", (n."readAt" IS NOT NULL) AS read`,
    [now, limit],
  );
  const outgoing = rows.filter((r) => !r.read).map((r) => ({ ...r, locale: (r.locale ?? "ko") as Locale, urgent: false }));
  return sendDeliveries(deps, outgoing, now);
}
