/**
 * The one interface a payment gateway implements, in Toss Payments' terms (field names and values
 * as Toss documents them). Amounts are whole won.
 */

export const GATEWAY_STATUSES = ["READY", "IN_PROGRESS", "WAITING_FOR_DEPOSIT", "DONE", "CANCELED", "PARTIAL_CANCELED", "ABORTED", "EXPIRED"] as const;
export type GatewayStatus = (typeof GATEWAY_STATUSES)[number];

export interface GatewayCancel {
  cancelAmount: number;
  cancelReason: string;
  canceledAt: Date;
  transactionKey: string;
  cancelStatus: string;
}

export interface GatewayPayment {
  paymentKey: string;
  orderId: string;
  status: GatewayStatus;
  totalAmount: number;
  /** What is left after cancels: never more than `totalAmount`. */
  balanceAmount: number;
  /** In Korean, as Toss names it: 카드, 가상계좌, 간편결제, 계좌이체, 휴대폰, … */
  method: string | null;
  /** For 간편결제: the wallet, e.g. 카카오페이, 네이버페이, 토스페이. */
  easyPay: { provider: string } | null;
  /** For 가상계좌: where to deposit, and by when. */
  virtualAccount: { accountNumber: string; bankCode: string; customerName: string; dueDate: Date } | null;
  /** Virtual accounts: the value a deposit callback must carry to be genuine. */
  secret: string | null;
  approvedAt: Date | null;
  cancels: GatewayCancel[];
  failure: { code: string; message: string } | null;
}

export interface ConfirmInput {
  paymentKey: string;
  orderId: string;
  amount: number;
  idempotencyKey: string;
}

export interface CancelInput {
  paymentKey: string;
  cancelReason: string;
  /** Omitted: cancel the whole balance. */
  cancelAmount?: number;
  idempotencyKey: string;
}

export interface PaymentGateway {
  confirm(input: ConfirmInput): Promise<GatewayPayment>;
  get(paymentKey: string): Promise<GatewayPayment>;
  getByOrderId(orderId: string): Promise<GatewayPayment>;
  cancel(input: CancelInput): Promise<GatewayPayment>;
}

/** Every gateway failure; `code` is the gateway's own (e.g. REJECT_CARD_PAYMENT) or one of ours. */
export class PaymentGatewayError extends Error {
  override name = "PaymentGatewayError";
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

/** The gateway said no (card declined, amount refused, not cancelable): nothing happened. */
export class GatewayDeclinedError extends PaymentGatewayError {
  override name = "GatewayDeclinedError";
}

export class GatewayNotFoundError extends PaymentGatewayError {
  override name = "GatewayNotFoundError";
}

/** Confirmed or cancelled before, perhaps by a request that timed out: look the payment up. */
export class GatewayAlreadyProcessedError extends PaymentGatewayError {
  override name = "GatewayAlreadyProcessedError";
}

/**
 * No answer: the request may or may not have been carried out. Look the payment up (`get`,
 * `getByOrderId`) or repeat it with the same idempotency key; never assume either outcome.
 */
export class GatewayTimeoutError extends PaymentGatewayError {
  override name = "GatewayTimeoutError";
}

/** Unreachable, or a server error (5xx): as uncertain as a timeout. */
export class GatewayUnavailableError extends PaymentGatewayError {
  override name = "GatewayUnavailableError";
}
