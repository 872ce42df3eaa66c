import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, resolveSession, type SessionPrincipal } from "../identity/sessions";
import { DEFAULT_PREFERENCES } from "../preferences/preferences";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { paymentWorld, payInWindow, SECRET, type PaymentWorld } from "../test/payments";
import type { Context } from "./context";
import { createCallerFactory } from "./init";
import { appRouter } from "./router";

/** The payments contract the pages are built against, through the tRPC caller and over the wire. */
let t: TestDatabase;
let w: PaymentWorld;
let me: SessionPrincipal;
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY + 9 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDatabase();
  w = await paymentWorld(t);
  Object.assign(process.env, { DATABASE_URL: t.url, TOSS_API_URL: w.sandbox.url, TOSS_SECRET_KEY: SECRET, TOSS_CLIENT_KEY: "test_ck_trpc", PUBLIC_URL: "https://moa.example" });
  const { token } = await createSession(t.db, { type: "citizen", id: w.people.me, now: new Date(), steppedUp: true });
  me = (await resolveSession(t.db, token, new Date()))!;
});
afterAll(async () => {
  // The process-wide pool the procedures and routes use, before its database goes.
  const { getPgPool } = await import("../db/pool");
  await getPgPool().end();
  await w?.close();
  await t?.drop();
});

const context = (principal: SessionPrincipal | null, locale: Context["locale"] = "en"): Context => ({
  db: t.db,
  principal,
  locale,
  preferences: DEFAULT_PREFERENCES,
  resHeaders: new Headers(),
  reqHeaders: new Headers(),
});
const caller = (locale: Context["locale"] = "en") => createCallerFactory(appRouter)(context(me, locale)).payments;
const keys = (o: object) => Object.keys(o).sort();

describe("payments procedures", () => {
  it("quote (all due) → start → window → confirm → get → history, in the exact shapes", async () => {
    const soon = await w.notice(w.people.me, "premium", 40_000, day(3));
    const overdue = await w.notice(w.people.me, "tax", 500_000, day(-40));
    await w.notice(w.people.me, "premium", 10_000, day(30)); // not due yet
    await w.notice(w.people.other, "premium", 10_000, day(1)); // someone else's

    const quote = await caller("ko").quote({ allDue: true });
    expect(keys(quote)).toEqual(["items", "orderId", "quoteId", "total", "validUntil"]);
    expect(quote.items.map((i) => i.noticeId)).toEqual([overdue, soon]);
    expect(keys(quote.items[0])).toEqual(["agencyName", "dueDate", "kind", "lateCharge", "noticeId", "paymentNumber", "principal", "total"]);
    expect(quote.items[0]).toMatchObject({ agencyName: "국세청", kind: "종합소득세", principal: 500_000, dueDate: day(-40) });
    expect(quote.items[0].lateCharge).toBeGreaterThanOrEqual(15_000);
    expect(quote.total).toBe(quote.items[0].total + 40_000);

    const { windowUrl } = await caller().start({ quoteId: quote.quoteId, idempotencyKey: "trpc-start-0001" });
    expect(await caller().start({ quoteId: quote.quoteId, idempotencyKey: "trpc-start-0001" })).toEqual({ windowUrl });
    const back = await payInWindow(windowUrl);
    const confirmed = await caller().confirm({ paymentKey: back.paymentKey, orderId: back.orderId, amount: back.amount, idempotencyKey: "trpc-confirm-0001" });
    expect(confirmed).toEqual({ paymentId: quote.quoteId, state: "success", failure: null });

    const payment = await caller().get({ id: quote.quoteId });
    expect(keys(payment)).toEqual(["amount", "approvedAt", "createdAt", "failure", "id", "items", "method", "state"]);
    expect(keys(payment.items[0])).toEqual(["agencyName", "amount", "cancelledAmount", "kind", "noticeId", "paymentNumber"]);
    expect(payment).toMatchObject({ id: quote.quoteId, state: "success", amount: quote.total, method: "카드", failure: null });
    const history = await caller().history();
    expect(history).toHaveLength(1);
    expect(keys(history[0])).toEqual(["agencies", "amount", "approvedAt", "createdAt", "id", "itemCount", "state"]);
    expect(history[0]).toMatchObject({ id: quote.quoteId, itemCount: 2, agencies: expect.arrayContaining(["National Tax Service", "National Health Insurance Service"]) });

    // Both are paid now: nothing is left to pay.
    expect(await caller().quote({ allDue: true }).catch((e: Error) => e.message)).toBe("NOTHING_DUE");
    expect(await caller().quote({ noticeIds: [soon] }).catch((e: Error) => e.message)).toBe("ALREADY_PAID");
  });

  it("tells the client why, as data.messageKey", async () => {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/payments.quote", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ noticeIds: ["not-a-notice"] }) }),
      router: appRouter,
      createContext: async () => context(me),
    });
    const body = (await res.json()) as { error: { data: { code: string; messageKey: string } } };
    expect(res.status).toBe(400);
    expect(body.error.data).toMatchObject({ code: "BAD_REQUEST", messageKey: "NOTICE_NOT_FOUND" });
  });
});
