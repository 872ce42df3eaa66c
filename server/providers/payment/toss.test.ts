import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxGateway, type SandboxPaymentGateway } from "../../sandbox/payment-gateway";
import { createTossGateway } from "./toss";
import {
  GatewayAlreadyProcessedError,
  GatewayDeclinedError,
  GatewayNotFoundError,
  GatewayTimeoutError,
  GatewayUnavailableError,
  type PaymentGateway,
} from "./types";

const SECRET = "test_sk_sandbox_0123456789";
let sandbox: SandboxPaymentGateway;
let toss: PaymentGateway;

const orderId = () => `moa_${randomBytes(12).toString("base64url")}`;
const key = () => randomUUID();

/** What a browser does in the hosted window: choose a method, submit, follow the redirect. */
async function authorise(order: string, amount: number, method = "card", cardNumber = "4111 1111 1111 1111") {
  const query = { orderId: order, amount: String(amount), orderName: "재산세 외 1건", successUrl: "https://moa.example/pay/success", failUrl: "https://moa.example/pay/fail", clientKey: "test_ck_x" };
  expect((await fetch(`${sandbox.url}/pay?${new URLSearchParams(query)}`)).status).toBe(200);
  const res = await fetch(`${sandbox.url}/pay`, { method: "POST", body: new URLSearchParams({ ...query, method, cardNumber }), redirect: "manual" });
  expect(res.status).toBe(303);
  const back = new URL(res.headers.get("location")!);
  expect(back.origin + back.pathname).toBe("https://moa.example/pay/success");
  expect(back.searchParams.get("orderId")).toBe(order);
  expect(back.searchParams.get("amount")).toBe(String(amount));
  return back.searchParams.get("paymentKey")!;
}

beforeAll(async () => {
  sandbox = await startSandboxGateway({ port: 0, secretKey: SECRET });
  toss = createTossGateway({ secretKey: SECRET, baseUrl: sandbox.url, timeoutMs: 300 });
});
afterAll(async () => {
  await sandbox?.close();
});

