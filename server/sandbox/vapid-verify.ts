import { createPublicKey, verify, type KeyObject } from "node:crypto";

/** A push service's answer to the Authorization header: the sender's key, or why it is refused. */
export type VapidCheck = { ok: true; key: string } | { ok: false; reason: string };

/** RFC 8292 §2: a push service refuses a token that expires more than 24 h after it is checked. */
const MAX_LIFETIME_S = 24 * 3600;
const CACHE_LIMIT = 10_000;

const json = (part: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** `k`: the application server's P-256 public key, uncompressed point, base64url. */
function publicKey(k: string): KeyObject | null {
  const raw = Buffer.from(k, "base64url");
  if (raw.length !== 65 || raw[0] !== 4) return null;
  try {
    return createPublicKey({ key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") }, format: "jwk" });
  } catch {
    return null;
  }
}

/**
 * Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292) for one push service origin: ES256
 * signature by `k`, `aud` = the origin, `exp` in the future and at most 24 h away, `sub` present.
 * Senders reuse a token for many requests (web-push's for 12 h, ours re-signs hourly); whether a
 * token is valid depends only on its exact string and the time, so a verified header is cached
 * with its `exp` and only the time is checked again. (That real services cache alike is our
 * assumption, not documented; it is what makes a check per message cheap.)
 */
export function createVapidVerifier(audience: string) {
  const keys = new Map<string, KeyObject | null>();
  const verified = new Map<string, { key: string; exp: number }>();
  return (authorization: string | undefined, nowMs: number): VapidCheck => {
    if (!authorization) return { ok: false, reason: "missing Authorization" };
    const now = nowMs / 1000;
    const cached = verified.get(authorization);
    if (cached) return cached.exp > now ? { ok: true, key: cached.key } : { ok: false, reason: "token expired" };
    const match = /^vapid\s+(.*)$/i.exec(authorization);
    if (!match) return { ok: false, reason: "not a vapid Authorization" };
    const params = new Map(match[1].split(",").map((p) => p.trim().split("=", 2) as [string, string]));
    const [t, k] = [params.get("t"), params.get("k")];
    if (!t || !k) return { ok: false, reason: "t and k required" };
    const parts = t.split(".");
    const [header, claims] = [json(parts[0]), json(parts[1] ?? "")];
    if (parts.length !== 3 || !header || !claims) return { ok: false, reason: "malformed JWT" };
    if (header.alg !== "ES256") return { ok: false, reason: "alg must be ES256" };
    if (!keys.has(k)) {
      if (keys.size >= CACHE_LIMIT) keys.clear();
      keys.set(k, publicKey(k));
    }
    const key = keys.get(k);
    if (!key) return { ok: false, reason: "k is not a P-256 public key" };
    const signature = Buffer.from(parts[2], "base64url");
    if (signature.length !== 64 || !verify("sha256", Buffer.from(`${parts[0]}.${parts[1]}`), { key, dsaEncoding: "ieee-p1363" }, signature)) return { ok: false, reason: "bad signature" };
    if (claims.aud !== audience) return { ok: false, reason: `aud must be ${audience}` };
    if (typeof claims.exp !== "number" || claims.exp <= now) return { ok: false, reason: "token expired" };
    if (claims.exp > now + MAX_LIFETIME_S) return { ok: false, reason: "exp more than 24 h away" };
    if (typeof claims.sub !== "string" || !claims.sub) return { ok: false, reason: "sub required" };
    if (verified.size >= CACHE_LIMIT) verified.clear();
    verified.set(authorization, { key: k, exp: claims.exp });
    return { ok: true, key: k };
  };
}
