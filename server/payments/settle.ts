import type pg from "pg";
import "../db/pg-utc";
import type { AuditInput } from "../audit/chain";
import type { GatewayPayment } from "../providers/payment/types";
import { enqueueWebhookEvents } from "../webhooks/events";
import { FAILURE_CODES, failureOf, type PaymentAnswer } from "./failure";

/**
 * Moving a locked Payment row to what the gateway says, inside the caller's transaction. Callers
 * lock the payment first (then its notices), so confirm, webhooks, cancels and the sweep never
 * settle one payment twice. Each step returns audit events, which the caller appends last in the
 * same transaction (appendAuditIn).
 */

export interface LockedPayment {
  id: string;
  personId: string;
  orderId: string;
  state: string;
  amount: number;
  quoteExpiresAt: Date;
  gatewayPaymentKey: string | null;
  failureCode: string | null;
  updatedAt: Date;
}

export type Actor = Pick<AuditInput, "actorType" | "actorId" | "onBehalfOf">;
export const SYSTEM: Actor = { actorType: "system" };
export const citizenActor = (personId: string): Actor => ({ actorType: "citizen", actorId: personId, onBehalfOf: personId });

const COLUMNS = `id, "personId", "orderId", state, amount::float8 AS amount, "quoteExpiresAt", "gatewayPaymentKey", "failureCode", "updatedAt"`;

/** Locks a payment by id or order id (only `personId`'s when given); null when there is none (or it is locked and `skipLocked`). */
export async function lockPayment(
  client: pg.PoolClient,
  column: "id" | "orderId",
  value: string,
  options: { personId?: string; skipLocked?: boolean } = {},
): Promise<LockedPayment | null> {
  const own = options.personId ? ` AND "personId" = $2` : "";
  const { rows } = await client.query<LockedPayment>({
    name: `moa-payment-lock-${column}${own ? "-own" : ""}${options.skipLocked ? "-skip" : ""}`,
    text: `SELECT ${COLUMNS} FROM "Payment" WHERE "${column}" = $1${own} FOR UPDATE${options.skipLocked ? " SKIP LOCKED" : ""}`,
    values: [value, ...(options.personId ? [options.personId] : [])],
  });
  return rows[0] ?? null;
}

/** The answer for a payment as this transaction has left it. */
export const answerOf = (p: LockedPayment): PaymentAnswer => ({ paymentId: p.id, state: p.state, failure: failureOf(p.failureCode) });

/** Locks the payment's notices in id order: one order for every path, so two payments of a notice never deadlock. */
export async function lockNoticesOf(client: pg.PoolClient, paymentId: string): Promise<void> {
  await client.query(`SELECT n.id FROM "PaymentItem" i JOIN "Notice" n ON n.id = i."noticeId" WHERE i."paymentId" = $1 ORDER BY n.id FOR UPDATE OF n`, [paymentId]);
}

const audit = (p: LockedPayment, actor: Actor, action: string, detail: Record<string, unknown>): AuditInput => ({
  ...actor,
  action,
  targetType: "payment",
  targetId: p.id,
  detail: { orderId: p.orderId, ...detail } as AuditInput["detail"],
});

export async function markFailed(client: pg.PoolClient, p: LockedPayment, state: "failed" | "expired", code: string, message: string, now: Date, actor: Actor): Promise<AuditInput> {
  await client.query(`UPDATE "Payment" SET state = $2, "failureCode" = $3, "failureMessage" = $4, "gatewayPaymentKey" = $5, "updatedAt" = $6 WHERE id = $1`, [
    p.id,
    state,
    code,
    message.slice(0, 500),
    p.gatewayPaymentKey,
    now,
  ]);
  p.state = state;
  p.failureCode = code;
  return audit(p, actor, state === "failed" ? "payment.failed" : "payment.expired", { code });
}

/** No answer from the gateway: the payment stays `submitted` until a lookup settles it. */
export async function markUncertain(client: pg.PoolClient, p: LockedPayment, message: string, now: Date): Promise<void> {
  await client.query(`UPDATE "Payment" SET state = 'submitted', "failureCode" = $2, "failureMessage" = $3, "gatewayPaymentKey" = $4, "updatedAt" = $5 WHERE id = $1`, [
    p.id,
    FAILURE_CODES.gatewayUnavailable,
    message.slice(0, 500),
    p.gatewayPaymentKey,
    now,
  ]);
  p.state = "submitted";
  p.failureCode = FAILURE_CODES.gatewayUnavailable;
}

/**
 * Paid: the payment, each notice's paidAt (a paid bill needs no more reminders, so its pending
 * escalation and retries stop), and `notice.paid` for each agency. A notice another payment paid
 * first keeps that payment's time; the audit counts it (`paidBefore`), for a refund.
 */
