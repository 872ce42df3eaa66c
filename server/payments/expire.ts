import { appendAuditIn } from "../audit/chain";
import { inTransaction } from "../db/transaction";
import { GatewayNotFoundError, type GatewayPayment, type PaymentGateway } from "../providers/payment/types";
import type { PaymentDeps } from "./config";
import { FAILURE_CODES } from "./failure";
import { IDEMPOTENCY_TTL_MS } from "./idempotency";
import { lockPayment, markFailed, settleFromGateway, SYSTEM } from "./settle";

/** A window opened and never confirmed this long ago is over (Toss drops its session after 10 minutes). */
export const STARTED_TTL_MS = 30 * 60_000;
/** A confirmation without an answer is looked up again after this long. */
const SUBMITTED_RECHECK_MS = 2 * 60_000;
const BATCH = 200;

async function lookup(gateway: PaymentGateway, p: { orderId: string; gatewayPaymentKey: string | null }): Promise<GatewayPayment | null> {
  try {
    return p.gatewayPaymentKey ? await gateway.get(p.gatewayPaymentKey) : await gateway.getByOrderId(p.orderId);
  } catch (error) {
    if (error instanceof GatewayNotFoundError) return null;
    throw error;
  }
}

/**
 * The `expire-payments` task: payments started more than 30 minutes ago and never confirmed become
 * `expired`, and `submitted` ones are settled from the gateway — always after asking it, since a
 * confirmation may have gone through even though Moa never heard. Stored idempotent answers older
 * than 24 hours are dropped. A payment the gateway cannot be asked about now waits for the next run.
 */
export async function sweepPayments(deps: PaymentDeps, now: Date): Promise<{ settled: number; expired: number; purged: number }> {
  const { rows } = await deps.pool.query<{ id: string }>(
    `SELECT id FROM "Payment" WHERE (state = 'started' AND "updatedAt" < $1) OR (state = 'submitted' AND "updatedAt" < $2) ORDER BY "updatedAt" LIMIT $3`,
    [new Date(now.getTime() - STARTED_TTL_MS), new Date(now.getTime() - SUBMITTED_RECHECK_MS), BATCH],
  );
  let settled = 0;
  let expired = 0;
  for (const { id } of rows) {
    await inTransaction(deps.pool, async (client) => {
      const p = await lockPayment(client, "id", id, { skipLocked: true });
      if (!p || (p.state !== "started" && p.state !== "submitted")) return;
      let gp: GatewayPayment | null;
      try {
        gp = await lookup(deps.gateway, p);
      } catch {
        return; // the gateway cannot be asked now: next run
      }
      const events = gp && gp.status !== "IN_PROGRESS" && gp.status !== "READY" ? await settleFromGateway(client, p, gp, now, SYSTEM) : [];
      if (events.length) settled++;
      const stale = p.updatedAt.getTime() < now.getTime() - STARTED_TTL_MS;
      if ((p.state === "started" || p.state === "submitted") && stale && gp?.status !== "WAITING_FOR_DEPOSIT") {
        events.push(await markFailed(client, p, "expired", FAILURE_CODES.gatewayExpired, "started and never confirmed", now, SYSTEM));
        expired++;
      }
      await appendAuditIn(client, events, now);
    });
  }
  const purged = await deps.pool.query(`DELETE FROM "PaymentRequest" WHERE "createdAt" < $1`, [new Date(now.getTime() - IDEMPOTENCY_TTL_MS)]);
  return { settled, expired, purged: purged.rowCount ?? 0 };
}
