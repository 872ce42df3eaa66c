import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../locales/config";
import { createTossGateway } from "../providers/payment/toss";
import { startSandboxGateway, type SandboxPaymentGateway } from "./payment-gateway";

const SECRET = "test_sk_window";
let sandbox: SandboxPaymentGateway;
let receiver: http.Server;
const received: { id: string; retried: string; body: Record<string, unknown> }[] = [];
let n = 0;

const window = (extra: Record<string, string> = {}) =>
  new URLSearchParams({ orderId: `order_${++n}_abcdef`, amount: "515000", orderName: "재산세", successUrl: "https://moa.example/ok", failUrl: "https://moa.example/fail?from=window", clientKey: "test_ck", ...extra });

async function pay(query: URLSearchParams, method: string) {
  const res = await fetch(`${sandbox.url}/pay`, { method: "POST", body: new URLSearchParams([...query, ["method", method], ["cardNumber", "4111111111111111"]]), redirect: "manual" });
  return new URL(res.headers.get("location")!).searchParams.get("paymentKey")!;
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      received.push({ id: String(req.headers["tosspayments-webhook-transmission-id"]), retried: String(req.headers["tosspayments-webhook-transmission-retried-count"]), body: JSON.parse(text) });
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  sandbox = await startSandboxGateway({ port: 0, secretKey: SECRET, webhookUrl, webhookHoldMs: 60_000 });
});
afterAll(async () => {
  await sandbox?.close();
  await new Promise((r) => receiver?.close(r));
});

describe("hosted payment window", () => {
  it.each(LOCALES)("is a labelled form in %s, its title the h1", async (locale) => {
    const res = await fetch(`${sandbox.url}/pay?${window({ locale })}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(new RegExp(`<html lang="${locale === "zh" ? "zh-Hans" : locale}">`));
    expect(/<title>(.*?)<\/title>/.exec(html)![1]).toBe(/<h1>(.*?)<\/h1>/.exec(html)![1]);
    expect(html).toMatch(/<fieldset><legend>[^<]+<\/legend>/);
    expect(html.match(/type="radio" name="method"/g)).toHaveLength(6);
    expect(html).toContain('<label for="card-number">');
    expect(html).toContain('id="card-number"');
    expect(html).not.toContain("<script");
    const cancel = new URL(/<p><a href="([^"]+)">/.exec(html)![1].replace(/&#38;/g, "&"));
    expect(cancel.searchParams.get("code")).toBe("PAY_PROCESS_CANCELED");
    expect(cancel.searchParams.get("from")).toBe("window");
  });

  it("formats the amount for the language", async () => {
    expect(await (await fetch(`${sandbox.url}/pay?${window({ locale: "vi" })}`)).text()).toContain("515.000");
    expect(await (await fetch(`${sandbox.url}/pay?${window({ locale: "ko" })}`)).text()).toContain("₩515,000");
  });

  it("asks again for a card number, pointing at the field", async () => {
    const res = await fetch(`${sandbox.url}/pay`, { method: "POST", body: new URLSearchParams([...window({ locale: "en" }), ["method", "card"], ["cardNumber", "12"]]) });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain("<title>Error: Test payment</title>");
    expect(html).toContain('role="alert"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('href="#card-number"');
  });

  it("refuses a request it cannot honour", async () => {
    expect((await fetch(`${sandbox.url}/pay?${window({ successUrl: "javascript:alert(1)" })}`)).status).toBe(400);
    expect((await fetch(`${sandbox.url}/pay?${window({ orderId: "short" })}`)).status).toBe(400);
    expect((await fetch(`${sandbox.url}/pay?${window({ amount: "12.5" })}`)).status).toBe(400);
  });

  it("refuses an orderId that was paid", async () => {
    const query = window();
    const paymentKey = await pay(query, "card");
    await createTossGateway({ secretKey: SECRET, baseUrl: sandbox.url }).confirm({ paymentKey, orderId: query.get("orderId")!, amount: 515_000, idempotencyKey: "k-dup" });
    const again = await fetch(`${sandbox.url}/pay`, { method: "POST", body: new URLSearchParams([...query, ["method", "tosspay"]]), redirect: "manual" });
    expect(new URL(again.headers.get("location")!).searchParams.get("code")).toBe("DUPLICATED_ORDER_ID");
  });
});

describe("webhooks", () => {
  const toss = () => createTossGateway({ secretKey: SECRET, baseUrl: sandbox.url });

  it("sends each twice, with one transmission id", async () => {
    received.length = 0;
    const query = window();
    const orderId = query.get("orderId")!;
    sandbox.setBehaviour({ webhooks: "twice" }, orderId);
    const paymentKey = await pay(query, "card");
    await toss().confirm({ paymentKey, orderId, amount: 515_000, idempotencyKey: "k-twice" });
    await sandbox.flushWebhooks();
    expect(received.map((r) => [r.body.eventType, (r.body.data as { status: string }).status, r.retried])).toEqual([
      ["PAYMENT_STATUS_CHANGED", "DONE", "0"],
      ["PAYMENT_STATUS_CHANGED", "DONE", "1"],
    ]);
    expect(received[0].id).toBe(received[1].id);
  });

  it("sends them out of order: a deposit before the account was issued", async () => {
    received.length = 0;
    const query = window();
    const orderId = query.get("orderId")!;
    sandbox.setBehaviour({ webhooks: "out-of-order" }, orderId);
    const paymentKey = await pay(query, "virtual-account");
    const issued = await toss().confirm({ paymentKey, orderId, amount: 515_000, idempotencyKey: "k-va" });
    await sandbox.deposit(orderId);
    await sandbox.flushWebhooks();
    const seen = received.map((r) => (r.body.eventType ? (r.body.data as { status: string }).status : `DEPOSIT_CALLBACK ${r.body.status}`));
    expect(seen).toEqual(["DEPOSIT_CALLBACK DONE", "WAITING_FOR_DEPOSIT", "DONE"]);
    expect(received[0].body).toMatchObject({ orderId, secret: issued.secret, status: "DONE" });
  });
});
