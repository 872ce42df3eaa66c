import type pg from "pg";
import { TRPCError } from "@trpc/server";
import { appendAuditIn, type AuditInput } from "../audit/chain";
import { inTransaction } from "../db/transaction";
import type { SessionPrincipal } from "../identity/sessions";
import {
  GatewayAlreadyProcessedError,
  GatewayDeclinedError,
  GatewayNotFoundError,
  GatewayTimeoutError,
  GatewayUnavailableError,
  type GatewayPayment,
  type PaymentGateway,
} from "../providers/payment/types";
import type { PaymentDeps } from "./config";
import { paymentError } from "./errors";
import { FAILURE_CODES, type PaymentAnswer } from "./failure";
import { requestSha256, storeAnswer, storedAnswer } from "./idempotency";
import { answerOf, citizenActor, lockPayment, markFailed, markUncertain, settleFromGateway, type Actor, type LockedPayment } from "./settle";

export interface ConfirmInput {
  paymentKey: string;
  orderId: string;
  amount: number;
  idempotencyKey: string;
}

/** The gateway's idempotency key: one per payment, so every way of confirming twice is one confirmation there. */
export const gatewayConfirmKey = (paymentId: string) => `moa-confirm-${paymentId}`;

/**
 * Confirms the citizen's own payment after the window sent them back. The first answer per
 * (person, idempotencyKey) is kept and replayed. The payment row stays locked across the gateway
 * call, so a double submit, a reload, the back button or a second tab waits and then answers from
 * what the first did — one gateway confirmation. Nothing is asked of the gateway unless the amount
 * is the quoted one, the quote is still valid and no notice was paid meanwhile (notices locked).
 */
export async function confirmPayment(deps: PaymentDeps, principal: Pick<SessionPrincipal, "id">, input: ConfirmInput, now: Date, actor: Actor = citizenActor(principal.id)): Promise<PaymentAnswer> {
  // The scope holds the person: a stored answer is always for one of their own payments.
  const scope = `confirm:${principal.id}:${input.idempotencyKey}`;
  const sha = requestSha256(input.paymentKey, input.orderId, input.amount);
  const stored = await storedAnswer<PaymentAnswer>(deps.pool, scope, sha);
  if (stored) return stored;

  return inTransaction(deps.pool, async (client) => {
    const p = await lockPayment(client, "orderId", input.orderId, { personId: principal.id });
    if (!p) throw new TRPCError({ code: "NOT_FOUND" });
    // A request with this key that held the lock before us has answered by now.
    const again = await storedAnswer<PaymentAnswer>(client, scope, sha);
    if (again) return again;
    const audits = await advance(deps.gateway, client, p, input, now, actor);
    const answer = answerOf(p);
    await client.query({ name: "moa-payment-key", text: `UPDATE "Payment" SET "idempotencyKey" = $2 WHERE id = $1 AND "idempotencyKey" IS NULL`, values: [p.id, input.idempotencyKey] });
    await storeAnswer(client, scope, p.id, sha, answer, now);
    await appendAuditIn(client, audits, now); // last: the chain's lock is held until commit
    return answer;
  });
}

async function advance(gateway: PaymentGateway, client: pg.PoolClient, p: LockedPayment, input: ConfirmInput, now: Date, actor: Actor): Promise<AuditInput[]> {
  if (p.state === "created") throw paymentError("BAD_REQUEST", "PAYMENT_NOT_STARTED");
  if (p.state === "submitted") return askGateway(gateway, client, p, now, actor, () => resume(gateway, p));
  if (p.state !== "started") return []; // settled: the answer is what it is

  const fail = (state: "failed" | "expired", code: string, message: string) => markFailed(client, p, state, code, message, now, actor).then((a) => [a]);
  if (input.amount !== p.amount) return fail("failed", FAILURE_CODES.amountMismatch, `confirmed ${input.amount}, quoted ${p.amount}`);
  if (now > p.quoteExpiresAt) return fail("expired", FAILURE_CODES.quoteExpired, "the quote expired before confirming");
  const blocked = await lockNotices(client, p.id, input.paymentKey);
  if (blocked) return fail("failed", blocked, "a notice was paid or is being paid by another payment, or the paymentKey is another payment's");

  p.gatewayPaymentKey = input.paymentKey;
  return askGateway(
    gateway,
    client,
    p,
    now,
    actor,
    () => gateway.confirm({ paymentKey: input.paymentKey, orderId: p.orderId, amount: p.amount, idempotencyKey: gatewayConfirmKey(p.id) }),
    true,
  );
}

