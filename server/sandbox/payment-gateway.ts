import { createHash, randomBytes, randomInt } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { kst, kstLocal, METHOD, tossJson, type SandboxPayment } from "./payment-json";
import { createWebhookSender, type SentWebhook, type WebhookMode } from "./payment-webhooks";
import { renderInvalid, renderWindow, WindowRequest, type WindowMethod } from "./payment-window";

/**
 * A local stand-in for Toss Payments, in memory: the same REST API v1 (Basic auth with the secret key,
 * Idempotency-Key kept 15 days, `{code, message}` errors), the hosted window at GET /pay, and webhooks
 * to `webhookUrl`: `{eventType: "PAYMENT_STATUS_CHANGED", createdAt, data: <payment>}` on each status
 * change and, for virtual accounts, `{createdAt, secret, status, transactionKey, orderId}` (DEPOSIT_CALLBACK)
 * on deposit. Trouble to simulate, globally or for one orderId (POST /sandbox/behaviour):
 * - confirm "decline" (also card number 4000000000000002): 403 REJECT_CARD_PAYMENT, payment ABORTED;
 * - confirm "timeout": carried out at once, answered only after `delayMs`;
 * - webhooks "twice" or "out-of-order" (see ./payment-webhooks).
 * POST /sandbox/deposit {orderId} pays a waiting virtual account; GET /sandbox/stats counts confirm
 * requests and captures (confirms carried out: DONE, or a virtual account issued).
 */

export interface SandboxPaymentGatewayOptions {
  port: number;
  secretKey: string;
  webhookUrl?: string;
  host?: string;
  /** When set, a virtual account is paid this long after it was issued. */
  depositAfterMs?: number;
  webhookHoldMs?: number;
  /** How long an authenticated window may wait for its confirm (Toss: 10 minutes). */
  sessionTtlMs?: number;
}

export interface Behaviour {
  confirm: "normal" | "decline" | "timeout";
  webhooks: WebhookMode;
  /** How late a "timeout" confirm answers. */
  delayMs: number;
}

export interface SandboxStats {
  confirmRequests: number;
  captures: number;
}

export interface SandboxPaymentGateway {
  url: string;
  stats(): SandboxStats;
  setBehaviour(behaviour: Partial<Behaviour>, orderId?: string): void;
  deposit(orderId: string): Promise<void>;
  webhooks(): SentWebhook[];
  /** Waits for the webhooks sent so far (held ones included) to be delivered. */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}

const DAY = 86_400_000;
const DECLINED_CARD = "4000000000000002";
const IDEMPOTENCY_TTL_MS = 15 * DAY;
const hex = (bytes: number) => randomBytes(bytes).toString("hex").toUpperCase();
const error = (status: number, code: string, message: string): Answer => ({ status, body: { code, message } });

const ConfirmBody = z.object({ paymentKey: z.string().min(1), orderId: z.string().min(1), amount: z.number().int() });
const CancelBody = z.object({ cancelReason: z.string().min(1).max(200), cancelAmount: z.number().int().positive().optional() });
const BehaviourBody = z.object({
  orderId: z.string().optional(),
  confirm: z.enum(["normal", "decline", "timeout"]).optional(),
  webhooks: z.enum(["normal", "twice", "out-of-order"]).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
});