async function markPaid(client: pg.PoolClient, p: LockedPayment, gp: GatewayPayment, now: Date, actor: Actor): Promise<AuditInput> {
  const paidAt = gp.approvedAt ?? now;
  // One statement: the payment, its notices not yet paid (locked by the caller), their pending retries.
  const { rows } = await client.query<{ paid: { id: string; reference: string; agencyId: string; amount: number }[]; items: number }>({
    name: "moa-payment-paid",
    text: `WITH payment AS (
       UPDATE "Payment" SET state = 'success', method = $3, "approvedAt" = $2, "gatewayPaymentKey" = $4, "failureCode" = NULL, "failureMessage" = NULL, "updatedAt" = $5 WHERE id = $1
     ), paid AS (
       UPDATE "Notice" n SET "paidAt" = $2, "nextStep" = NULL, "nextStepAt" = NULL
       FROM "PaymentItem" i WHERE i."paymentId" = $1 AND n.id = i."noticeId" AND n."paidAt" IS NULL
       RETURNING n.id, n.reference, i."agencyId", i.amount::float8 AS amount
     ), retries AS (
       UPDATE "Delivery" d SET status = 'cancelled', "updatedAt" = $5 FROM paid WHERE d."noticeId" = paid.id AND d.status = 'temporary-failure'
     )
     SELECT (SELECT coalesce(json_agg(paid), '[]') FROM paid) AS paid, (SELECT count(*)::int FROM "PaymentItem" WHERE "paymentId" = $1) AS items`,
    values: [p.id, paidAt, gp.method, gp.paymentKey, now],
  });
  p.state = "success";
  p.failureCode = null;
  const { paid, items } = rows[0];
  await enqueueWebhookEvents(
    client,
    paid.map((n) => ({ agencyId: n.agencyId, type: "notice.paid", noticeId: n.id, data: { reference: n.reference, amount: n.amount, paidAt: paidAt.toISOString() }, at: now })),
  );
  const paidBefore = items - paid.length;
  return audit(p, actor, "payment.succeeded", { amount: p.amount, method: gp.method, items, ...(paidBefore ? { paidBefore } : {}) });
}

/**
 * Cancels the gateway knows of and Moa does not (made in the gateway's own console): a full cancel
 * is every item's; a partial one cannot be put on an item, so it is audited and left to reconciliation.
 */
async function recordCancels(client: pg.PoolClient, p: LockedPayment, gp: GatewayPayment, now: Date, actor: Actor): Promise<AuditInput[]> {
  const { rows } = await client.query<{ cancelled: number; amount: number }>(
    `SELECT coalesce(sum("cancelledAmount"), 0)::float8 AS cancelled, coalesce(sum(amount), 0)::float8 AS amount FROM "PaymentItem" WHERE "paymentId" = $1`,
    [p.id],
  );
  const known = rows[0].cancelled;
  const atGateway = gp.totalAmount - gp.balanceAmount;
  if (atGateway <= known) return [];
  if (gp.balanceAmount === 0) {
    await client.query(`UPDATE "PaymentItem" SET "cancelledAmount" = amount WHERE "paymentId" = $1`, [p.id]);
    await client.query(`UPDATE "Payment" SET state = 'cancelled', "updatedAt" = $2 WHERE id = $1`, [p.id, now]);
    p.state = "cancelled";
    return [audit(p, actor, "payment.cancelled", { amount: atGateway - known, source: "gateway" })];
  }
  return [audit(p, actor, "payment.cancel-unattributed", { atGateway, known })];
}

/**
 * Settles a locked payment from the gateway's own record of it (never from a webhook's body).
 * `noticesLocked`: the caller holds the notices' locks already (see lockNoticesOf).
 */
export async function settleFromGateway(client: pg.PoolClient, p: LockedPayment, gp: GatewayPayment, now: Date, actor: Actor, noticesLocked = false): Promise<AuditInput[]> {
  if (gp.orderId !== p.orderId) throw new Error(`gateway payment ${gp.paymentKey} is for order ${gp.orderId}, not ${p.orderId}`);
  const open = p.state === "created" || p.state === "started" || p.state === "submitted";
  const audits: AuditInput[] = [];
  switch (gp.status) {
    case "DONE":
    case "PARTIAL_CANCELED":
    case "CANCELED":
      // Money was taken: Moa says so whatever it thought before (a crash, an expiry sweep).
      if (p.state !== "success" && p.state !== "cancelled") {
        if (gp.totalAmount !== p.amount) {
          audits.push(await markFailed(client, p, "failed", FAILURE_CODES.amountMismatch, `the gateway took ${gp.totalAmount}, quoted ${p.amount}`, now, actor));
          return audits;
        }
        if (!noticesLocked) await lockNoticesOf(client, p.id);
        audits.push(await markPaid(client, p, gp, now, actor));
      }
      if (gp.status !== "DONE") audits.push(...(await recordCancels(client, p, gp, now, actor)));
      return audits;
    case "WAITING_FOR_DEPOSIT":
      if (open) {
        await client.query(
          `UPDATE "Payment" SET state = 'submitted', method = $2, "gatewayPaymentKey" = $3, "failureCode" = NULL, "failureMessage" = NULL, "updatedAt" = $4 WHERE id = $1`,
          [p.id, gp.method, gp.paymentKey, now],
        );
        p.state = "submitted";
        p.failureCode = null;
      }
      return audits;
    case "ABORTED":
      if (open) audits.push(await markFailed(client, p, "failed", gp.failure?.code ?? "ABORTED", gp.failure?.message ?? "aborted at the gateway", now, actor));
      return audits;
    case "EXPIRED":
      if (open) audits.push(await markFailed(client, p, "expired", FAILURE_CODES.gatewayExpired, "the payment window expired", now, actor));
      return audits;
    default:
      return audits; // READY, IN_PROGRESS: nothing has happened yet
  }
}
