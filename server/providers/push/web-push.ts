import http from "node:http";
import https from "node:https";
import webpush from "web-push";
import { encryptPush } from "./encrypt";
import type { PushEncrypt } from "./encrypt-pool";
import type { VapidKeys } from "./vapid";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushMessage {
  /** What the service worker shows: no personal data, only sender, kind and the notice id. */
  payload: string;
  /** Seconds the push service keeps the message for an offline device. */
  ttl: number;
  urgency: "very-low" | "low" | "normal" | "high";
  /** Replaces an undelivered message with the same topic (we use the notice id, 32 hex characters). */
  topic: string;
}

export type PushOutcome =
  | { kind: "sent" }
  /** 404 / 410: the subscription is gone for good. */
  | { kind: "gone"; status: number }
  /** 429, 5xx or a network error: try again, not before `retryAfterSeconds` when the service said so. */
  | { kind: "retry"; status: number | null; retryAfterSeconds: number | null; error: string }
  /** 413 and other 4xx: this message will never be accepted. */
  | { kind: "permanent-failure"; status: number; error: string };

export type PushSender = (target: PushTarget, message: PushMessage) => Promise<PushOutcome>;

function retryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** web-push signs VAPID JWTs valid for 12 h; one per push-service origin is reused for an hour, so each sent has ≥ 11 h left. */
const VAPID_REUSE_MS = 3600_000;

type Post = (endpoint: URL, headers: Record<string, string>, body: Buffer, timeoutMs: number) => Promise<{ status: number; retryAfter: string | null }>;

function fetchPost(doFetch: typeof fetch): Post {
  return async (endpoint, headers, body, timeoutMs) => {
    const response = await doFetch(endpoint.href, { method: "POST", headers, body: body as Uint8Array<ArrayBuffer>, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, retryAfter: response.headers.get("retry-after") };
  };
}

const agents: Record<string, http.Agent> = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

/**
 * The same POST as `fetchPost` over node:http with keep-alive, at about a quarter of fetch's CPU per
 * request. Failures are named as fetch names them (TimeoutError, TypeError), as deliveries record them.
 */
const httpPost: Post = (url, headers, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    let answered = false;
    const options = { method: "POST", hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: url.port, path: url.pathname + url.search, headers, agent: agents[url.protocol] };
    const request = (url.protocol === "https:" ? https : http).request(options, (response) => {
      answered = true;
      const retryAfter = response.headers["retry-after"] ?? null;
      response.resume().once("close", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode!, retryAfter });
      });
    });
    const timer = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: "TimeoutError" })), timeoutMs);
    // Once answered, a failure while reading the body only ends it early: the status stands.
    request.on("error", (error) => {
      if (answered) return;
      clearTimeout(timer);
      reject(error.name === "TimeoutError" ? error : new TypeError("fetch failed", { cause: error }));
    });
    request.end(body);
  });

/**
 * Web push over plain HTTP: the payload encrypted (aes128gcm, ./encrypt.ts), web-push signs the
 * VAPID JWT, and each answer of the push service is sorted here, in one place. The request is what
 * web-push's `generateRequestDetails` builds, but the JWT (an ECDSA signature) is cached per push service.
 */
export function createWebPushSender(vapid: VapidKeys, options: { fetch?: typeof fetch; timeoutMs?: number; encrypt?: PushEncrypt } = {}): PushSender {
  const post = options.fetch ? fetchPost(options.fetch) : httpPost;
  const encrypt = options.encrypt ?? encryptPush;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const signed = new Map<string, { authorization: string; until: number }>();
  const authorization = (audience: string): string => {
    const now = Date.now();
    let jwt = signed.get(audience);
    if (!jwt || jwt.until <= now) {
      if (signed.size >= 64) signed.clear();
      jwt = { authorization: webpush.getVapidHeaders(audience, vapid.subject, vapid.publicKey, vapid.privateKey, "aes128gcm").Authorization, until: now + VAPID_REUSE_MS };
      signed.set(audience, jwt);
    }
    return jwt.authorization;
  };
  return async (target, message) => {
    const body = await encrypt(target.p256dh, target.auth, message.payload);
    const url = new URL(target.endpoint);
    const headers: Record<string, string> = {
      TTL: String(message.ttl),
      "Content-Length": String(body.length),
      "Content-Type": "application/octet-stream",
      "Content-Encoding": "aes128gcm",
      Authorization: authorization(url.origin),
      Urgency: message.urgency,
    };
    if (message.topic) headers.Topic = message.topic;
    let answer: { status: number; retryAfter: string | null };
    try {
      answer = await post(url, headers, body, timeoutMs);
    } catch (error) {
      return { kind: "retry", status: null, retryAfterSeconds: null, error: error instanceof Error ? error.name : "network" };
    }
    const { status } = answer;
    if (status >= 200 && status < 300) return { kind: "sent" };
    if (status === 404 || status === 410) return { kind: "gone", status };
    if (status === 429 || status >= 500) return { kind: "retry", status, retryAfterSeconds: retryAfter(answer.retryAfter, Date.now()), error: `HTTP ${status}` };
    return { kind: "permanent-failure", status, error: `HTTP ${status}` };
  };
}
