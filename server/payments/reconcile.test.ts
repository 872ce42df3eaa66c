import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { paymentWorld, payInWindow, type PaymentWorld } from "../test/payments";
import { confirmPayment, gatewayConfirmKey } from "./confirm";
import { sweepPayments } from "./expire";
import { seoulDate } from "./late-charge";
import { quoteNotices } from "./quote";
import { reconcileDay, type Reconciliation } from "./reconcile";
import { startPayment } from "./start";

let t: TestDatabase;
let w: PaymentWorld;
let dataDir: string;
const MINUTE = 60_000;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await paymentWorld(t);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-reconcile-"));
});
afterAll(async () => {
  await w?.close();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A payment of one new notice taken to the window (and confirmed unless `confirm` is false). */
async function pay(amount: number, confirm = true) {
  const id = await w.notice(w.people.me, "premium", amount, "2099-12-31");
  const quote = await quoteNotices(t.db, w.people.me, [id], new Date());
  const { windowUrl } = await startPayment(t.db, { id: w.people.me, steppedUpAt: new Date() }, { quoteId: quote.quoteId, idempotencyKey: `s-${quote.quoteId}`, locale: "ko" }, new Date(), w.config);
  const back = await payInWindow(windowUrl);
  if (confirm) expect((await confirmPayment(w.deps, { id: w.people.me }, { ...back, idempotencyKey: `c-${quote.quoteId}` }, new Date())).state).toBe("success");
  return { id, quote, back };
}

describe("daily reconciliation", () => {
  it("lists every difference between Moa and the gateway, in a file and the audit", async () => {
    const fine = await pay(10_000);
    const amountChanged = await pay(20_000);
    const cancelledAtGateway = await pay(30_000);
    // Injected mismatches: Moa's amount edited in the database; a refund made in the gateway's own
    // console; a payment Moa calls paid that the gateway never saw.
    await t.db.payment.update({ where: { id: amountChanged.quote.quoteId }, data: { amount: 21_000n } });
    await w.gateway.cancel({ paymentKey: cancelledAtGateway.back.paymentKey, cancelReason: "콘솔 환불", cancelAmount: 5_000, idempotencyKey: "console-refund" });
    const ghost = await quoteNotices(t.db, w.people.me, [await w.notice(w.people.me, "premium", 40_000, "2099-12-31")], new Date());
    await t.db.payment.update({ where: { id: ghost.quoteId }, data: { state: "success", approvedAt: new Date() } });

    const day = seoulDate(new Date());
    const result = await reconcileDay({ db: t.db, gateway: w.gateway, dataDir }, day);
    expect(result.payments).toBe(4);
    expect(result.unchecked).toEqual([]);
    const found = result.differences.map((d) => [d.paymentId, d.kind]);
    expect(found).toEqual(
      expect.arrayContaining([
        [amountChanged.quote.quoteId, "amount-differs"],
        [cancelledAtGateway.quote.quoteId, "status-differs"],
        [cancelledAtGateway.quote.quoteId, "cancelled-differs"],
        [ghost.quoteId, "missing-at-gateway"],
      ]),
    );
    expect(found).toHaveLength(4);
    expect(found.some(([id]) => id === fine.quote.quoteId)).toBe(false);
    expect(result.differences.find((d) => d.kind === "cancelled-differs")).toMatchObject({ moa: { state: "success", cancelled: 0 }, gateway: { status: "PARTIAL_CANCELED", cancelled: 5_000 } });

    const file = JSON.parse(readFileSync(path.join(dataDir, "reconciliation", `${day}.json`), "utf8")) as Reconciliation;
    expect(file).toEqual(JSON.parse(JSON.stringify(result)));
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "payments.reconciled", targetId: day } });
    expect(audit.detail).toEqual({ payments: 4, differences: 4, unchecked: 0 });

    // Another day has none of these.
    expect((await reconcileDay({ db: t.db, gateway: w.gateway, dataDir }, "2020-01-01")).payments).toBe(0);
  });
});

describe("expiring payments never confirmed", () => {
  it("expires a window left open, but first asks the gateway, which may have taken the money", async () => {
    const abandoned = await pay(11_000, false);
    const confirmedBehindMoa = await pay(12_000, false);
    // Moa crashed after the gateway confirmed: only the gateway knows.
    await w.gateway.confirm({ ...confirmedBehindMoa.back, idempotencyKey: gatewayConfirmKey(confirmedBehindMoa.quote.quoteId) });

    expect(await sweepPayments(w.deps, new Date(Date.now() + 10 * MINUTE))).toMatchObject({ settled: 0, expired: 0 });
    const later = new Date(Date.now() + 31 * MINUTE);
    expect(await sweepPayments(w.deps, later)).toMatchObject({ settled: 1, expired: 1 });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: abandoned.quote.quoteId } })).toMatchObject({ state: "expired", failureCode: "PAYMENT_EXPIRED" });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: confirmedBehindMoa.quote.quoteId } })).toMatchObject({ state: "success" });
    expect((await t.db.notice.findUniqueOrThrow({ where: { id: confirmedBehindMoa.id } })).paidAt).not.toBeNull();
    expect((await t.db.notice.findUniqueOrThrow({ where: { id: abandoned.id } })).paidAt).toBeNull();
  });

  it("drops stored idempotent answers after 24 hours", async () => {
    expect(await t.db.paymentRequest.count()).toBeGreaterThan(0);
    const { purged } = await sweepPayments(w.deps, new Date(Date.now() + 25 * 3_600_000));
    expect(purged).toBeGreaterThan(0);
    expect(await t.db.paymentRequest.count()).toBe(0);
  });
});
