import { createPublicKey, KeyObject, sign, verify } from "node:crypto";
import type { webcrypto } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, type JWK, type JWTPayload, type ProtectedHeaderParameters } from "jose";

/**
 * ES256 JWS verification with node:crypto, synchronous: about twice as fast as WebCrypto's
 * asynchronous verify (through jose), which matters to a verifier checking thousands a second.
 * Only for compact JWS whose header was already read and checked (alg ES256, no crit, no b64).
 */
// Keyed by the point: a verifier sees the same issuer keys and holders' device keys again and again.
const keys = new Map<string, KeyObject>();
const MAX_KEYS = 10_000;

// And by the JWK object itself when it cannot change (frozen: an issuer JWT's claims as read once,
// see verify.ts), which saves making the point's text each time.
const byFrozenJwk = new WeakMap<JWK, KeyObject>();

export function verifyEs256(jws: string, jwk: JWK): boolean {
  if (jwk.kty !== "EC" || jwk.crv !== "P-256") return false;
  let key = byFrozenJwk.get(jwk);
  if (!key) {
    const id = `${jwk.x}.${jwk.y}`;
    key = keys.get(id);
    if (!key) {
      key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: "jwk" });
      if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
      keys.set(id, key);
    }
    if (Object.isFrozen(jwk)) byFrozenJwk.set(jwk, key);
  }
  const dot = jws.lastIndexOf(".");
  const signature = jws.slice(dot + 1);
  if (!SIGNATURE.test(signature)) return false;
  return verify("sha256", Buffer.from(jws.slice(0, dot), "ascii"), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
}

/**
 * 64 bytes in base64url exactly as Buffer writes them: 86 characters, the last one holding the
 * final 2 bits (so A, Q, g or w). Any other text is refused, as decoding and encoding back would.
 */
const SIGNATURE = /^[A-Za-z0-9_-]{85}[AQgw]$/;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodePart(part: string): Record<string, unknown> | null {
  // Lengths of 4n+1 are not base64; jose (atob) refuses them, Buffer would not.
  if (part.length % 4 === 1 || !BASE64URL.test(part)) return null;
  const value: unknown = JSON.parse(utf8.decode(Buffer.from(part, "base64url")));
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError("not a JSON object");
  return value as Record<string, unknown>;
}

// Headers repeat (every holder's key binding JWT has the same one): each is read once, and the
// object, shared, is frozen.
const headers = new Map<string, ProtectedHeaderParameters | null>();
const MAX_HEADERS = 1000;
const MAX_HEADER_LENGTH = 1024;

function decodeHeader(part: string): ProtectedHeaderParameters | null {
  let header = headers.get(part);
  if (header === undefined) {
    header = decodePart(part) as ProtectedHeaderParameters | null;
    if (part.length > MAX_HEADER_LENGTH) return header;
    if (header) Object.freeze(header);
    if (headers.size >= MAX_HEADERS) headers.delete(headers.keys().next().value!);
    headers.set(part, header);
  }
  return header;
}

/**
 * A compact JWS's protected header and JWT claims, read once: what jose's decodeProtectedHeader and
 * decodeJwt give (and throws where they throw), without decoding each part twice. Parts that are
 * not plain base64url are left to jose, so that odd input is treated exactly as before.
 */
export function decodeJws(jws: string): { header: ProtectedHeaderParameters; payload: JWTPayload } {
  const first = jws.indexOf(".");
  const second = jws.indexOf(".", first + 1);
  if (first > 0 && second > first + 1 && jws.indexOf(".", second + 1) < 0) {
    const header = decodeHeader(jws.slice(0, first));
    const payload = header && decodePart(jws.slice(first + 1, second));
    if (header && payload) return { header: header as ProtectedHeaderParameters, payload: payload as JWTPayload };
  }
  return { header: decodeProtectedHeader(jws), payload: decodeJwt(jws) };
}

const privateKeys = new WeakMap<object, KeyObject>();

/** A compact ES256 JWS of `header` and `payload`, signed synchronously with node:crypto. */
export function signEs256(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: webcrypto.CryptoKey): string {
  let key = privateKeys.get(privateKey);
  if (!key) privateKeys.set(privateKey, (key = KeyObject.from(privateKey)));
  const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${input}.${sign("sha256", Buffer.from(input, "ascii"), { key, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
}
