import type pg from "pg";
import { uuid7 } from "../db/uuid7";
import { nextAttemptAt, outcomeOf, retryAfterMs, type Outcome } from "./schedule";
import { webhookHeaders } from "./sign";
import { checkWebhookUrl } from "./url";

/** How long a claimed event stays invisible to other workers; a crashed worker's events come back after it. */
export const LEASE_MS = 60_000;

export interface ClaimedWebhook {
  id: string;
  attempts: number;
  payload: { type: string; timestamp: string; data: unknown };
  url: string | null;
  secret: string | null;
}

/**
 * Claims up to `limit` due events by pushing them a lease ahead, in one short statement; events
 * of an agency without an endpoint are marked skipped instead.
 */
export async function claimDueWebhooks(pool: pg.Pool, now: Date, limit: number, leaseMs = LEASE_MS): Promise<ClaimedWebhook[]> {
  const { rows } = await pool.query<ClaimedWebhook>(
    `WITH due AS (
       SELECT id FROM "WebhookEvent" WHERE status = 'pending' AND "nextAttemptAt" <= $1::timestamp
       ORDER BY "nextAttemptAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
     UPDATE "WebhookEvent" e
     SET status = CASE WHEN a."webhookUrl" IS NULL OR a."webhookSecret" IS NULL THEN 'skipped' ELSE 'pending' END,
         "nextAttemptAt" = CASE WHEN a."webhookUrl" IS NULL OR a."webhookSecret" IS NULL THEN NULL ELSE $3::timestamp END
     FROM due, "Agency" a
     WHERE e.id = due.id AND a.id = e."agencyId"
     RETURNING e.id, e.attempts, e.payload, a."webhookUrl" AS url, a."webhookSecret" AS secret`,
    [now.toISOString(), limit, new Date(now.getTime() + leaseMs).toISOString()],
  );
  return rows;
}

export interface DeliverOptions {
  pool: pg.Pool;
  now: Date;
  fetch?: typeof globalThis.fetch;
  limit?: number;
  concurrency?: number;
  timeoutMs?: number;
}

export type DeliverResult = Record<"delivered" | "retried" | "failed" | "skipped", number>;

/** Posts due events to their agencies' endpoints, signed per Standard Webhooks, and schedules retries. */
export async function deliverDueWebhooks({ pool, now, fetch = globalThis.fetch, limit = 100, concurrency = 8, timeoutMs = 5000 }: DeliverOptions): Promise<DeliverResult> {
  const result: DeliverResult = { delivered: 0, retried: 0, failed: 0, skipped: 0 };
  // The lease must outlast one request, so a slow endpoint's event is never claimed twice.
  const leaseMs = Math.max(LEASE_MS, 2 * timeoutMs);
  let budget = limit;
  // Each slot claims one event at a time: a claimed event waits for no other event's request.
  const slot = async () => {
    while (budget-- > 0) {
      const [event] = await claimDueWebhooks(pool, now, 1, leaseMs);
      if (!event) return;
      if (!event.url || !event.secret) {
        result.skipped++;
        continue;
      }
      const outcome = await attempt(pool, event as Sendable, now, fetch, timeoutMs);
      result[outcome === "retry" ? "retried" : outcome]++;
    }
  };
  // Settle every slot before reporting a database error, so no request outlives the run.
  const failure = (await Promise.allSettled(Array.from({ length: Math.max(1, concurrency) }, slot))).find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
  return result;
}

type Sendable = ClaimedWebhook & { url: string; secret: string };

interface Answer {
  outcome: Outcome;
  statusCode: number | null;
  error: string | null;
  /** A 429's Retry-After. */
  minDelayMs: number;
}

async function attempt(pool: pg.Pool, event: Sendable, now: Date, fetch: typeof globalThis.fetch, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  const answer = await post(event, now, fetch, timeoutMs);
  const attempts = event.attempts + 1;
  const next = answer.outcome === "retry" ? nextAttemptAt(attempts, now, answer.minDelayMs) : null;
  const outcome = answer.outcome === "retry" && !next ? "failed" : answer.outcome;
  // Guarded by the attempt count: a worker that outlived its lease cannot overwrite a newer result.
  await pool.query(
    `WITH log AS (
       INSERT INTO "WebhookAttempt" (id, "eventId", "attemptedAt", "durationMs", "statusCode", error) VALUES ($1, $2, $3::timestamp, $4, $5, $6))
     UPDATE "WebhookEvent" SET status = $7, attempts = $8, "nextAttemptAt" = $9::timestamp
     WHERE id = $2 AND status = 'pending' AND attempts = $10`,
    [
      uuid7(now.getTime()), event.id, now.toISOString(), Math.round(performance.now() - started), answer.statusCode, answer.error?.slice(0, 500) ?? null,
      outcome === "retry" ? "pending" : outcome, attempts, next?.toISOString() ?? null, event.attempts,
    ],
  );
  return outcome;
}

async function post(event: Sendable, now: Date, fetch: typeof globalThis.fetch, timeoutMs: number): Promise<Answer> {
  const url = checkWebhookUrl(event.url);
  if (!url) return { outcome: "failed", statusCode: null, error: "endpoint URL not allowed", minDelayMs: 0 };
  const { type, timestamp, data } = event.payload;
  const body = JSON.stringify({ type, timestamp, data });
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { ...webhookHeaders(event.secret, event.id, Math.floor(now.getTime() / 1000), body), "content-type": "application/json", "user-agent": "Moa-Webhooks/1" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    const outcome = outcomeOf(res.status);
    const error = outcome === "delivered" ? null : res.status >= 300 && res.status < 400 ? `HTTP ${res.status}: redirects are not followed` : `HTTP ${res.status}`;
    return { outcome, statusCode: res.status, error, minDelayMs: res.status === 429 ? retryAfterMs(res.headers.get("retry-after"), now) : 0 };
  } catch (e) {
    return { outcome: "retry", statusCode: null, error: errorText(e, timeoutMs).replaceAll(event.secret, "[secret]"), minDelayMs: 0 };
  }
}

function errorText(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && e.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${(e.cause as Error & { code?: string }).code ?? e.cause.message}` : "";
  return `${e.message}${cause}`;
}
