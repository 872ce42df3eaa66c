import { SignJWT, type CryptoKey, type JWK } from "jose";
import { decodeJws, verifyEs256 } from "./es256";
import { failed, ok, type Check } from "./check";
import { sdHash } from "./sd-jwt";

/** Key binding JWTs (RFC 9901 §4.3): the holder signs the audience, a nonce and the presentation's hash. */
export const KB_JWT_TYP = "kb+jwt";
const MAX_AGE_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 60;

export interface KeyBindingExpectation {
  aud: string;
  nonce: string;
  /**
   * For a presentation stored and shown later (a share): the time it was received, which the
   * KB-JWT must have been signed within a minute of, instead of within 300 s of now.
   */
  signedNear?: Date;
}

/** `sdJwt` is the presentation up to and including its last `~`. */
export function signKeyBinding(sdJwt: string, holderKey: CryptoKey, binding: { aud: string; nonce: string; now: Date }): Promise<string> {
  return new SignJWT({ nonce: binding.nonce, sd_hash: sdHash(sdJwt) })
    .setProtectedHeader({ alg: "ES256", typ: KB_JWT_TYP })
    .setIssuedAt(Math.floor(binding.now.getTime() / 1000))
    .setAudience(binding.aud)
    .sign(holderKey);
}

export async function checkKeyBinding(sdJwt: string, kbJwt: string | null, cnf: unknown, expected: KeyBindingExpectation, now: Date): Promise<Check> {
  const jwk = (cnf as { jwk?: JWK } | undefined)?.jwk;
  if (!kbJwt) return failed("no-key-binding");
  if (!jwk || typeof jwk !== "object") return failed("no-holder-key");
  let claims: Record<string, unknown>;
  try {
    // node:crypto, synchronously: a verifier checks thousands a second (es256.ts).
    const { header, payload } = decodeJws(kbJwt);
    if (header.typ !== KB_JWT_TYP || header.alg !== "ES256" || header.crit !== undefined || header.b64 !== undefined || !verifyEs256(kbJwt, jwk)) throw new Error("signature");
    claims = payload;
    const seconds = now.getTime() / 1000;
    if ((typeof claims.exp === "number" && claims.exp <= seconds) || (typeof claims.nbf === "number" && claims.nbf > seconds)) throw new Error("outside its validity");
  } catch {
    return failed("key-binding-signature");
  }
  if (claims.aud !== expected.aud) return failed("wrong-audience");
  if (claims.nonce !== expected.nonce) return failed("wrong-nonce");
  const iat = Number(claims.iat);
  const fresh = expected.signedNear
    ? Math.abs(expected.signedNear.getTime() / 1000 - iat) <= CLOCK_SKEW_SECONDS
    : now.getTime() / 1000 - iat <= MAX_AGE_SECONDS && now.getTime() / 1000 - iat >= -CLOCK_SKEW_SECONDS;
  if (!fresh) return failed("key-binding-stale");
  if (claims.sd_hash !== sdHash(sdJwt)) return failed("sd-hash-mismatch");
  return ok();
}
