import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { GatewayTimeoutError, GatewayUnavailableError, type PaymentGateway } from "../providers/payment/types";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { paymentWorld, payInWindow, type PaymentWorld } from "../test/payments";
import { confirmPayment } from "./confirm";
import { sweepPayments } from "./expire";
import { quoteNotices } from "./quote";
import { startPayment } from "./start";

/** What goes wrong, on the real sandbox gateway over HTTP (no webhooks here: every outcome is the confirm's own). */
let t: TestDatabase;
let w: PaymentWorld;
const MINUTE = 60_000;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await paymentWorld(t, { timeoutMs: 400 });
});
afterAll(async () => {
  await w?.close();
  await t?.drop();
});

/** A quote of the person's notices at `now`, started and paid in the window; `card` picks the card. */
async function windowed(noticeIds: string[], now = new Date(), card = "4111111111111111") {
  const quote = await quoteNotices(t.db, w.people.me, noticeIds, now);
  const { windowUrl } = await startPayment(t.db, { id: w.people.me, steppedUpAt: now }, { quoteId: quote.quoteId, idempotencyKey: `s-${quote.quoteId}`, locale: "ko" }, now, w.config);
  return { quote, back: await payInWindow(windowUrl, "card", card) };
}

const unpaid = async (ids: string[]) => (await t.db.notice.findMany({ where: { id: { in: ids } } })).every((n) => n.paidAt === null);
const me = () => ({ id: w.people.me });

describe("confirm refuses, and nothing is paid", () => {
  it("a declined card: failed with the gateway's code", async () => {
    const id = await w.notice(w.people.me, "premium", 80_000, "2099-12-31");
    const { quote, back } = await windowed([id], new Date(), "4000 0000 0000 0002");
    const answer = await confirmPayment(w.deps, me(), { ...back, idempotencyKey: "declined-1" }, new Date());
    expect(answer).toEqual({ paymentId: quote.quoteId, state: "failed", failure: { code: "REJECT_CARD_PAYMENT", messageKey: "declined" } });
    expect(await unpaid([id])).toBe(true);
    expect(await t.db.webhookEvent.count({ where: { noticeId: id } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "payment.failed", targetId: quote.quoteId } })).toBe(1);
  });

  it("an amount other than the quote's: failed, and the gateway is never asked", async () => {
    const id = await w.notice(w.people.me, "premium", 80_000, "2099-12-31");
    const { quote, back } = await windowed([id]);
    const before = w.sandbox.stats();
    const answer = await confirmPayment(w.deps, me(), { ...back, amount: 8_000, idempotencyKey: "tampered-1" }, new Date());
    expect(answer).toEqual({ paymentId: quote.quoteId, state: "failed", failure: { code: "AMOUNT_MISMATCH", messageKey: "amountMismatch" } });
    // Trying again with the right amount does not revive it.
    expect((await confirmPayment(w.deps, me(), { ...back, idempotencyKey: "tampered-2" }, new Date())).state).toBe("failed");
    expect(w.sandbox.stats()).toEqual(before);
    expect(await unpaid([id])).toBe(true);
    expect((await w.gateway.getByOrderId(quote.orderId)).status).toBe("IN_PROGRESS");
  });

  it("a quote older than 15 minutes: expired", async () => {
    const id = await w.notice(w.people.me, "premium", 80_000, "2099-12-31");
    const quotedAt = new Date(Date.now() - 14 * MINUTE);
    const { quote, back } = await windowed([id], quotedAt);
    const answer = await confirmPayment(w.deps, me(), { ...back, idempotencyKey: "late-1" }, new Date(quotedAt.getTime() + 16 * MINUTE));
    expect(answer).toEqual({ paymentId: quote.quoteId, state: "expired", failure: { code: "QUOTE_EXPIRED", messageKey: "expired" } });
    expect(await unpaid([id])).toBe(true);
  });

  it("a notice paid meanwhile by another payment: alreadyPaid, no second capture", async () => {
    const id = await w.notice(w.people.me, "tax", 200_000, "2099-12-31");
    const first = await windowed([id]);
    const second = await windowed([id]);
    expect((await confirmPayment(w.deps, me(), { ...first.back, idempotencyKey: "first-1" }, new Date())).state).toBe("success");
    const captures = w.sandbox.stats().captures;
    expect(await confirmPayment(w.deps, me(), { ...second.back, idempotencyKey: "second-1" }, new Date())).toMatchObject({ state: "failed", failure: { code: "ALREADY_PAID", messageKey: "alreadyPaid" } });
    expect(w.sandbox.stats().captures).toBe(captures);
  });

  it("someone else's order does not exist; start needs a recent step-up", async () => {
    const id = await w.notice(w.people.me, "premium", 10_000, "2099-12-31");
    const { back } = await windowed([id]);
    const error = await confirmPayment(w.deps, { id: w.people.other }, { ...back, idempotencyKey: "thief-1" }, new Date()).catch((e: TRPCError) => e);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
    const quote = await quoteNotices(t.db, w.people.me, [await w.notice(w.people.me, "premium", 10_000, "2099-12-31")], new Date());
    const stale = { id: w.people.me, steppedUpAt: new Date(Date.now() - 6 * MINUTE) };
    const refused = await startPayment(t.db, stale, { quoteId: quote.quoteId, idempotencyKey: "stale-1", locale: "ko" }, new Date(), w.config).catch((e: TRPCError) => e);
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: "STEP_UP_REQUIRED" });
    expect((await t.db.payment.findUniqueOrThrow({ where: { id: quote.quoteId } })).state).toBe("created");
  });
});

