import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { paymentWorld, payInWindow, SECRET, type PaymentWorld } from "../test/payments";
import { confirmPayment } from "./confirm";
import { quoteNotices } from "./quote";
import { getPayment, paymentHistory } from "./read";
import { startPayment } from "./start";

/**
 * The whole path on the real sandbox gateway over HTTP: quote → start → the hosted window → confirm,
 * and the gateway's webhooks through the real route (app/api/payments/webhook) back into Moa.
 */
let t: TestDatabase;
let w: PaymentWorld;
let receiver: http.Server;
let webhookUrl: string;

beforeAll(async () => {
  t = await createTestDatabase();
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const { POST } = await import("../../app/api/payments/webhook/route");
      const headers = Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string");
      const response = await POST(new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }), {});
      res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/payments/webhook`;
  w = await paymentWorld(t, { webhookUrl });
  // What `npm start` gives the web process: the route reaches this database and this sandbox.
  Object.assign(process.env, { DATABASE_URL: t.url, TOSS_API_URL: w.sandbox.url, TOSS_SECRET_KEY: SECRET, TOSS_CLIENT_KEY: "test_ck_payments", LOG_LEVEL: "silent" });
});
afterAll(async () => {
  // The process-wide pool the procedures and routes use, before its database goes.
  const { getPgPool } = await import("../db/pool");
  await getPgPool().end();
  await w?.close();
  await new Promise((r) => receiver?.close(r));
  await t?.drop();
});

const steppedUp = (id: string) => ({ id, steppedUpAt: new Date() });

async function paidBasket(kinds: ("tax" | "premium")[]) {
  const ids = [];
  for (const kind of kinds) ids.push(await w.notice(w.people.me, kind, kind === "tax" ? 500_000 : 128_540, "2099-12-31"));
  const quote = await quoteNotices(t.db, w.people.me, ids, new Date());
  const { windowUrl } = await startPayment(t.db, steppedUp(w.people.me), { quoteId: quote.quoteId, idempotencyKey: `start-${quote.quoteId}`, locale: "en" }, new Date(), w.config);
  const back = await payInWindow(windowUrl);
  return { ids, quote, windowUrl, back };
}

describe("paying a basket of two agencies' bills", () => {
  it("goes quote → window → confirm → success, with each agency's notice.paid", async () => {
    const { ids, quote, windowUrl, back } = await paidBasket(["tax", "premium"]);
    const url = new URL(windowUrl);
    expect(url.origin + url.pathname).toBe(`${w.sandbox.url}/pay`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      orderId: quote.orderId,
      amount: "628540",
      orderName: "국민건강보험공단 외 1건",
      successUrl: "https://moa.example/en/pay/return",
      failUrl: "https://moa.example/en/pay/return?failed=1",
      clientKey: "test_ck_payments",
      locale: "en",
    });
    expect(back.returnUrl.origin + back.returnUrl.pathname).toBe("https://moa.example/en/pay/return");
    expect(back).toMatchObject({ orderId: quote.orderId, amount: 628_540 });

    const captures = w.sandbox.stats().captures;
    const answer = await confirmPayment(w.deps, { id: w.people.me }, { ...back, idempotencyKey: "confirm-basket-1" }, new Date());
    expect(answer).toEqual({ paymentId: quote.quoteId, state: "success", failure: null });
    expect(w.sandbox.stats().captures).toBe(captures + 1);

    const payment = await t.db.payment.findUniqueOrThrow({ where: { id: quote.quoteId } });
    expect(payment).toMatchObject({ state: "success", method: "카드", gatewayPaymentKey: back.paymentKey, idempotencyKey: "confirm-basket-1", failureCode: null });
    const notices = await t.db.notice.findMany({ where: { id: { in: ids } } });
    for (const n of notices) expect(n).toMatchObject({ paidAt: payment.approvedAt, nextStep: null, nextStepAt: null });

    const events = await t.db.webhookEvent.findMany({ where: { noticeId: { in: ids } }, orderBy: { agencyId: "asc" } });
    expect(events.map((e) => [e.agencyId, e.type]).sort()).toEqual([[w.agencies.health, "notice.paid"], [w.agencies.tax, "notice.paid"]].sort());
    for (const e of events) {
      const notice = notices.find((n) => n.id === e.noticeId)!;
      expect((e.payload as { data: unknown }).data).toEqual({ noticeId: notice.id, reference: notice.reference, amount: notice.amountDue === 500_000n ? 500_000 : 128_540, paidAt: payment.approvedAt!.toISOString() });
    }
    expect(await t.db.auditEvent.count({ where: { action: "payment.succeeded", targetId: quote.quoteId, actorId: w.people.me } })).toBe(1);

    // The gateway's webhook came through the route, was re-fetched, and changed nothing more.
    await w.sandbox.flushWebhooks();
    const sent = w.sandbox.webhooks().filter((h) => (h.body.data as { orderId?: string } | undefined)?.orderId === quote.orderId);
    expect(sent.map((h) => h.status)).toEqual([200]);
    expect(await t.db.paymentEvent.count({ where: { eventId: sent[0].transmissionId } })).toBe(1);

    expect(await getPayment(t.db, w.people.me, quote.quoteId, "en")).toMatchObject({
      state: "success",
      amount: 628_540,
      method: "카드",
      failure: null,
      items: expect.arrayContaining([expect.objectContaining({ agencyName: "National Tax Service", kind: "Income tax", amount: 500_000, cancelledAmount: 0 })]),
    });
    expect(await getPayment(t.db, w.people.other, quote.quoteId, "en")).toBeNull();
    const history = await paymentHistory(t.db, w.people.me, "ko");
    expect(history[0]).toMatchObject({ id: quote.quoteId, state: "success", itemCount: 2, agencies: expect.arrayContaining(["국세청", "국민건강보험공단"]) });
  });

  it("double submit, reload, a second tab and the same webhook 10 times: one success, one capture", async () => {
    const { ids, quote, back } = await paidBasket(["tax", "premium"]);
    await t.db.payment.findUniqueOrThrow({ where: { id: quote.quoteId } });
    const before = w.sandbox.stats();
    const me = { id: w.people.me };
    const same = { ...back, idempotencyKey: "tab-1-key" };
    const answers = await Promise.all([
      confirmPayment(w.deps, me, same, new Date()),
      confirmPayment(w.deps, me, same, new Date()),
      confirmPayment(w.deps, me, { ...back, idempotencyKey: "tab-2-key" }, new Date()),
      confirmPayment(w.deps, me, same, new Date()),
    ]);
    for (const a of answers) expect(a).toEqual({ paymentId: quote.quoteId, state: "success", failure: null });
    expect(await confirmPayment(w.deps, me, same, new Date())).toEqual(answers[0]); // the back button
    expect(w.sandbox.stats()).toEqual({ confirmRequests: before.confirmRequests + 1, captures: before.captures + 1 });

    // The same key with another body is refused.
    const conflict = await confirmPayment(w.deps, me, { ...same, amount: 1 }, new Date()).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(TRPCError);
    expect((conflict as TRPCError).code).toBe("CONFLICT");

    await w.sandbox.flushWebhooks();
    const hook = w.sandbox.webhooks().find((h) => (h.body.data as { orderId?: string } | undefined)?.orderId === quote.orderId)!;
    const replays = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", "tosspayments-webhook-transmission-id": hook.transmissionId }, body: JSON.stringify(hook.body) }),
      ),
    );
    expect(replays.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await Promise.all(replays.map((r) => r.json()))).map((b) => b.outcome)).toEqual(Array(10).fill("duplicate"));
    // Without a transmission id the body's hash is the event id: processed once, then repeats.
    const anonymous = await Promise.all(Array.from({ length: 10 }, () => fetch(webhookUrl, { method: "POST", body: JSON.stringify(hook.body) }).then((r) => r.json())));
    expect(anonymous.filter((b) => b.outcome === "processed")).toHaveLength(1);

    expect(w.sandbox.stats().captures).toBe(before.captures + 1);
    expect(await t.db.auditEvent.count({ where: { action: "payment.succeeded", targetId: quote.quoteId } })).toBe(1);
    expect(await t.db.webhookEvent.count({ where: { noticeId: { in: ids }, type: "notice.paid" } })).toBe(2);
    expect(await t.db.payment.count({ where: { id: quote.quoteId, state: "success" } })).toBe(1);
  });

  it("never trusts a webhook's body: a forged DONE is checked with the gateway", async () => {
    const { ids, quote, back } = await paidBasket(["premium"]);
    const forged = { eventType: "PAYMENT_STATUS_CHANGED", createdAt: "2026-04-11T10:00:00.000", data: { paymentKey: back.paymentKey, orderId: quote.orderId, status: "DONE", totalAmount: 128_540 } };
    const res = await fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", "tosspayments-webhook-transmission-id": "forged-1" }, body: JSON.stringify(forged) });
    expect(res.status).toBe(200);
    // The gateway says IN_PROGRESS (never confirmed): nothing is paid.
    expect((await t.db.payment.findUniqueOrThrow({ where: { id: quote.quoteId } })).state).toBe("started");
    expect((await t.db.notice.findUniqueOrThrow({ where: { id: ids[0] } })).paidAt).toBeNull();
    const unknown = await fetch(webhookUrl, { method: "POST", body: JSON.stringify({ data: { paymentKey: "tsb_not_a_payment" } }) });
    expect(await unknown.json()).toEqual({ outcome: "ignored" });
    expect((await fetch(webhookUrl, { method: "POST", body: "not json" })).status).toBe(400);
  });

  it("settles a virtual account on the deposit webhook, re-fetched", async () => {
    const id = await w.notice(w.people.me, "premium", 50_000, "2099-12-31");
    const quote = await quoteNotices(t.db, w.people.me, [id], new Date());
    const { windowUrl } = await startPayment(t.db, steppedUp(w.people.me), { quoteId: quote.quoteId, idempotencyKey: `start-va-${quote.quoteId}`, locale: "ko" }, new Date(), w.config);
    const back = await payInWindow(windowUrl, "virtual-account", "");
    expect(await confirmPayment(w.deps, { id: w.people.me }, { ...back, idempotencyKey: "va-key-1" }, new Date())).toMatchObject({ state: "submitted", failure: null });
    expect((await t.db.payment.findUniqueOrThrow({ where: { id: quote.quoteId } })).method).toBe("가상계좌");
    await w.sandbox.deposit(quote.orderId);
    await w.sandbox.flushWebhooks();
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: quote.quoteId } })).toMatchObject({ state: "success" });
    expect((await t.db.notice.findUniqueOrThrow({ where: { id } })).paidAt).not.toBeNull();
  });
});
