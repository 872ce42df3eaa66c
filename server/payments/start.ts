import { TRPCError } from "@trpc/server";
import type { Locale, Localized } from "../../locales/config";
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { SessionPrincipal } from "../identity/sessions";
import { requireStepUp } from "../identity/step-up";
import type { PaymentConfig } from "./config";
import { paymentError } from "./errors";
import { requestSha256 } from "./idempotency";

export interface StartInput {
  quoteId: string;
  idempotencyKey: string;
  /** The payer's language: the window's and the return page's. */
  locale: Locale;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORDER_NAME_MAX = 100;

/** What the gateway shows and keeps as the order: "국세청 종합소득세", or "국세청 외 1건" for a basket. */
export function orderName(items: { agency: string; kind: string }[]): string {
  const sorted = [...items].sort((a, b) => a.agency.localeCompare(b.agency, "ko"));
  const name = sorted.length === 1 ? `${sorted[0].agency} ${sorted[0].kind}` : `${sorted[0].agency} 외 ${sorted.length - 1}건`;
  return name.slice(0, ORDER_NAME_MAX);
}

/**
 * Opens the hosted payment window for the citizen's own quote (after a recent step-up): the
 * payment goes from `created` to `started`, and the answer is the window's address. A quote already
 * started opens the same window again; the same idempotency key always gets the first answer.
 */
/** The idempotency scope of a start: one answer per person and key. */
export const startScope = (personId: string, idempotencyKey: string) => `start:${personId}:${idempotencyKey}`;

export async function startPayment(db: Db, principal: Pick<SessionPrincipal, "id" | "steppedUpAt">, input: StartInput, now: Date, config: PaymentConfig): Promise<{ windowUrl: string }> {
  const payment = UUID.test(input.quoteId)
    ? await db.payment.findFirst({
        where: { id: input.quoteId, personId: principal.id },
        select: { id: true, orderId: true, state: true, amount: true, quoteExpiresAt: true, items: { select: { agency: { select: { name: true } }, notice: { select: { template: { select: { name: true } } } } } } },
      })
    : null;
  if (!payment) throw new TRPCError({ code: "NOT_FOUND" });
  requireStepUp(principal, now);

  const scope = startScope(principal.id, input.idempotencyKey);
  const sha = requestSha256(payment.id);
  const stored = await db.paymentRequest.findUnique({ where: { scope } });
  if (stored) {
    if (stored.requestSha256 !== sha) throw new TRPCError({ code: "CONFLICT" });
    return stored.response as { windowUrl: string };
  }
  if (payment.state !== "created" && payment.state !== "started") throw paymentError("BAD_REQUEST", "PAYMENT_NOT_STARTABLE");
  if (now > payment.quoteExpiresAt) throw paymentError("BAD_REQUEST", "QUOTE_EXPIRED");
  await db.payment.updateMany({ where: { id: payment.id, state: "created" }, data: { state: "started", updatedAt: now } });

  const back = `${config.publicUrl}/${input.locale}/pay/return`;
  const query = new URLSearchParams({
    orderId: payment.orderId,
    amount: String(payment.amount),
    orderName: orderName(payment.items.map((i) => ({ agency: (i.agency.name as Localized).ko, kind: (i.notice.template.name as Localized).ko }))),
    successUrl: back,
    failUrl: `${back}?failed=1`,
    clientKey: config.clientKey,
    locale: input.locale,
  });
  const answer = { windowUrl: `${config.windowBaseUrl}/pay?${query}` };
  try {
    await db.paymentRequest.create({ data: { scope, paymentId: payment.id, requestSha256: sha, response: answer, createdAt: now } });
  } catch (error) {
    // The same key twice at once: both answers are this one.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  return answer;
}
