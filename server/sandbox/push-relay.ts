import { createECDH, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createVapidVerifier } from "./vapid-verify";

export interface RelaySubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  id: string;
  /** The browser side's ECDH private key (base64url): only a test needs it, to decrypt a sample. */
  privateKey: string;
}

export interface RelayReceived {
  count: number;
  /** The last ciphertexts as sent (aes128gcm), oldest first. */
  messages: Buffer[];
}

export interface PushRelay {
  url: string;
  /** A subscription as a browser would get it for a VAPID public key. */
  subscribe(applicationServerKey: string): RelaySubscription;
  received(id: string): RelayReceived | null;
  /** Later sends to this subscription get 410 Gone. */
  expire(id: string): void;
  close(): Promise<void>;
}

/** RFC 8030 §7.2 / RFC 8291 §4: push services need accept no more than 4096 bytes of payload. */
const MAX_BODY = 4096;
/** aes128gcm header with a 65-byte key id (RFC 8188 §2.1) plus a padding delimiter and the tag. */
const MIN_BODY = 16 + 4 + 1 + 65 + 1 + 16;
const URGENCIES = new Set(["very-low", "low", "normal", "high"]);
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

interface Subscription {
  applicationServerKey: string;
  expired: boolean;
  count: number;
  last: Buffer[];
}

/** Why a push is refused: a status and the reason, as in the answer's body. */
function refusal(headers: http.IncomingHttpHeaders, body: Buffer): [number, string] | null {
  const ttl = headers.ttl;
  if (ttl === undefined || !/^\d+$/.test(ttl as string)) return [400, "TTL header required (seconds)"];
  const urgency = headers.urgency;
  if (urgency !== undefined && !URGENCIES.has(urgency as string)) return [400, "Urgency must be very-low, low, normal or high"];
  const topic = headers.topic;
  if (topic !== undefined && !TOPIC.test(topic as string)) return [400, "Topic: at most 32 base64url characters"];
  if (body.length === 0) return null;
  if (headers["content-encoding"] !== "aes128gcm") return [400, "Content-Encoding must be aes128gcm"];
  if (body.length < MIN_BODY || body[20] !== 65 || body.readUInt32BE(16) < 18) return [400, "not an aes128gcm message with an ECDH key id"];
  return null;
}

/**
 * A push service on localhost that does what FCM, autopush or APNs do with a message — and no
 * more: checks the VAPID authorization and the headers, keeps the ciphertext for the device and
 * answers 201. It never decrypts (a push service cannot); it keeps each subscription's count and
 * last `keep` ciphertexts, which a test decrypts with the browser-side keys. Statuses: 404 unknown
 * subscription, 410 expired, 401 bad or missing token, 403 token signed by another key than the
 * subscription's, 413 over 4096 bytes, 400 bad headers.
 */
export async function startPushRelay(options: { port?: number; keep?: number } = {}): Promise<PushRelay> {
  const keep = options.keep ?? 8;
  const subscriptions = new Map<string, Subscription>();
  let url = "";
  // Replaced once the port, hence the origin a token's `aud` must name, is known.
  let verifyVapid = createVapidVerifier("");
  let sequence = 0;

  const subscribe = (applicationServerKey: string): RelaySubscription => {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const id = randomBytes(16).toString("base64url");
    subscriptions.set(id, { applicationServerKey, expired: false, count: 0, last: [] });
    return { endpoint: `${url}/push/${id}`, keys: { p256dh: ecdh.getPublicKey("base64url"), auth: randomBytes(16).toString("base64url") }, id, privateKey: ecdh.getPrivateKey("base64url") };
  };
  const received = (id: string): RelayReceived | null => {
    const sub = subscriptions.get(id);
    return sub ? { count: sub.count, messages: [...sub.last] } : null;
  };

  const push = (id: string, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const answer = (status: number, text: string) => res.writeHead(status, { "content-type": "text/plain" }).end(text);
    const sub = subscriptions.get(id);
    if (!sub) return answer(404, "no such subscription");
    if (sub.expired) return answer(410, "subscription expired");
    const vapid = verifyVapid(req.headers.authorization, Date.now());
    if (!vapid.ok) return answer(401, vapid.reason);
    if (vapid.key !== sub.applicationServerKey) return answer(403, "k is not the subscription's applicationServerKey");
    const refused = refusal(req.headers, body);
    if (refused) return answer(...refused);
    sub.count++;
    if (body.length > 0) {
      sub.last.push(body);
      if (sub.last.length > keep) sub.last.shift();
    }
    res.writeHead(201, { location: `${url}/m/${id}/${++sequence}`, ttl: req.headers.ttl }).end();
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY && path.startsWith("/push/")) return void res.writeHead(413, { connection: "close" }).end("payload over 4096 bytes");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on("end", () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      if (path.startsWith("/push/")) return size > MAX_BODY ? void res.writeHead(413).end("payload over 4096 bytes") : push(path.slice(6), req, res, body);
      const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      // Test management, for a benchmark or test in another process.
      if (req.method === "POST" && path === "/subscribe") {
        const { applicationServerKey, count = 1 } = JSON.parse(body.toString() || "{}") as { applicationServerKey: string; count?: number };
        return json(200, Array.from({ length: count }, () => subscribe(applicationServerKey)));
      }
      const match = /^\/subscriptions\/([\w-]+)(\/expire)?$/.exec(path);
      const sub = match && subscriptions.get(match[1]);
      if (!match || !sub) return json(404, { error: "not found" });
      if (match[2]) return void ((sub.expired = true), res.writeHead(204).end());
      const got = received(match[1])!;
      json(200, { count: got.count, messages: got.messages.map((m) => m.toString("base64url")) });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => server.listen(options.port ?? 0, "127.0.0.1", resolve).once("error", reject));
  url = `http://localhost:${(server.address() as AddressInfo).port}`;
  verifyVapid = createVapidVerifier(url);
  return {
    url,
    subscribe,
    received,
    expire: (id) => void (subscriptions.get(id) && (subscriptions.get(id)!.expired = true)),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
