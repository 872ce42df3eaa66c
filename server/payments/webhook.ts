import { createHash } from "node:crypto";
import { appendAuditIn } from "../audit/chain";
import { inTransaction } from "../db/transaction";
import { GatewayNotFoundError, type GatewayPayment } from "../providers/payment/types";
import type { PaymentDeps } from "./config";
import { lockPayment, settleFromGateway, SYSTEM } from "./settle";

export type WebhookOutcome = "processed" | "duplicate" | "ignored" | "invalid";

/** Toss's webhooks name the payment in `data` (PAYMENT_STATUS_CHANGED) or at the top (DEPOSIT_CALLBACK). */
function paymentOf(body: unknown): { paymentKey?: string; orderId?: string } {
  const text = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 200 ? v : undefined);
  const top = body as Record<string, unknown>;
  const data = (top.data ?? {}) as Record<string, unknown>;
  return { paymentKey: text(data.paymentKey) ?? text(top.paymentKey), orderId: text(data.orderId) ?? text(top.orderId) };
}

/**
 * A webhook from the gateway. Toss does not sign them, so the body is only a hint of which
 * payment changed: the payment is fetched from the gateway and settled from that. Each event is
 * kept once by its transmission id (or the SHA-256 of the body), in the transaction that acts on
 * it, so a repeat does nothing. Gateway errors throw: the caller answers 5xx and the gateway retries.
 */
export async function receivePaymentWebhook(deps: PaymentDeps, delivery: { transmissionId: string | null; body: string }, now: Date): Promise<WebhookOutcome> {
  let body: unknown;
  try {
    body = JSON.parse(delivery.body);
  } catch {
    return "invalid";
  }
  if (!body || typeof body !== "object") return "invalid";
  const eventId = delivery.transmissionId?.slice(0, 200) || createHash("sha256").update(delivery.body).digest("hex");
  const seen = await deps.pool.query(`SELECT 1 FROM "PaymentEvent" WHERE "eventId" = $1`, [eventId]);
  if (seen.rowCount) return "duplicate";

  const { paymentKey, orderId } = paymentOf(body);
  if (!paymentKey && !orderId) return "ignored";
  let gp: GatewayPayment;
  try {
    gp = paymentKey ? await deps.gateway.get(paymentKey) : await deps.gateway.getByOrderId(orderId!);
  } catch (error) {
    if (error instanceof GatewayNotFoundError) return "ignored"; // not a payment the gateway knows: nothing to keep
    throw error;
  }

  return inTransaction(deps.pool, async (client) => {
    const fresh = await client.query(`INSERT INTO "PaymentEvent" ("eventId", payload, "receivedAt") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [eventId, delivery.body, now]);
    if (!fresh.rowCount) return "duplicate";
    const p = await lockPayment(client, "orderId", gp.orderId);
    if (!p) return "ignored";
    await appendAuditIn(client, await settleFromGateway(client, p, gp, now, SYSTEM), now);
    return "processed";
  });
}
