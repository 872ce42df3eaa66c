import webpush from "web-push";
import type { VapidKeys } from "./vapid";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushMessage {
  /** What the service worker shows: no personal data, only sender, kind and the notice id. */
  payload: string;
  /** Seconds the push service keeps the message for an offline device. */
  ttl: number;
  urgency: "very-low" | "low" | "normal" | "high";
  /** Replaces an undelivered message with the same topic (we use the notice id, 32 hex characters). */
  topic: string;
}

export type PushOutcome =
  | { kind: "sent" }
  /** 404 / 410: the subscription is gone for good. */
  | { kind: "gone"; status: number }
  /** 429, 5xx or a network error: try again, not before `retryAfterSeconds` when the service said so. */
  | { kind: "retry"; status: number | null; retryAfterSeconds: number | null; error: string }
  /** 413 and other 4xx: this message will never be accepted. */
  | { kind: "permanent-failure"; status: number; error: string };

export type PushSender = (target: PushTarget, message: PushMessage) => Promise<PushOutcome>;

function retryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Web push over plain fetch: web-push encrypts (aes128gcm) and signs the VAPID JWT, and each
 * answer of the push service is sorted here, in one place.
 */
export function createWebPushSender(vapid: VapidKeys, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): PushSender {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (target, message) => {
    const request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, message.payload, {
      vapidDetails: vapid,
      TTL: message.ttl,
      urgency: message.urgency,
      topic: message.topic,
    });
    let response: Response;
    try {
      response = await doFetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body as Uint8Array<ArrayBuffer> | null,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "manual",
      });
    } catch (error) {
      return { kind: "retry", status: null, retryAfterSeconds: null, error: error instanceof Error ? error.name : "network" };
    }
    await response.arrayBuffer().catch(() => undefined);
    const { status } = response;
    if (status >= 200 && status < 300) return { kind: "sent" };
    if (status === 404 || status === 410) return { kind: "gone", status };
    if (status === 429 || status >= 500) return { kind: "retry", status, retryAfterSeconds: retryAfter(response.headers.get("retry-after"), Date.now()), error: `HTTP ${status}` };
    return { kind: "permanent-failure", status, error: `HTTP ${status}` };
  };
}
