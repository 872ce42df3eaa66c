import { z } from "zod";
import {
  GATEWAY_STATUSES,
  GatewayAlreadyProcessedError,
  GatewayDeclinedError,
  GatewayNotFoundError,
  GatewayTimeoutError,
  GatewayUnavailableError,
  type GatewayPayment,
  type PaymentGateway,
} from "./types";

/** Toss Payments' core API v1 (docs.tosspayments.com/reference), server side, with the secret key. */

export const DEFAULT_TOSS_API_URL = "https://api.tosspayments.com";

export interface TossGatewayOptions {
  secretKey: string;
  /** TOSS_API_URL; the sandbox gateway's URL in development and tests. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const isoDate = z.string().transform((s, ctx) => {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) ctx.addIssue({ code: "custom", message: "not a date" });
  return d;
});

const TossPayment = z.object({
  paymentKey: z.string().min(1),
  orderId: z.string().min(1),
  status: z.enum(GATEWAY_STATUSES),
  totalAmount: z.number().int(),
  balanceAmount: z.number().int(),
  method: z.string().nullish(),
  easyPay: z.object({ provider: z.string() }).nullish(),
  virtualAccount: z.object({ accountNumber: z.string(), bankCode: z.string(), customerName: z.string(), dueDate: isoDate }).nullish(),
  secret: z.string().nullish(),
  approvedAt: isoDate.nullish(),
  cancels: z
    .array(z.object({ cancelAmount: z.number().int(), cancelReason: z.string(), canceledAt: isoDate, transactionKey: z.string(), cancelStatus: z.string() }))
    .nullish(),
  failure: z.object({ code: z.string(), message: z.string() }).nullish(),
});

const TossError = z.object({ code: z.string(), message: z.string() });

function normalise(p: z.infer<typeof TossPayment>): GatewayPayment {
  return {
    paymentKey: p.paymentKey,
    orderId: p.orderId,
    status: p.status,
    totalAmount: p.totalAmount,
    balanceAmount: p.balanceAmount,
    method: p.method ?? null,
    easyPay: p.easyPay ? { provider: p.easyPay.provider } : null,
    virtualAccount: p.virtualAccount ?? null,
    secret: p.secret ?? null,
    approvedAt: p.approvedAt ?? null,
    cancels: p.cancels ?? [],
    failure: p.failure ?? null,
  };
}

const NOT_FOUND = new Set(["NOT_FOUND_PAYMENT", "NOT_FOUND_PAYMENT_SESSION", "NOT_FOUND"]);
const ALREADY = new Set(["ALREADY_PROCESSED_PAYMENT", "ALREADY_CANCELED_PAYMENT"]);

function failure(status: number, body: unknown): Error {
  const parsed = TossError.safeParse(body);
  const { code, message } = parsed.success ? parsed.data : { code: `HTTP_${status}`, message: `Toss answered HTTP ${status}` };
  if (status >= 500 || status === 429 || !parsed.success) return new GatewayUnavailableError(code, message, status);
  if (NOT_FOUND.has(code) || status === 404) return new GatewayNotFoundError(code, message, status);
  if (ALREADY.has(code)) return new GatewayAlreadyProcessedError(code, message, status);
  return new GatewayDeclinedError(code, message, status);
}

export function createTossGateway(options: TossGatewayOptions): PaymentGateway {
  const base = (options.baseUrl ?? DEFAULT_TOSS_API_URL).replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString("base64")}`;

  async function call(method: "GET" | "POST", path: string, body?: object, idempotencyKey?: string): Promise<GatewayPayment> {
    const headers: Record<string, string> = { authorization };
    if (body) headers["content-type"] = "application/json";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    let status: number;
    let answer: unknown;
    try {
      const response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      status = response.status;
      answer = await response.json().catch(() => null);
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError") {
        throw new GatewayTimeoutError("TIMEOUT", `Toss did not answer ${method} within ${timeoutMs} ms`);
      }
      throw new GatewayUnavailableError("NETWORK", `Toss unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (status < 200 || status >= 300) throw failure(status, answer);
    const parsed = TossPayment.safeParse(answer);
    if (!parsed.success) throw new GatewayUnavailableError("INVALID_RESPONSE", "Toss answered with something that is not a payment", status);
    return normalise(parsed.data);
  }

  const key = (s: string) => encodeURIComponent(s);
  return {
    confirm: ({ paymentKey, orderId, amount, idempotencyKey }) =>
      call("POST", "/v1/payments/confirm", { paymentKey, orderId, amount }, idempotencyKey),
    get: (paymentKey) => call("GET", `/v1/payments/${key(paymentKey)}`),
    getByOrderId: (orderId) => call("GET", `/v1/payments/orders/${key(orderId)}`),
    cancel: ({ paymentKey, cancelReason, cancelAmount, idempotencyKey }) =>
      call("POST", `/v1/payments/${key(paymentKey)}/cancel`, cancelAmount === undefined ? { cancelReason } : { cancelReason, cancelAmount }, idempotencyKey),
  };
}
