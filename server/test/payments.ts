import { randomBytes } from "node:crypto";
import pg from "pg";
import "../db/pg-utc";
import type { PaymentConfig, PaymentDeps } from "../payments/config";
import { createTossGateway } from "../providers/payment/toss";
import type { PaymentGateway } from "../providers/payment/types";
import { startSandboxGateway, type SandboxPaymentGateway } from "../sandbox/payment-gateway";
import type { TestDatabase } from "./db";

/** Two agencies, a tax (the tax rule) and a premium (3 % once), two citizens: what payment tests share. */

export const L = (ko: string, en = ko) => ({ ko, en, ja: en, zh: en, th: en, vi: en });
export const SECRET = "test_sk_payments_0123456789";
export const CONFIG: PaymentConfig = { windowBaseUrl: "", clientKey: "test_ck_payments", publicUrl: "https://moa.example" };

export interface PaymentWorld {
  t: TestDatabase;
  pool: pg.Pool;
  sandbox: SandboxPaymentGateway;
  gateway: PaymentGateway;
  deps: PaymentDeps;
  config: PaymentConfig;
  agencies: { tax: string; health: string };
  templates: { tax: string; premium: string };
  people: { me: string; other: string };
  notice(personId: string, kind: "tax" | "premium", amount: number, dueDate: string): Promise<string>;
  close(): Promise<void>;
}

export async function paymentWorld(t: TestDatabase, options: { webhookUrl?: string; timeoutMs?: number } = {}): Promise<PaymentWorld> {
  const pool = new pg.Pool({ connectionString: t.url, max: 6 });
  const sandbox = await startSandboxGateway({ port: 0, secretKey: SECRET, webhookUrl: options.webhookUrl, webhookHoldMs: 200 });
  const gateway = createTossGateway({ secretKey: SECRET, baseUrl: sandbox.url, timeoutMs: options.timeoutMs ?? 2_000 });
  const tax = await t.db.agency.create({ data: { code: "NTS", name: L("국세청", "National Tax Service") } });
  const health = await t.db.agency.create({ data: { code: "NHIS", name: L("국민건강보험공단", "National Health Insurance Service") } });
  const template = (agencyId: string, kind: string, name: ReturnType<typeof L>, lateChargeRule: object) =>
    t.db.template.create({ data: { agencyId, kind, version: 1, name, fieldSchema: {}, messages: {}, payable: true, lateChargeRule } });
  const taxTemplate = await template(tax.id, "income-tax", L("종합소득세", "Income tax"), { kind: "tax" });
  const premium = await template(health.id, "premium", L("건강보험료", "Health insurance premium"), { kind: "percent", percent: 3 });
  const me = await t.db.person.create({ data: { ci: "m".repeat(88), name: "김순자", locale: "en" } });
  const other = await t.db.person.create({ data: { ci: "o".repeat(88), name: "박민수" } });
  const agencyOf = { tax: tax.id, premium: health.id };
  const templateOf = { tax: taxTemplate.id, premium: premium.id };
  let n = 0;
  return {
    t,
    pool,
    sandbox,
    gateway,
    deps: { db: t.db, pool, gateway },
    config: { ...CONFIG, windowBaseUrl: sandbox.url },
    agencies: { tax: tax.id, health: health.id },
    templates: templateOf,
    people: { me: me.id, other: other.id },
    async notice(personId, kind, amount, dueDate) {
      const ref = `${kind.toUpperCase()}-${++n}-${randomBytes(3).toString("hex")}`;
      const created = await t.db.notice.create({
        data: {
          agencyId: agencyOf[kind],
          templateId: templateOf[kind],
          recipientCi: "m".repeat(88),
          personId,
          reference: ref,
          requestHash: "0".repeat(64),
          recipientName: "김순자",
          fields: {},
          originalKo: "고지서",
          originalSha256: "0".repeat(64),
          paymentNumber: `0${kind === "tax" ? 1 : 2}-2026-${String(n).padStart(6, "0")}`,
          amountDue: BigInt(amount),
          dueDate: new Date(`${dueDate}T00:00:00Z`),
          route: "electronic",
          nextStep: "sms",
          nextStepAt: new Date("2030-01-01T00:00:00Z"),
        },
      });
      return created.id;
    },
    async close() {
      await sandbox.close();
      await pool.end();
    },
  };
}

/**
 * What a browser does in the hosted window: opens it, chooses a method, submits, and follows the
 * redirect back to Moa; returns what the return page gets in its query.
 */
export async function payInWindow(windowUrl: string, method = "card", cardNumber = "4111 1111 1111 1111") {
  const url = new URL(windowUrl);
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`window answered ${page.status}`);
  const form = new URLSearchParams([...url.searchParams, ["method", method], ["cardNumber", cardNumber]]);
  const res = await fetch(`${url.origin}/pay`, { method: "POST", body: form, redirect: "manual" });
  const back = new URL(res.headers.get("location") ?? "about:blank");
  return {
    returnUrl: back,
    paymentKey: back.searchParams.get("paymentKey")!,
    orderId: back.searchParams.get("orderId")!,
    amount: Number(back.searchParams.get("amount")),
  };
}
