import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { paymentWorld, payInWindow, type PaymentWorld } from "../test/payments";
import { cancelItem } from "./cancel";
import { confirmPayment } from "./confirm";
import { quoteNotices } from "./quote";
import { startPayment } from "./start";

let t: TestDatabase;
let w: PaymentWorld;
const operators = { tax: "", health: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  w = await paymentWorld(t);
  for (const [key, agencyId] of Object.entries(w.agencies) as [keyof typeof operators, string][]) {
    operators[key] = (await t.db.agencyOperator.create({ data: { agencyId, email: `${key}@x`, name: key, passwordHash: "x", permissions: ["send"] } })).id;
  }
});
afterAll(async () => {
  await w?.close();
  await t?.drop();
});

const as = (key: keyof typeof operators) => ({ id: operators[key], agencyId: w.agencies[key] });
const codeOf = (p: Promise<unknown>) => p.then(() => "OK", (e: TRPCError) => e.message || e.code);

describe("partial cancel of one bill", () => {
  it("refunds up to what is left of the bill, idempotently, for the bill's agency only", async () => {
    const tax = await w.notice(w.people.me, "tax", 500_000, "2099-12-31");
    const premium = await w.notice(w.people.me, "premium", 30_000, "2099-12-31");
    const quote = await quoteNotices(t.db, w.people.me, [tax, premium], new Date());
    const { windowUrl } = await startPayment(t.db, { id: w.people.me, steppedUpAt: new Date() }, { quoteId: quote.quoteId, idempotencyKey: "cancel-start", locale: "ko" }, new Date(), w.config);
    const back = await payInWindow(windowUrl);
    expect((await confirmPayment(w.deps, { id: w.people.me }, { ...back, idempotencyKey: "cancel-confirm" }, new Date())).state).toBe("success");
    const paymentId = quote.quoteId;

    const refund = { paymentId, noticeId: tax, amount: 100_000, reason: "가산금 부과 오류" };
    expect(await cancelItem(w.deps, as("tax"), refund, new Date())).toEqual({ paymentId, noticeId: tax, amount: 500_000, cancelledAmount: 100_000, state: "success" });
    // A double click: the same answer, nothing more refunded.
    expect(await cancelItem(w.deps, as("tax"), refund, new Date())).toEqual({ paymentId, noticeId: tax, amount: 500_000, cancelledAmount: 100_000, state: "success" });
    let atGateway = await w.gateway.getByOrderId(quote.orderId);
    expect(atGateway).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 430_000 });
    expect(atGateway.cancels.map((c) => c.cancelAmount)).toEqual([100_000]);

    // Never above what is left of this bill, though the payment holds more.
    expect(await codeOf(cancelItem(w.deps, as("tax"), { ...refund, amount: 400_001, reason: "전액" }, new Date()))).toBe("CANCEL_AMOUNT_TOO_HIGH");
    // Another agency's bill does not exist for this operator, and nothing moved.
    expect(await codeOf(cancelItem(w.deps, as("health"), { ...refund, reason: "x" }, new Date()))).toBe("NOT_FOUND");
    expect(await codeOf(cancelItem(w.deps, as("tax"), { paymentId, noticeId: premium, amount: 1, reason: "x" }, new Date()))).toBe("NOT_FOUND");
    expect((await w.gateway.getByOrderId(quote.orderId)).balanceAmount).toBe(430_000);

    expect(await cancelItem(w.deps, as("tax"), { ...refund, amount: 400_000, reason: "부과 취소" }, new Date())).toMatchObject({ cancelledAmount: 500_000, state: "success" });
    expect(await codeOf(cancelItem(w.deps, as("tax"), { ...refund, amount: 1, reason: "더" }, new Date()))).toBe("CANCEL_AMOUNT_TOO_HIGH");
    expect(await cancelItem(w.deps, as("health"), { paymentId, noticeId: premium, amount: 30_000, reason: "이중 납부" }, new Date())).toMatchObject({ cancelledAmount: 30_000, state: "cancelled" });

    atGateway = await w.gateway.getByOrderId(quote.orderId);
    expect(atGateway).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    expect(atGateway.cancels.map((c) => c.cancelAmount)).toEqual([100_000, 400_000, 30_000]);
    const items = await t.db.paymentItem.findMany({ where: { paymentId }, orderBy: { amount: "desc" } });
    expect(items.map((i) => [i.amount, i.cancelledAmount])).toEqual([[500_000n, 500_000n], [30_000n, 30_000n]]);
    const audits = await t.db.auditEvent.findMany({ where: { action: "payment.item-cancelled", targetId: paymentId }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.actorId, (a.detail as { amount: number }).amount])).toEqual([[operators.tax, 100_000], [operators.tax, 400_000], [operators.health, 30_000]]);
    expect(await codeOf(cancelItem(w.deps, as("health"), { paymentId, noticeId: premium, amount: 1, reason: "again" }, new Date()))).toBe("PAYMENT_NOT_CANCELLABLE");
  });

  it("a bill that was never paid cannot be refunded", async () => {
    const id = await w.notice(w.people.me, "tax", 10_000, "2099-12-31");
    const quote = await quoteNotices(t.db, w.people.me, [id], new Date());
    expect(await codeOf(cancelItem(w.deps, as("tax"), { paymentId: quote.quoteId, noticeId: id, amount: 1, reason: "x" }, new Date()))).toBe("PAYMENT_NOT_CANCELLABLE");
  });
});
