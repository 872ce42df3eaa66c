const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Delay after the 1st…5th failed attempt; the 6th failure gives up. */
export const RETRY_DELAYS_MS = [MINUTE, 5 * MINUTE, HOUR, DAY, 2 * DAY];

export type Outcome = "delivered" | "retry" | "failed";

/** 2xx delivered; 429 and 5xx worth retrying; any other answer (3xx: redirects are not followed) final. */
export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return "delivered";
  if (status === 429 || status >= 500) return "retry";
  return "failed";
}

/** Milliseconds a `Retry-After` header (seconds or an HTTP date) asks for, capped at the longest step. */
export function retryAfterMs(header: string | null, now: Date): number {
  if (!header) return 0;
  const ms = /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : Date.parse(header) - now.getTime();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), RETRY_DELAYS_MS.at(-1)!) : 0;
}

/** When to try again after failure number `attempts` (1-based), or null to give up. */
export function nextAttemptAt(attempts: number, now: Date, minDelayMs = 0): Date | null {
  const step = RETRY_DELAYS_MS[attempts - 1];
  return step === undefined ? null : new Date(now.getTime() + Math.max(step, minDelayMs));
}
