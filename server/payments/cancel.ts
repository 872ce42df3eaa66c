import type pg from "pg";
import { TRPCError } from "@trpc/server";
import { appendAuditIn } from "../audit/chain";
import { inTransaction } from "../db/transaction";
import { GatewayAlreadyProcessedError, GatewayDeclinedError, GatewayTimeoutError, GatewayUnavailableError, type PaymentGateway } from "../providers/payment/types";
import type { PaymentDeps } from "./config";
import { paymentError } from "./errors";
import { requestSha256, storeAnswer, storedAnswer } from "./idempotency";
import { lockPayment, type LockedPayment } from "./settle";

export interface CancelInput {
  paymentId: string;
  noticeId: string;
  amount: number;
  reason: string;
}

export interface CancelAnswer {
  paymentId: string;
  noticeId: string;
  /** The item's amount, what is now refunded of it, and the payment's state (`cancelled` once all is refunded). */
  amount: number;
  cancelledAmount: number;
  state: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refunds part or all of one bill of a paid basket, for an operator of the bill's agency; never
 * more than is left of it. The same request again (same amount and reason) is answered as the first
 * time and refunds nothing more; the gateway's idempotency key follows what was refunded before, so
 * a retry after a timeout cannot refund twice either.
 */
export async function cancelItem(deps: PaymentDeps, operator: { id: string; agencyId: string }, input: CancelInput, now: Date): Promise<CancelAnswer> {
  const item =
    UUID.test(input.paymentId) && UUID.test(input.noticeId)
      ? await deps.db.paymentItem.findFirst({ where: { paymentId: input.paymentId, noticeId: input.noticeId, agencyId: operator.agencyId }, select: { id: true } })
      : null;
  if (!item) throw new TRPCError({ code: "NOT_FOUND" });
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new TRPCError({ code: "BAD_REQUEST" });
  const sha = requestSha256(input.amount, input.reason);
  const scope = `cancel:${item.id}:${sha}`;
  const stored = await storedAnswer<CancelAnswer>(deps.pool, scope, sha);
  if (stored) return stored;

  return inTransaction(deps.pool, async (client) => {
    const p = (await lockPayment(client, "id", input.paymentId))!;
    const again = await storedAnswer<CancelAnswer>(client, scope, sha);
    if (again) return again;
    const { rows } = await client.query<{ amount: number; cancelledAmount: number }>(
      `SELECT amount::float8 AS amount, "cancelledAmount"::float8 AS "cancelledAmount" FROM "PaymentItem" WHERE id = $1 FOR UPDATE`,
      [item.id],
    );
    const { amount, cancelledAmount } = rows[0];
    if (p.state !== "success" || !p.gatewayPaymentKey) throw paymentError("BAD_REQUEST", "PAYMENT_NOT_CANCELLABLE");
    if (input.amount > amount - cancelledAmount) throw paymentError("BAD_REQUEST", "CANCEL_AMOUNT_TOO_HIGH");
    await refund(deps.gateway, client, p, input, `moa-cancel-${item.id}-${cancelledAmount}`);

    await client.query(`UPDATE "PaymentItem" SET "cancelledAmount" = "cancelledAmount" + $2 WHERE id = $1`, [item.id, input.amount]);
    const { rowCount } = await client.query(
      `UPDATE "Payment" SET state = 'cancelled', "updatedAt" = $2 WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM "PaymentItem" WHERE "paymentId" = $1 AND "cancelledAmount" < amount)`,
      [p.id, now],
    );
    if (!rowCount) await client.query(`UPDATE "Payment" SET "updatedAt" = $2 WHERE id = $1`, [p.id, now]);
    const answer: CancelAnswer = { paymentId: p.id, noticeId: input.noticeId, amount, cancelledAmount: cancelledAmount + input.amount, state: rowCount ? "cancelled" : p.state };
    await storeAnswer(client, scope, p.id, sha, answer, now);
    const detail = { noticeId: input.noticeId, amount: input.amount, cancelledAmount: answer.cancelledAmount, reason: input.reason };
    await appendAuditIn(client, [{ actorType: "operator", actorId: operator.id, action: "payment.item-cancelled", targetType: "payment", targetId: p.id, detail }], now);
    return answer;
  });
}

/** Asks the gateway to refund; after no answer, its record says whether it did. */
async function refund(gateway: PaymentGateway, client: pg.PoolClient, p: LockedPayment, input: CancelInput, idempotencyKey: string): Promise<void> {
  try {
    await gateway.cancel({ paymentKey: p.gatewayPaymentKey!, cancelReason: input.reason, cancelAmount: input.amount, idempotencyKey });
  } catch (error) {
    if (error instanceof GatewayDeclinedError || error instanceof GatewayAlreadyProcessedError) throw paymentError("BAD_REQUEST", "GATEWAY_DECLINED");
    if (!(error instanceof GatewayTimeoutError || error instanceof GatewayUnavailableError)) throw error;
    const known = await client.query<{ cancelled: number }>(`SELECT sum("cancelledAmount")::float8 AS cancelled FROM "PaymentItem" WHERE "paymentId" = $1`, [p.id]);
    const gp = await gateway.get(p.gatewayPaymentKey!).catch(() => null);
    if (!gp || gp.totalAmount - gp.balanceAmount !== known.rows[0].cancelled + input.amount) throw paymentError("SERVICE_UNAVAILABLE", "GATEWAY_UNAVAILABLE");
  }
}