async function readBody(req: http.IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startSandboxGateway(options: SandboxPaymentGatewayOptions): Promise<SandboxPaymentGateway> {
  const { secretKey, webhookUrl, host = "127.0.0.1", webhookHoldMs = 1000, sessionTtlMs = 10 * 60_000 } = options;
  const byKey = new Map<string, SandboxPayment>();
  const byOrder = new Map<string, SandboxPayment>();
  const idempotent = new Map<string, { fingerprint: string; answer: Promise<Answer>; expiresAt: number }>();
  let global: Behaviour = { confirm: "normal", webhooks: "normal", delayMs: 12_000 };
  const perOrder = new Map<string, Partial<Behaviour>>();
  const behaviour = (orderId: string): Behaviour => ({ ...global, ...perOrder.get(orderId) });
  const webhooks = createWebhookSender({ url: webhookUrl, holdMs: webhookHoldMs, mode: (orderId) => behaviour(orderId).webhooks });
  const timers = new Set<NodeJS.Timeout>();
  const counts: SandboxStats = { confirmRequests: 0, captures: 0 };
  let nextSweep = 0;
  let baseUrl = "";

  function changed(p: SandboxPayment) {
    webhooks.emit(p.paymentKey, p.orderId, { eventType: "PAYMENT_STATUS_CHANGED", createdAt: kstLocal(new Date()), data: tossJson(p, baseUrl) });
  }

  function later(ms: number, fn: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  async function deposit(orderId: string) {
    const p = byOrder.get(orderId);
    if (!p || p.status !== "WAITING_FOR_DEPOSIT") throw new Error(`no virtual account waiting for ${orderId}`);
    p.status = "DONE";
    p.approvedAt = new Date();
    p.lastTransactionKey = hex(16);
    webhooks.emit(p.paymentKey, orderId, { createdAt: kstLocal(new Date()), secret: p.secret, status: "DONE", transactionKey: p.lastTransactionKey, orderId });
    changed(p);
  }

  function confirm(input: z.infer<typeof ConfirmBody>): Answer {
    const p = byKey.get(input.paymentKey);
    if (!p || p.orderId !== input.orderId) return error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
    if (p.status === "IN_PROGRESS" && Date.now() - p.requestedAt.getTime() > sessionTtlMs) {
      p.status = "EXPIRED";
      changed(p);
    }
    if (p.status === "EXPIRED") return error(404, "NOT_FOUND_PAYMENT_SESSION", "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.");
    if (p.status !== "IN_PROGRESS") return error(400, "ALREADY_PROCESSED_PAYMENT", "이미 처리된 결제 입니다.");
    if (input.amount !== p.totalAmount) return error(400, "INVALID_REQUEST", "결제 금액이 결제 요청 금액과 일치하지 않습니다.");
    if (behaviour(p.orderId).confirm === "decline" || (p.choice === "card" && p.cardNumber === DECLINED_CARD)) {
      p.status = "ABORTED";
      p.failure = { code: "REJECT_CARD_PAYMENT", message: "한도초과 혹은 잔액부족으로 결제에 실패했습니다." };
      changed(p);
      return { status: 403, body: p.failure };
    }
    p.lastTransactionKey = hex(16);
    counts.captures++;
    if (p.choice === "virtual-account") {
      p.status = "WAITING_FOR_DEPOSIT";
      p.secret = `ps_${randomBytes(15).toString("base64url")}`;
      p.accountNumber = String(randomInt(1e13, 1e14));
      p.vaDueDate = new Date(Date.now() + 7 * DAY);
      if (options.depositAfterMs !== undefined) later(options.depositAfterMs, () => void deposit(p.orderId).catch(() => undefined));
    } else {
      p.status = "DONE";
      p.approvedAt = new Date();
    }
    changed(p);
    return { status: 200, body: tossJson(p, baseUrl) };
  }

  function cancel(paymentKey: string, input: z.infer<typeof CancelBody>): Answer {
    const p = byKey.get(paymentKey);
    if (!p) return error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
    if (p.status === "CANCELED") return error(400, "ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다.");
    const waiting = p.status === "WAITING_FOR_DEPOSIT";
    if (!waiting && p.status !== "DONE" && p.status !== "PARTIAL_CANCELED") return error(403, "NOT_CANCELABLE_PAYMENT", "취소 할 수 없는 결제 입니다.");
    const amount = input.cancelAmount ?? p.balanceAmount;
    if (amount > p.balanceAmount || (waiting && amount !== p.balanceAmount)) return error(403, "NOT_CANCELABLE_AMOUNT", "취소 할 수 없는 금액 입니다.");
    p.balanceAmount -= amount;
    p.status = p.balanceAmount === 0 ? "CANCELED" : "PARTIAL_CANCELED";
    p.lastTransactionKey = hex(16);
    p.cancels.push({
      transactionKey: p.lastTransactionKey,
      cancelReason: input.cancelReason,
      taxExemptionAmount: 0,
      canceledAt: kst(new Date()),
      transferDiscountAmount: 0,
      easyPayDiscountAmount: 0,
      receiptKey: null,
      cancelAmount: amount,
      taxFreeAmount: 0,
      refundableAmount: p.balanceAmount,
      cancelStatus: "DONE",
      cancelRequestId: null,
    });
    changed(p);
    return { status: 200, body: tossJson(p, baseUrl) };
  }

  /** Same key and request → the first answer again; same key, other request → refused. */
  async function once(key: string | undefined, fingerprint: string, run: () => Answer): Promise<Answer> {
    if (!key) return run();
    const now = Date.now();
    // Dropping expired keys walks the whole map: once a minute, not on every request.
    if (now >= nextSweep) {
      for (const [k, v] of idempotent) if (v.expiresAt < now) idempotent.delete(k);
      nextSweep = now + 60_000;
    }
    const seen = idempotent.get(key);
    if (seen) return seen.fingerprint === fingerprint ? seen.answer : error(400, "INVALID_REQUEST", "같은 멱등키로 다른 요청을 보냈습니다.");
    const answer = Promise.resolve(run());
    idempotent.set(key, { fingerprint, answer, expiresAt: now + IDEMPOTENCY_TTL_MS });
    return answer;
  }

  function authorised(req: http.IncomingMessage): boolean {
    return req.headers.authorization === `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}`;
  }

  function startWindow(form: URLSearchParams): { status: number; html?: string; location?: string } {
    const parsed = WindowRequest.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { status: 400, html: renderInvalid(form.get("locale")) };
    const req = parsed.data;
    const choice = (form.get("method") ?? "card") as WindowMethod;
    const cardNumber = (form.get("cardNumber") ?? "").replace(/[\s-]/g, "");
    if (!METHOD[choice]) return { status: 400, html: renderInvalid(req.locale) };
    if (choice === "card" && !/^\d{16}$/.test(cardNumber)) return { status: 400, html: renderWindow(req, true) };
    const earlier = byOrder.get(req.orderId);
    if (earlier && !["IN_PROGRESS", "ABORTED", "EXPIRED"].includes(earlier.status)) {
      const fail = new URL(req.failUrl);
      for (const [k, v] of Object.entries({ code: "DUPLICATED_ORDER_ID", message: "이미 승인 및 취소가 진행된 중복된 주문번호 입니다.", orderId: req.orderId })) fail.searchParams.set(k, v);
      return { status: 303, location: fail.toString() };
    }
    const requestedAt = new Date();
    const p: SandboxPayment = {
      paymentKey: `tsb${kst(requestedAt).replace(/\D/g, "").slice(0, 14)}${randomBytes(9).toString("base64url")}`,
      orderId: req.orderId,
      orderName: req.orderName,
      customerName: req.customerName ?? "고객",
      choice,
      cardNumber,
      status: "IN_PROGRESS",
      totalAmount: req.amount,
      balanceAmount: req.amount,
      requestedAt,
      approvedAt: null,
      lastTransactionKey: null,
      secret: null,
      vaDueDate: null,
      accountNumber: null,
      cancels: [],
      failure: null,
    };
    byKey.set(p.paymentKey, p);
    byOrder.set(p.orderId, p);
    const success = new URL(req.successUrl);
    for (const [k, v] of Object.entries({ paymentType: "NORMAL", orderId: p.orderId, paymentKey: p.paymentKey, amount: String(p.totalAmount) })) success.searchParams.set(k, v);
    return { status: 303, location: success.toString() };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", baseUrl);
    const reply = (a: Answer) => {
      if (res.destroyed) return;
      res.writeHead(a.status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(a.body));
    };
    const html = (status: number, body: string) => res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(body);

    if (url.pathname === "/pay" && req.method === "GET") {
      const parsed = WindowRequest.safeParse(Object.fromEntries(url.searchParams));
      return parsed.success ? html(200, renderWindow(parsed.data)) : html(400, renderInvalid(url.searchParams.get("locale")));
    }
    if (url.pathname === "/pay" && req.method === "POST") {
      const result = startWindow(new URLSearchParams(await readBody(req)));
      if (result.location) return res.writeHead(303, { location: result.location }).end();
      return html(result.status, result.html!);
    }
    if (!authorised(req)) return reply(error(401, "UNAUTHORIZED_KEY", "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다."));

    const text = req.method === "POST" ? await readBody(req) : "";
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        return reply(error(400, "INVALID_REQUEST", "잘못된 요청입니다."));
      }
    }
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : undefined;
    const fingerprint = createHash("sha256").update(`${req.method} ${url.pathname} ${text}`).digest("hex");
    const invalid = error(400, "INVALID_REQUEST", "잘못된 요청입니다.");
    const cancelPath = /^\/v1\/payments\/([^/]+)\/cancel$/.exec(url.pathname);
    const getPath = /^\/v1\/payments\/([^/]+)$/.exec(url.pathname);
    const orderPath = /^\/v1\/payments\/orders\/([^/]+)$/.exec(url.pathname);

    if (req.method === "POST" && url.pathname === "/v1/payments/confirm") {
      counts.confirmRequests++;
      const body = ConfirmBody.safeParse(json);
      if (!body.success) return reply(invalid);
      const b = behaviour(body.data.orderId);
      const answer = await once(key, fingerprint, () => confirm(body.data));
      if (b.confirm === "timeout") await new Promise((r) => later(b.delayMs, () => r(null)));
      return reply(answer);
    }
    if (req.method === "POST" && cancelPath) {
      const body = CancelBody.safeParse(json);
      return reply(body.success ? await once(key, fingerprint, () => cancel(decodeURIComponent(cancelPath[1]), body.data)) : invalid);
    }
    if (req.method === "GET" && (getPath || orderPath)) {
      const p = orderPath ? byOrder.get(decodeURIComponent(orderPath[1])) : byKey.get(decodeURIComponent(getPath![1]));
      return reply(p ? { status: 200, body: tossJson(p, baseUrl) } : error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다."));
    }
    if (req.method === "GET" && url.pathname === "/sandbox/stats") return reply({ status: 200, body: counts });
    if (req.method === "POST" && url.pathname === "/sandbox/behaviour") {
      const body = BehaviourBody.safeParse(json);
      if (!body.success) return reply(invalid);
      const { orderId, ...change } = body.data;
      api.setBehaviour(change, orderId);
      return reply({ status: 200, body: { ...global, ...(orderId ? perOrder.get(orderId) : {}) } });
    }
    if (req.method === "POST" && url.pathname === "/sandbox/deposit") {
      const orderId = (json as { orderId?: unknown } | null)?.orderId;
      if (typeof orderId !== "string" || byOrder.get(orderId)?.status !== "WAITING_FOR_DEPOSIT") return reply(error(404, "NOT_FOUND_PAYMENT", "입금 대기 중인 가상계좌가 없습니다."));
      await deposit(orderId);
      return reply({ status: 200, body: tossJson(byOrder.get(orderId)!, baseUrl) });
    }
    reply(error(404, "NOT_FOUND", "존재하지 않는 정보 입니다."));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ code: "INVALID_REQUEST", message: "잘못된 요청입니다." }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;

  const api: SandboxPaymentGateway = {
    url: baseUrl,
    stats: () => ({ ...counts }),
    setBehaviour(change, orderId) {
      if (orderId) perOrder.set(orderId, { ...perOrder.get(orderId), ...change });
      else global = { ...global, ...change };
    },
    deposit,
    webhooks: webhooks.sent,
    flushWebhooks: webhooks.flush,
    async close() {
      for (const t of timers) clearTimeout(t);
      await webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