describe("Toss adapter against the sandbox gateway", () => {
  it("confirms a card payment", async () => {
    const order = orderId();
    const paymentKey = await authorise(order, 518_300);
    const paid = await toss.confirm({ paymentKey, orderId: order, amount: 518_300, idempotencyKey: key() });
    expect(paid).toMatchObject({ paymentKey, orderId: order, status: "DONE", totalAmount: 518_300, balanceAmount: 518_300, method: "카드", easyPay: null, cancels: [], failure: null });
    expect(paid.approvedAt).toBeInstanceOf(Date);
  });

  it("confirms an easy payment with its provider", async () => {
    const order = orderId();
    const paymentKey = await authorise(order, 12_000, "kakaopay", "");
    const paid = await toss.confirm({ paymentKey, orderId: order, amount: 12_000, idempotencyKey: key() });
    expect(paid).toMatchObject({ status: "DONE", method: "간편결제", easyPay: { provider: "카카오페이" } });
  });

  it("reports a declined card as a typed error, and the payment as ABORTED", async () => {
    const order = orderId();
    const paymentKey = await authorise(order, 50_000, "card", "4000-0000-0000-0002");
    const error = await toss.confirm({ paymentKey, orderId: order, amount: 50_000, idempotencyKey: key() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayDeclinedError);
    expect(error).toMatchObject({ code: "REJECT_CARD_PAYMENT", httpStatus: 403 });
    expect(await toss.get(paymentKey)).toMatchObject({ status: "ABORTED", failure: { code: "REJECT_CARD_PAYMENT" } });
  });

  it("declines on the behaviour switch, set over HTTP for one order", async () => {
    const order = orderId();
    const set = await fetch(`${sandbox.url}/sandbox/behaviour`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${SECRET}:`).toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify({ orderId: order, confirm: "decline" }),
    });
    expect(set.status).toBe(200);
    const paymentKey = await authorise(order, 50_000);
    await expect(toss.confirm({ paymentKey, orderId: order, amount: 50_000, idempotencyKey: key() })).rejects.toBeInstanceOf(GatewayDeclinedError);
  });

  it("times out as a typed error while the payment completes; the same key then answers DONE", async () => {
    const order = orderId();
    sandbox.setBehaviour({ confirm: "timeout", delayMs: 1_500 }, order);
    const paymentKey = await authorise(order, 30_000);
    const idempotencyKey = key();
    const started = Date.now();
    await expect(toss.confirm({ paymentKey, orderId: order, amount: 30_000, idempotencyKey })).rejects.toBeInstanceOf(GatewayTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_200);
    expect(await toss.get(paymentKey)).toMatchObject({ status: "DONE", totalAmount: 30_000 });
    const patient = createTossGateway({ secretKey: SECRET, baseUrl: sandbox.url, timeoutMs: 5_000 });
    expect(await patient.confirm({ paymentKey, orderId: order, amount: 30_000, idempotencyKey })).toMatchObject({ status: "DONE" });
  });

  it("replays a confirm with the same idempotency key: one payment", async () => {
    const order = orderId();
    const paymentKey = await authorise(order, 40_000);
    const input = { paymentKey, orderId: order, amount: 40_000, idempotencyKey: key() };
    const [first, second] = await Promise.all([toss.confirm(input), toss.confirm(input)]);
    const third = await toss.confirm(input);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    // Another key is another request: the payment is already confirmed.
    await expect(toss.confirm({ ...input, idempotencyKey: key() })).rejects.toBeInstanceOf(GatewayAlreadyProcessedError);
    // The same key for another request is refused.
    await expect(toss.confirm({ ...input, amount: 1 })).rejects.toMatchObject({ code: "INVALID_REQUEST" });
  });

  it("refuses an amount other than the window's, and leaves the payment confirmable", async () => {
    const order = orderId();
    const paymentKey = await authorise(order, 20_000);
    const error = await toss.confirm({ paymentKey, orderId: order, amount: 19_999, idempotencyKey: key() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayDeclinedError);
    expect(error).toMatchObject({ code: "INVALID_REQUEST", httpStatus: 400 });
    expect((await toss.get(paymentKey)).status).toBe("IN_PROGRESS");
    expect((await toss.confirm({ paymentKey, orderId: order, amount: 20_000, idempotencyKey: key() })).status).toBe("DONE");
  });

  it("cancels in parts, never above what was paid", async () => {
    const order = orderId();
    const paymentKey = await authorise(order, 30_000);
    await toss.confirm({ paymentKey, orderId: order, amount: 30_000, idempotencyKey: key() });
    const cancelKey = key();
    const part = await toss.cancel({ paymentKey, cancelReason: "재산세 납부 취소", cancelAmount: 10_000, idempotencyKey: cancelKey });
    expect(part).toMatchObject({ status: "PARTIAL_CANCELED", totalAmount: 30_000, balanceAmount: 20_000 });
    expect(part.cancels).toMatchObject([{ cancelAmount: 10_000, cancelReason: "재산세 납부 취소", cancelStatus: "DONE" }]);
    expect(part.cancels[0].canceledAt).toBeInstanceOf(Date);
    // A repeated request with the same key is the same cancel, not a second one.
    expect(await toss.cancel({ paymentKey, cancelReason: "재산세 납부 취소", cancelAmount: 10_000, idempotencyKey: cancelKey })).toEqual(part);

    const tooMuch = await toss.cancel({ paymentKey, cancelReason: "x", cancelAmount: 20_001, idempotencyKey: key() }).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(GatewayDeclinedError);
    expect(tooMuch).toMatchObject({ code: "NOT_CANCELABLE_AMOUNT" });
    expect((await toss.get(paymentKey)).balanceAmount).toBe(20_000);

    const rest = await toss.cancel({ paymentKey, cancelReason: "전액 취소", idempotencyKey: key() });
    expect(rest).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    expect(rest.cancels.map((c) => c.cancelAmount)).toEqual([10_000, 20_000]);
    await expect(toss.cancel({ paymentKey, cancelReason: "x", cancelAmount: 1, idempotencyKey: key() })).rejects.toBeInstanceOf(GatewayAlreadyProcessedError);
  });

  it("looks a payment up by orderId", async () => {
    const order = orderId();
    const paymentKey = await authorise(order, 15_000);
    expect(await toss.getByOrderId(order)).toMatchObject({ paymentKey, status: "IN_PROGRESS", method: null });
    await toss.confirm({ paymentKey, orderId: order, amount: 15_000, idempotencyKey: key() });
    expect(await toss.getByOrderId(order)).toMatchObject({ paymentKey, status: "DONE" });
    await expect(toss.getByOrderId(orderId())).rejects.toBeInstanceOf(GatewayNotFoundError);
    await expect(toss.get("no-such-key")).rejects.toMatchObject({ code: "NOT_FOUND_PAYMENT" });
  });

  it("issues a virtual account, then reports the deposit", async () => {
    const order = orderId();
    const paymentKey = await authorise(order, 80_000, "virtual-account", "");
    const issued = await toss.confirm({ paymentKey, orderId: order, amount: 80_000, idempotencyKey: key() });
    expect(issued).toMatchObject({ status: "WAITING_FOR_DEPOSIT", method: "가상계좌", approvedAt: null, virtualAccount: { bankCode: "20" } });
    expect(issued.secret).toMatch(/^ps_/);
    await sandbox.deposit(order);
    expect(await toss.get(paymentKey)).toMatchObject({ status: "DONE", balanceAmount: 80_000 });
  });

  it("types a wrong key and an unreachable gateway", async () => {
    const wrong = createTossGateway({ secretKey: "test_sk_wrong", baseUrl: sandbox.url });
    await expect(wrong.get("x")).rejects.toMatchObject({ name: "GatewayDeclinedError", code: "UNAUTHORIZED_KEY", httpStatus: 401 });
    const gone = createTossGateway({ secretKey: SECRET, baseUrl: "http://127.0.0.1:9" });
    await expect(gone.get("x")).rejects.toBeInstanceOf(GatewayUnavailableError);
  });
});
