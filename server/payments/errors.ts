import { TRPCError } from "@trpc/server";
import { QuoteRejectedError, type QuoteRejection } from "./quote";

/**
 * tRPC error messages the client shows as `errors.<key>` (see server/trpc/init.ts): why a quote,
 * a start or a cancel was refused. Failures of a confirmed payment are answers, not errors (failure.ts).
 */
export const PAYMENT_ERROR_KEYS = [
  "NOTICE_NOT_FOUND",
  "NOT_PAYABLE",
  "ALREADY_PAID",
  "PAYMENT_IN_PROGRESS",
  "NOTHING_DUE",
  "TOO_MANY_NOTICES",
  "QUOTE_EXPIRED",
  "PAYMENT_NOT_STARTABLE",
  "PAYMENT_NOT_STARTED",
  "PAYMENT_NOT_CANCELLABLE",
  "CANCEL_AMOUNT_TOO_HIGH",
  "GATEWAY_DECLINED",
  "GATEWAY_UNAVAILABLE",
] as const;
export type PaymentErrorKey = (typeof PAYMENT_ERROR_KEYS)[number];

export const paymentError = (code: "BAD_REQUEST" | "SERVICE_UNAVAILABLE", key: PaymentErrorKey) => new TRPCError({ code, message: key });

const REJECTION_KEYS: Record<QuoteRejection, PaymentErrorKey> = {
  not_found: "NOTICE_NOT_FOUND",
  not_payable: "NOT_PAYABLE",
  paid: "ALREADY_PAID",
  in_progress: "PAYMENT_IN_PROGRESS",
};

/** A refused quote as BAD_REQUEST: the first refused notice's reason is the message key. */
export function quoteError(error: unknown): unknown {
  if (error instanceof QuoteRejectedError) return new TRPCError({ code: "BAD_REQUEST", message: REJECTION_KEYS[error.rejected[0].reason], cause: error });
  if (error instanceof RangeError) return new TRPCError({ code: "BAD_REQUEST", message: "TOO_MANY_NOTICES", cause: error });
  return error;
}
