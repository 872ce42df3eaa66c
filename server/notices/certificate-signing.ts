import { createPrivateKey, createPublicKey, type JsonWebKey as NodeJwk } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { ConfigError, readEnv, type Env } from "../env";
import { storedDevelopmentValue } from "../runtime/secrets";

/** The key that signs delivery statements (배달증명): Ed25519, used as JWS "EdDSA". */
export const CERT_ALG = "EdDSA";
export const CERT_KEY_VARIABLE = "CERT_SIGNING_KEY";

export interface SigningKey {
  privateKey: CryptoKey;
  /** The public half as published in /.well-known/jwks.json: kty, crv, x, kid, alg, use. */
  publicJwk: JWK;
  /** RFC 7638 thumbprint of the public key; the `kid` of every statement signed with it. */
  kid: string;
}

const invalid = () =>
  new ConfigError(`Configuration error: ${CERT_KEY_VARIABLE} must be an Ed25519 private JWK as JSON ({"kty":"OKP","crv":"Ed25519","d":…,"x":…}).`);

/** Parses and checks a private JWK; the public part is derived from `d`, never trusted from `x`. */
function parsePrivateJwk(text: string): { d: string; x: string } {
  let jwk: NodeJwk;
  try {
    jwk = JSON.parse(text) as NodeJwk;
  } catch {
    throw invalid();
  }
  if (!jwk || typeof jwk !== "object" || jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string") throw invalid();
  try {
    const publicJwk = createPublicKey(createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", d: jwk.d, x: jwk.x ?? "" }, format: "jwk" })).export({ format: "jwk" });
    return { d: jwk.d, x: publicJwk.x! };
  } catch {
    throw invalid();
  }
}

async function generatePrivateJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair(CERT_ALG, { crv: "Ed25519", extractable: true });
  const { kty, crv, d, x } = await exportJWK(privateKey);
  return JSON.stringify({ kty, crv, d, x });
}

/**
 * The key as text: from the environment, else (outside production) the development key. `npm
 * start` calls this once and hands the result to the web and worker processes, which run with
 * NODE_ENV=production and so could not generate one themselves.
 */
export async function signingKeyText(env: Pick<Env, "NODE_ENV" | "DATA_DIR" | "CERT_SIGNING_KEY">): Promise<string> {
  if (env.CERT_SIGNING_KEY) {
    parsePrivateJwk(env.CERT_SIGNING_KEY);
    return env.CERT_SIGNING_KEY;
  }
  if (env.NODE_ENV === "production") throw new ConfigError(`Configuration error: ${CERT_KEY_VARIABLE} must be set in production (an Ed25519 private JWK as JSON).`);
  // Outside production a missing key is generated once and kept in DATA_DIR/secrets.json.
  return storedDevelopmentValue(env.DATA_DIR, CERT_KEY_VARIABLE, generatePrivateJwk);
}

async function loadSigningKey(): Promise<SigningKey> {
  const text = await signingKeyText(readEnv());
  const { d, x } = parsePrivateJwk(text);
  const privateKey = (await importJWK({ kty: "OKP", crv: "Ed25519", d, x }, CERT_ALG)) as CryptoKey;
  const kid = await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x }, "sha256");
  return { privateKey, publicJwk: { kty: "OKP", crv: "Ed25519", x, kid, alg: CERT_ALG, use: "sig" }, kid };
}

let cached: Promise<SigningKey> | undefined;

/** The process's signing key, loaded (or, in development, generated) on first use. */
export function signingKey(): Promise<SigningKey> {
  if (!cached) {
    cached = loadSigningKey();
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

/** Forgets the cached key, for tests that change the environment. */
export function resetSigningKeyCache(): void {
  cached = undefined;
}

/** The JWKS served at /.well-known/jwks.json: the public keys statements are verified against. */
export async function publicKeys(): Promise<{ keys: JWK[] }> {
  const { publicJwk } = await signingKey();
  return { keys: [publicJwk] };
}
