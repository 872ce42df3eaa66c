import { createPrivateKey, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpush from "web-push";
import { createWebPushSender } from "../providers/push/web-push";
import { decryptPush } from "./push-decrypt";
import { startPushRelay, type PushRelay, type RelaySubscription } from "./push-relay";

const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:test@moa.example" };
const other = webpush.generateVAPIDKeys();
let relay: PushRelay;

beforeAll(async () => void (relay = await startPushRelay({ keep: 2 })));
afterAll(() => relay.close());

/** A VAPID JWT signed with node:crypto, so every claim can be wrong on purpose. */
function token(keys: { publicKey: string; privateKey: string }, claims: Record<string, unknown>, header: Record<string, unknown> = { typ: "JWT", alg: "ES256" }) {
  const raw = Buffer.from(keys.publicKey, "base64url");
  const key = createPrivateKey({ key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url"), d: keys.privateKey }, format: "jwk" });
  const body = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${body}.${sign("sha256", Buffer.from(body), { key, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const claims = (extra: Record<string, unknown> = {}) => ({ aud: relay.url, exp: inAnHour(), sub: vapid.subject, ...extra });

function post(sub: RelaySubscription, headers: Record<string, string>, body: Buffer = encrypted(sub, "hello")) {
  return fetch(sub.endpoint, { method: "POST", headers: { TTL: "60", "Content-Encoding": "aes128gcm", ...headers }, body: body as Uint8Array<ArrayBuffer> });
}

const encrypted = (sub: RelaySubscription, text: string) => webpush.encrypt(sub.keys.p256dh, sub.keys.auth, text, "aes128gcm").cipherText;
const auth = (t: string, k = vapid.publicKey) => ({ Authorization: `vapid t=${t}, k=${k}` });

describe("push relay", () => {
  it("takes a push from our sender (201, Location) and keeps ciphertexts that decrypt to the payloads", async () => {
    const sub = relay.subscribe(vapid.publicKey);
    const send = createWebPushSender(vapid);
    for (const payload of ["첫 번째", "second", '{"v":1,"title":"국세청"}'])
      expect(await send({ endpoint: sub.endpoint, ...sub.keys }, { payload, ttl: 60, urgency: "normal", topic: "a".repeat(32) })).toEqual({ kind: "sent" });
    const got = relay.received(sub.id)!;
    expect(got.count).toBe(3);
    // Only the last `keep` are kept.
    expect(got.messages.map((m) => decryptPush(sub, m))).toEqual(["second", '{"v":1,"title":"국세청"}']);

    const res = await post(sub, { ...auth(token(vapid, claims())), Urgency: "high", Topic: "notice1" });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toMatch(new RegExp(`^${relay.url}/m/${sub.id}/\\d+$`));
  });

  it("refuses a missing, badly signed or foreign token (401) and a token of another key than the subscription's (403)", async () => {
    const sub = relay.subscribe(vapid.publicKey);
    expect((await post(sub, {})).status).toBe(401);
    expect((await post(sub, { Authorization: `WebPush ${token(vapid, claims())}` })).status).toBe(401);
    // Signed by another key while claiming ours.
    expect((await post(sub, auth(token(other, claims())))).status).toBe(401);
    expect((await post(sub, auth(token(vapid, claims(), { typ: "JWT", alg: "HS256" })))).status).toBe(401);
    expect((await post(sub, auth(`${token(vapid, claims())}x`))).status).toBe(401);
    // Properly signed by another application server.
    expect((await post(sub, auth(token(other, claims()), other.publicKey))).status).toBe(403);
    expect(relay.received(sub.id)!.count).toBe(0);
  });

  it("checks aud, exp (future, at most 24 h) and sub", async () => {
    const sub = relay.subscribe(vapid.publicKey);
    const now = Math.floor(Date.now() / 1000);
    expect((await post(sub, auth(token(vapid, claims({ aud: "https://fcm.googleapis.com" }))))).status).toBe(401);
    expect((await post(sub, auth(token(vapid, claims({ exp: now - 1 }))))).status).toBe(401);
    expect((await post(sub, auth(token(vapid, claims({ exp: now + 25 * 3600 }))))).status).toBe(401);
    expect((await post(sub, auth(token(vapid, claims({ sub: undefined }))))).status).toBe(401);
    expect((await post(sub, auth(token(vapid, claims({ exp: now + 23 * 3600 }))))).status).toBe(201);
  });

  it("checks the headers and refuses more than 4096 bytes with 413", async () => {
    const sub = relay.subscribe(vapid.publicKey);
    const ok = auth(token(vapid, claims()));
    expect((await post(sub, { ...ok, TTL: "soon" })).status).toBe(400);
    expect((await post(sub, { ...ok, Urgency: "now" })).status).toBe(400);
    expect((await post(sub, { ...ok, Topic: "a".repeat(33) })).status).toBe(400);
    expect((await post(sub, { ...ok, "Content-Encoding": "aesgcm" })).status).toBe(400);
    expect((await post(sub, ok, Buffer.alloc(200))).status).toBe(400);
    expect((await post(sub, ok, encrypted(sub, "x".repeat(4080)))).status).toBe(413);
    const send = createWebPushSender(vapid);
    expect(await send({ endpoint: sub.endpoint, ...sub.keys }, { payload: "x".repeat(4080), ttl: 60, urgency: "normal", topic: "" })).toMatchObject({ kind: "permanent-failure", status: 413 });
    expect(relay.received(sub.id)!.count).toBe(0);
  });

  it("answers 404 for an unknown subscription and 410 once it expired", async () => {
    const sub = relay.subscribe(vapid.publicKey);
    const send = createWebPushSender(vapid);
    const message = { payload: "hi", ttl: 60, urgency: "normal", topic: "" } as const;
    expect(await send({ endpoint: `${relay.url}/push/nobody`, ...sub.keys }, message)).toEqual({ kind: "gone", status: 404 });
    expect(await send({ endpoint: sub.endpoint, ...sub.keys }, message)).toEqual({ kind: "sent" });
    relay.expire(sub.id);
    expect(await send({ endpoint: sub.endpoint, ...sub.keys }, message)).toEqual({ kind: "gone", status: 410 });
    expect(relay.received(sub.id)!.count).toBe(1);
  });

  it("serves subscriptions and what arrived over HTTP, for a benchmark in another process", async () => {
    const [sub] = (await (await fetch(`${relay.url}/subscribe`, { method: "POST", body: JSON.stringify({ applicationServerKey: vapid.publicKey, count: 1 }) })).json()) as RelaySubscription[];
    await createWebPushSender(vapid)({ endpoint: sub.endpoint, ...sub.keys }, { payload: "over http", ttl: 60, urgency: "low", topic: "" });
    const got = (await (await fetch(`${relay.url}/subscriptions/${sub.id}`)).json()) as { count: number; messages: string[] };
    expect(got.count).toBe(1);
    expect(decryptPush(sub, Buffer.from(got.messages[0], "base64url"))).toBe("over http");
    expect((await fetch(`${relay.url}/subscriptions/${sub.id}/expire`, { method: "POST" })).status).toBe(204);
    expect((await post(sub, auth(token(vapid, claims())))).status).toBe(410);
  });
});