/** Locks the payment's notices (in id order, as lockNoticesOf); says why it cannot go on, or null. */
async function lockNotices(client: pg.PoolClient, paymentId: string, paymentKey: string): Promise<string | null> {
  const { rows } = await client.query<{ paid: boolean; busy: boolean; keyTaken: boolean }>({
    name: "moa-payment-lock-notices",
    text: `SELECT n."paidAt" IS NOT NULL AS paid,
            EXISTS (SELECT 1 FROM "PaymentItem" oi JOIN "Payment" op ON op.id = oi."paymentId"
                    WHERE oi."noticeId" = n.id AND op.id <> $1 AND op.state = 'submitted') AS busy,
            EXISTS (SELECT 1 FROM "Payment" WHERE "gatewayPaymentKey" = $2 AND id <> $1) AS "keyTaken"
     FROM "PaymentItem" i JOIN "Notice" n ON n.id = i."noticeId" WHERE i."paymentId" = $1 ORDER BY n.id FOR UPDATE OF n`,
    values: [paymentId, paymentKey],
  });
  if (rows.some((r) => r.paid)) return FAILURE_CODES.alreadyPaid;
  if (rows.some((r) => r.busy)) return FAILURE_CODES.inProgress;
  return rows[0]?.keyTaken ? FAILURE_CODES.invalidPaymentKey : null;
}

/** A payment left `submitted`: what the gateway knows, confirming again (same key) if it never got the first. */
async function resume(gateway: PaymentGateway, p: LockedPayment): Promise<GatewayPayment> {
  const gp = p.gatewayPaymentKey ? await gateway.get(p.gatewayPaymentKey) : await gateway.getByOrderId(p.orderId);
  if (gp.status !== "IN_PROGRESS") return gp;
  return gateway.confirm({ paymentKey: gp.paymentKey, orderId: p.orderId, amount: p.amount, idempotencyKey: gatewayConfirmKey(p.id) });
}

/** Asks the gateway and settles from its answer; no answer → a lookup; still none → stays `submitted`. */
export async function askGateway(
  gateway: PaymentGateway,
  client: pg.PoolClient,
  p: LockedPayment,
  now: Date,
  actor: Actor,
  ask: () => Promise<GatewayPayment>,
  noticesLocked = false,
): Promise<AuditInput[]> {
  const lookup = () => (p.gatewayPaymentKey ? gateway.get(p.gatewayPaymentKey) : gateway.getByOrderId(p.orderId));
  try {
    return await settleFromGateway(client, p, await ask(), now, actor, noticesLocked);
  } catch (error) {
    if (error instanceof GatewayNotFoundError) {
      const expired = error.code === FAILURE_CODES.windowExpired;
      return [await markFailed(client, p, expired ? "expired" : "failed", error.code, error.message, now, actor)];
    }
    if (error instanceof GatewayDeclinedError) return [await markFailed(client, p, "failed", error.code, error.message, now, actor)];
    const uncertain = error instanceof GatewayTimeoutError || error instanceof GatewayUnavailableError;
    if (!uncertain && !(error instanceof GatewayAlreadyProcessedError)) throw error;
    let found: GatewayPayment | null = null;
    try {
      found = await lookup();
    } catch (lookupError) {
      if (!(lookupError instanceof GatewayTimeoutError || lookupError instanceof GatewayUnavailableError || lookupError instanceof GatewayNotFoundError)) throw lookupError;
    }
    if (found && found.status !== "IN_PROGRESS" && found.status !== "READY") return settleFromGateway(client, p, found, now, actor, noticesLocked);
    await markUncertain(client, p, (error as Error).message, now);
    return [];
  }
}
