import { randomBytes } from "node:crypto";
import { kst } from "./payment-json";

/**
 * The sandbox gateway's webhooks, posted one at a time with Toss's transmission headers. Per order,
 * "twice" posts each event twice under one transmission id (retried-count 0, then 1); "out-of-order"
 * holds each event until the payment's next one, which then goes first (or until `holdMs` passes).
 */

export type WebhookMode = "normal" | "twice" | "out-of-order";

export interface SentWebhook {
  transmissionId: string;
  body: Record<string, unknown>;
  /** The receiver's HTTP status; null until answered, or when it never was. */
  status: number | null;
}

export function createWebhookSender(options: { url?: string; holdMs: number; mode: (orderId: string) => WebhookMode }) {
  const sent: SentWebhook[] = [];
  const inFlight = new Set<Promise<void>>();
  let queue: Promise<void> = Promise.resolve();
  const held = new Map<string, { orderId: string; body: Record<string, unknown>; timer: NodeJS.Timeout }>();

  function post(url: string, body: Record<string, unknown>, transmissionId: string, retried: number) {
    const record: SentWebhook = { transmissionId, body, status: null };
    sent.push(record);
    const headers = {
      "content-type": "application/json",
      "tosspayments-webhook-transmission-id": transmissionId,
      "tosspayments-webhook-transmission-time": kst(new Date()),
      "tosspayments-webhook-transmission-retried-count": String(retried),
    };
    const delivery = queue
      .then(() => fetch(url, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) }))
      .then(async (r) => void ((record.status = r.status), await r.body?.cancel()))
      .catch(() => undefined)
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
    queue = delivery;
  }

  function send(orderId: string, body: Record<string, unknown>) {
    if (!options.url) return;
    const id = `wh_${randomBytes(12).toString("hex")}`;
    post(options.url, body, id, 0);
    if (options.mode(orderId) === "twice") post(options.url, body, id, 1);
  }

  function release(paymentKey: string) {
    const h = held.get(paymentKey);
    if (!h) return;
    clearTimeout(h.timer);
    held.delete(paymentKey);
    send(h.orderId, h.body);
  }

  return {
    emit(paymentKey: string, orderId: string, body: Record<string, unknown>) {
      if (options.mode(orderId) !== "out-of-order") return send(orderId, body);
      if (held.has(paymentKey)) {
        send(orderId, body);
        return release(paymentKey);
      }
      held.set(paymentKey, { orderId, body, timer: setTimeout(() => release(paymentKey), options.holdMs) });
    },
    sent: () => sent.map((w) => ({ ...w })),
    /** Sends what is held and waits for every delivery so far. */
    async flush() {
      for (const key of [...held.keys()]) release(key);
      await Promise.all(inFlight);
    },
    async close() {
      for (const h of held.values()) clearTimeout(h.timer);
      held.clear();
      await Promise.all(inFlight);
    },
  };
}
