import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../identity/sessions";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { L } from "../test/payments";
import { receiptFacts } from "./receipt";
import { formatKrw, receiptPdf } from "./receipt-pdf";

let t: TestDatabase;
let dir: string;
let me: string;
let other: string;
let paymentId: string;
const APPROVED = new Date("2026-04-11T01:05:07Z"); // 10:05:07 in Seoul
const BILLS = [
  { agency: "NTS", kind: "income-tax", number: "01-2026-000101", principal: 500_000, late: 18_300 },
  { agency: "NTS", kind: "income-tax", number: "01-2026-000102", principal: 120_000, late: 0 },
  { agency: "NHIS", kind: "premium", number: "02-2026-000201", principal: 128_540, late: 3_856 },
];

const text = (pdf: Uint8Array, name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync("/usr/bin/pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
};

beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), "moa-receipt-"));
  me = (await t.db.person.create({ data: { ci: "r".repeat(88), name: "김순자", locale: "en" } })).id;
  other = (await t.db.person.create({ data: { ci: "s".repeat(88), name: "박민수" } })).id;
  const agencies = {
    NTS: await t.db.agency.create({ data: { code: "NTS", name: L("국세청", "National Tax Service") } }),
    NHIS: await t.db.agency.create({ data: { code: "NHIS", name: L("국민건강보험공단", "National Health Insurance Service") } }),
  };
  const templates = {
    "income-tax": await t.db.template.create({ data: { agencyId: agencies.NTS.id, kind: "income-tax", version: 1, name: L("종합소득세", "Income tax"), fieldSchema: {}, messages: {}, payable: true } }),
    premium: await t.db.template.create({ data: { agencyId: agencies.NHIS.id, kind: "premium", version: 1, name: L("건강보험료", "Health insurance premium"), fieldSchema: {}, messages: {}, payable: true } }),
  };
  const items = [];
  for (const b of BILLS) {
    const agency = agencies[b.agency as keyof typeof agencies];
    const notice = await t.db.notice.create({
      data: {
        agencyId: agency.id,
        templateId: templates[b.kind as keyof typeof templates].id,
        recipientCi: "r".repeat(88),
        personId: me,
        reference: b.number,
        requestHash: "0".repeat(64),
        recipientName: "김순자",
        fields: {},
        originalKo: "고지서",
        originalSha256: "0".repeat(64),
        paymentNumber: b.number,
        amountDue: BigInt(b.principal),
        route: "electronic",
        paidAt: APPROVED,
      },
    });
    const total = b.principal + b.late;
    items.push({ noticeId: notice.id, agencyId: agency.id, principal: BigInt(b.principal), lateCharge: BigInt(b.late), amount: BigInt(total), cancelledAmount: b.number.endsWith("102") ? 20_000n : 0n });
  }
  const amount = items.reduce((sum, i) => sum + i.amount, 0n);
  const payment = await t.db.payment.create({
    data: { personId: me, orderId: "moa_receipt_test_1", state: "success", amount, quoteExpiresAt: APPROVED, method: "카드", approvedAt: APPROVED, gatewayPaymentKey: "tsb_receipt_1", items: { create: items } },
  });
  paymentId = payment.id;
});
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("payment receipt", () => {
  it("shows each bill per agency, the total, method, approval time and payment id, in Korean", async () => {
    const facts = (await receiptFacts(t.db, me, paymentId))!;
    const pdf = text(await receiptPdf(facts, "ko"), "ko.pdf");
    for (const word of ["전자영수증", "국세청", "국민건강보험공단", "종합소득세", "건강보험료", "카드", paymentId, "moa_receipt_test_1", "김순자", "2026년 4월 11일"]) expect(pdf).toContain(word);
    expect(pdf).toMatch(/10:05:07/);
    for (const b of BILLS) {
      expect(pdf).toContain(b.number);
      for (const amount of [b.principal, b.principal + b.late]) expect(pdf).toContain(formatKrw(amount, "ko"));
    }
    expect(pdf).toContain(formatKrw(18_300, "ko"));
    expect(pdf).toContain(formatKrw(770_696, "ko")); // total
    expect(pdf).toContain(`−${formatKrw(20_000, "ko")}`); // the refund
    expect(pdf).toContain(formatKrw(750_696, "ko")); // what was paid in the end
    // Each agency's section lists its own bills, in order.
    expect(pdf.indexOf("국민건강보험공단")).toBeLessThan(pdf.indexOf("02-2026-000201"));
    expect(pdf.indexOf("국세청")).toBeLessThan(pdf.indexOf("01-2026-000101"));
    expect(pdf).toContain("모아(Moa)를 통하여 전자결제로 납부되었음을 확인합니다");
  });

  it("is in the reader's language with the Korean legal title and statement", async () => {
    const facts = (await receiptFacts(t.db, me, paymentId))!;
    const en = text(await receiptPdf(facts, "en"), "en.pdf");
    for (const word of ["Payment receipt", "영수증 (전자영수증)", "National Tax Service (국세청)", "Income tax", "Card", "April 11, 2026", "₩518,300", "Late charge"]) expect(en).toContain(word);
    expect(en).toContain("모아(Moa)를 통하여");
    const vi = text(await receiptPdf(facts, "vi"), "vi.pdf");
    expect(vi).toContain("518.300 ₩");
    expect(vi).toContain("Biên lai thanh toán");
  });

  it("is only the payer's, and only once paid", async () => {
    expect(await receiptFacts(t.db, other, paymentId)).toBeNull();
    expect(await receiptFacts(t.db, me, "not-a-uuid")).toBeNull();
    await t.db.payment.update({ where: { id: paymentId }, data: { state: "submitted" } });
    expect(await receiptFacts(t.db, me, paymentId)).toBeNull();
    await t.db.payment.update({ where: { id: paymentId }, data: { state: "success" } });
  });

  it("GET /api/payments/{id}/receipt: the citizen's own, in their language", async () => {
    process.env.DATABASE_URL = t.url;
    const { GET } = await import("../../app/api/payments/[id]/receipt/route");
    const call = async (personId: string, query = "") => {
      const { token } = await createSession(t.db, { type: "citizen", id: personId, now: new Date() });
      const req = new Request(`http://localhost/api/payments/${paymentId}/receipt${query}`, { headers: { cookie: `moa-session=${token}` } });
      return GET(req, { params: Promise.resolve({ id: paymentId }) });
    };
    const mine = await call(me);
    expect(mine.headers.get("content-type")).toBe("application/pdf");
    expect(text(new Uint8Array(await mine.arrayBuffer()), "route-en.pdf")).toContain("Payment receipt"); // Person.locale
    expect(text(new Uint8Array(await (await call(me, "?locale=ja")).arrayBuffer()), "route-ja.pdf")).toContain("領収書");
    expect((await call(other)).status).toBe(404);
    expect((await GET(new Request(`http://localhost/api/payments/${paymentId}/receipt`), { params: Promise.resolve({ id: paymentId }) })).status).toBe(401);
  });
});
