/**
 * Why a payment did not go through, as a code (Moa's own below, else the gateway's, e.g.
 * REJECT_CARD_PAYMENT) and a message key the client translates (`payments.failure.<key>`).
 */
export type FailureMessageKey = "declined" | "expired" | "amountMismatch" | "alreadyPaid" | "inProgress" | "gatewayUnavailable";

export interface PaymentFailure {
  code: string;
  messageKey: FailureMessageKey;
}

export const FAILURE_CODES = {
  amountMismatch: "AMOUNT_MISMATCH",
  quoteExpired: "QUOTE_EXPIRED",
  alreadyPaid: "ALREADY_PAID",
  /** Another payment of the same notice is waiting for the gateway's answer. */
  inProgress: "PAYMENT_IN_PROGRESS",
  /** No answer from the gateway yet: the payment stays `submitted` until it is looked up. */
  gatewayUnavailable: "GATEWAY_UNAVAILABLE",
  /** The window's paymentKey belongs to another of Moa's payments. */
  invalidPaymentKey: "INVALID_PAYMENT_KEY",
  windowExpired: "NOT_FOUND_PAYMENT_SESSION",
  gatewayExpired: "PAYMENT_EXPIRED",
} as const;

const KEYS: Record<string, FailureMessageKey> = {
  [FAILURE_CODES.amountMismatch]: "amountMismatch",
  [FAILURE_CODES.quoteExpired]: "expired",
  [FAILURE_CODES.windowExpired]: "expired",
  [FAILURE_CODES.gatewayExpired]: "expired",
  [FAILURE_CODES.alreadyPaid]: "alreadyPaid",
  [FAILURE_CODES.inProgress]: "inProgress",
  [FAILURE_CODES.gatewayUnavailable]: "gatewayUnavailable",
};

export function failureOf(code: string | null): PaymentFailure | null {
  return code ? { code, messageKey: KEYS[code] ?? "declined" } : null;
}

/** What confirming answers, and what is replayed for the same idempotency key. */
export interface PaymentAnswer {
  paymentId: string;
  state: string;
  failure: PaymentFailure | null;
}
