import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { QUOTE_TTL_MS, QuoteRejectedError, quoteNotices } from "./quote";

const L = (s: string) => ({ ko: s, en: s, ja: s, zh: s, th: s, vi: s });
// 2026-04-11 10:00 in Seoul
const NOW = new Date("2026-04-11T01:00:00Z");

let t: TestDatabase;
let agencyId: string;
let me: string;
let other: string;
const templates: Record<string, string> = {};
let ref = 0;

async function notice(personId: string, template: string, amountDue: number | null, dueDate: string | null, extra: { paidAt?: Date } = {}) {
  const n = await t.db.notice.create({
    data: {
      agencyId,
      templateId: templates[template],
      recipientCi: "c".repeat(88),
      personId,
      reference: `Q-${++ref}`,
      requestHash: "0".repeat(64),
      recipientName: "홍길동",
      fields: {},
      originalKo: "고지서",
      originalSha256: "0".repeat(64),
      paymentNumber: amountDue === null ? null : `0123-4567-${ref}`,
      amountDue: amountDue === null ? null : BigInt(amountDue),
      dueDate: dueDate ? new Date(`${dueDate}T00:00:00Z`) : null,
      route: "electronic",
      ...extra,
    },
  });
  return n.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const agency = await t.db.agency.create({ data: { code: "SEOUL-TAX", name: L("서울시") } });
  agencyId = agency.id;
  const kinds = { tax: { kind: "tax" }, premium: { kind: "percent", percent: 3 }, info: null, plain: null } as const;
  for (const [kind, rule] of Object.entries(kinds)) {
    const tpl = await t.db.template.create({
      data: { agencyId, kind, version: 1, name: L(kind), fieldSchema: {}, messages: {}, payable: kind !== "info", lateChargeRule: rule ?? undefined },
    });
    templates[kind] = tpl.id;
  }
  me = (await t.db.person.create({ data: { ci: "a".repeat(88), name: "홍길동" } })).id;
  other = (await t.db.person.create({ data: { ci: "b".repeat(88), name: "김철수" } })).id;
});
afterAll(async () => {
  await t?.drop();
});

describe("quoteNotices", () => {
  it("prices the person's notices with late charges and keeps the quote", async () => {
    const tax = await notice(me, "tax", 500_000, "2026-03-10"); // one full month overdue on 04-11
    const premium = await notice(me, "premium", 128_540, "2026-05-10"); // not yet due
    const plain = await notice(me, "plain", 30_000, "2026-01-01"); // no rule: none
    const quote = await quoteNotices(t.db, me, [tax, premium, plain, tax], NOW);

    expect(quote.items.map((i) => [i.noticeId, i.principal, i.lateCharge, i.total])).toEqual([
      [tax, 500_000, 18_300, 518_300],
      [premium, 128_540, 0, 128_540],
      [plain, 30_000, 0, 30_000],
    ]);
    expect(quote.items[0]).toMatchObject({ agencyId, agencyName: L("서울시"), kind: L("tax"), dueDate: "2026-03-10", paymentNumber: expect.stringMatching(/^0123-4567-/) });
    expect(quote).toMatchObject({ total: 676_840, currency: "KRW", validUntil: new Date(NOW.getTime() + QUOTE_TTL_MS).toISOString() });
    expect(quote.orderId).toMatch(/^[A-Za-z0-9_-]{6,64}$/);

    const stored = await t.db.payment.findUniqueOrThrow({ where: { id: quote.quoteId }, include: { items: true } });
    expect(stored).toMatchObject({ personId: me, orderId: quote.orderId, state: "created", amount: 676_840n, quoteExpiresAt: new Date(quote.validUntil), gatewayPaymentKey: null });
    expect(stored.items.map((i) => [i.noticeId, i.agencyId, i.principal, i.lateCharge, i.amount, i.cancelledAmount]).sort()).toEqual(
      [
        [tax, agencyId, 500_000n, 18_300n, 518_300n, 0n],
        [premium, agencyId, 128_540n, 0n, 128_540n, 0n],
        [plain, agencyId, 30_000n, 0n, 30_000n, 0n],
      ].sort(),
    );
  });

  it("counts overdue days in Seoul", async () => {
    const tax = await notice(me, "tax", 500_000, "2026-03-10");
    const before = await quoteNotices(t.db, me, [tax], new Date("2026-03-10T14:59:59Z")); // 23:59:59 on 03-10 in Seoul
    const after = await quoteNotices(t.db, me, [tax], new Date("2026-03-10T15:00:00Z")); // 00:00 on 03-11
    expect([before.total, after.total]).toEqual([500_000, 515_000]);
  });

  it("refuses what the person cannot pay, naming each notice, and keeps nothing", async () => {
    const mine = await notice(me, "tax", 100_000, "2026-12-31");
    const theirs = await notice(other, "tax", 100_000, "2026-12-31");
    const info = await notice(me, "info", 100_000, "2026-12-31");
    const noAmount = await notice(me, "tax", null, null);
    const paid = await notice(me, "tax", 100_000, "2026-12-31", { paidAt: NOW });
    const pending = await notice(me, "tax", 100_000, "2026-12-31");
    const submitted = await quoteNotices(t.db, me, [pending], NOW);
    await t.db.payment.update({ where: { id: submitted.quoteId }, data: { state: "submitted" } });
    const unknown = randomUUID();
    const before = await t.db.payment.count();

    const error = await quoteNotices(t.db, me, [mine, theirs, info, noAmount, paid, pending, unknown, "not-a-uuid"], NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuoteRejectedError);
    expect((error as QuoteRejectedError).rejected).toEqual([
      { noticeId: theirs, reason: "not_found" },
      { noticeId: info, reason: "not_payable" },
      { noticeId: noAmount, reason: "not_payable" },
      { noticeId: paid, reason: "paid" },
      { noticeId: pending, reason: "in_progress" },
      { noticeId: unknown, reason: "not_found" },
      { noticeId: "not-a-uuid", reason: "not_found" },
    ]);
    expect(await t.db.payment.count()).toBe(before);
  });

  it("needs at least one notice", async () => {
    await expect(quoteNotices(t.db, me, [], NOW)).rejects.toThrow(RangeError);
  });
});