describe("no answer from the gateway", () => {
  it("a confirm that times out is settled by looking the payment up", async () => {
    const id = await w.notice(w.people.me, "premium", 70_000, "2099-12-31");
    const { quote, back } = await windowed([id]);
    w.sandbox.setBehaviour({ confirm: "timeout", delayMs: 1_500 }, quote.orderId);
    const answer = await confirmPayment(w.deps, me(), { ...back, idempotencyKey: "slow-1" }, new Date());
    expect(answer).toEqual({ paymentId: quote.quoteId, state: "success", failure: null });
    expect(await unpaid([id])).toBe(false);
  });

  it("no answer and no lookup: submitted, replayed as such, then settled by the sweep's lookup", async () => {
    const id = await w.notice(w.people.me, "premium", 60_000, "2099-12-31");
    const { quote, back } = await windowed([id]);
    // The confirmation reaches the gateway, but neither its answer nor any lookup comes back.
    const down = () => Promise.reject(new GatewayUnavailableError("NETWORK", "Toss unreachable"));
    const lost: PaymentGateway = {
      ...w.gateway,
      confirm: async (input) => {
        await w.gateway.confirm(input);
        throw new GatewayTimeoutError("TIMEOUT", "Toss did not answer");
      },
      get: down,
      getByOrderId: down,
    };
    const deps = { ...w.deps, gateway: lost };
    const submitted = { paymentId: quote.quoteId, state: "submitted", failure: { code: "GATEWAY_UNAVAILABLE", messageKey: "gatewayUnavailable" } };
    expect(await confirmPayment(deps, me(), { ...back, idempotencyKey: "lost-1" }, new Date())).toEqual(submitted);
    expect(await confirmPayment(deps, me(), { ...back, idempotencyKey: "lost-1" }, new Date())).toEqual(submitted);
    expect(await unpaid([id])).toBe(true);

    const captures = w.sandbox.stats().captures;
    expect(await sweepPayments(w.deps, new Date(Date.now() + 3 * MINUTE))).toMatchObject({ settled: 1, expired: 0 });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: quote.quoteId } })).toMatchObject({ state: "success", failureCode: null });
    expect(await unpaid([id])).toBe(false);
    expect(w.sandbox.stats().captures).toBe(captures);
    // A new key (a reload) now answers success, without asking to confirm again.
    expect(await confirmPayment(w.deps, me(), { ...back, idempotencyKey: "lost-2" }, new Date())).toEqual({ ...submitted, state: "success", failure: null });
  });
});

describe("late charges", () => {
  it("a 500,000 won tax one month overdue is priced by the tax rule and paid at that", async () => {
    const id = await w.notice(w.people.me, "tax", 500_000, "2026-03-10");
    const now = new Date("2026-04-11T01:00:00Z"); // 10:00 on 04-11 in Seoul: one full month overdue
    const quote = await quoteNotices(t.db, w.people.me, [id], now);
    expect(quote.items[0]).toMatchObject({ principal: 500_000, lateCharge: 18_300, total: 518_300 }); // 3 % + 0.66 % × 1
    const { windowUrl } = await startPayment(t.db, { id: w.people.me, steppedUpAt: now }, { quoteId: quote.quoteId, idempotencyKey: "tax-start-1", locale: "ko" }, now, w.config);
    expect(new URL(windowUrl).searchParams.get("orderName")).toBe("국세청 종합소득세");
    const back = await payInWindow(windowUrl);
    expect(back.amount).toBe(518_300);
    const answer = await confirmPayment(w.deps, me(), { ...back, idempotencyKey: "tax-1" }, new Date(now.getTime() + MINUTE));
    expect(answer.state).toBe("success");
    const item = await t.db.paymentItem.findFirstOrThrow({ where: { paymentId: quote.quoteId } });
    expect(item).toMatchObject({ principal: 500_000n, lateCharge: 18_300n, amount: 518_300n });
    expect((await w.gateway.getByOrderId(quote.orderId)).totalAmount).toBe(518_300);
  });
});
