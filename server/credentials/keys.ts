import { createECDH } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { ConfigError, readEnv, type Env } from "../env";
import { storedDevelopmentValue } from "../runtime/secrets";
import { ISSUER_CODES, issuerUrl } from "./issuers";
import type { IssuerCode } from "./types";

/**
 * One ES256 key per issuing agency. A list per issuer: the first key signs, the rest are retired
 * keys still published so that what they signed keeps verifying. Rotate by putting a new key first.
 */
export const CREDENTIAL_KEYS_VARIABLE = "CREDENTIAL_SIGNING_KEYS";

export interface IssuerKeys {
  code: IssuerCode;
  iss: string;
  signer: { privateKey: CryptoKey; kid: string };
  /** Current key first, then retired ones; `kid` is the RFC 7638 thumbprint. */
  jwks: { keys: JWK[] };
}

export interface Keyring {
  issuer(code: IssuerCode): IssuerKeys;
  /** iss → its published keys: the issuers a verifier recognises. */
  trusted(): Record<string, { keys: JWK[] }>;
}

const invalid = (detail: string) =>
  new ConfigError(`Configuration error: ${CREDENTIAL_KEYS_VARIABLE} ${detail}: it must be JSON {"MOIS": [private JWK, …retired JWKs], "SCOURT": […], "NHIS": […], "NTS": […]} of EC P-256 keys.`);

type EcPublic = { kty: "EC"; crv: "P-256"; x: string; y: string };

/** The public half, derived from `d` when there is one (never trusted from x and y). */
function publicOf(value: unknown, mustBePrivate: boolean): EcPublic {
  const jwk = value as JWK;
  if (!jwk || typeof jwk !== "object" || jwk.kty !== "EC" || jwk.crv !== "P-256") throw invalid("holds a key that is not EC P-256");
  if (typeof jwk.d !== "string") {
    if (mustBePrivate || typeof jwk.x !== "string" || typeof jwk.y !== "string") throw invalid("needs a private key first for each issuer");
    return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
  }
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(jwk.d, "base64url"));
    const point = ecdh.getPublicKey();
    return { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") };
  } catch {
    throw invalid("holds an invalid private key");
  }
}

function parseKeys(text: string): Record<IssuerCode, JWK[]> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw invalid("is not JSON");
  }
  for (const code of ISSUER_CODES) {
    const keys = parsed?.[code];
    if (!Array.isArray(keys) || keys.length === 0) throw invalid(`has no keys for ${code}`);
    keys.forEach((key, i) => publicOf(key, i === 0));
  }
  return parsed as Record<IssuerCode, JWK[]>;
}

async function generateKeyList(): Promise<string> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const { kty, crv, x, y, d } = await exportJWK(privateKey);
  return JSON.stringify([{ kty, crv, x, y, d }]);
}

/** The keys as JSON: from the environment, else (outside production) development keys kept in DATA_DIR. */
export async function credentialKeysText(env: Pick<Env, "NODE_ENV" | "DATA_DIR" | "CREDENTIAL_SIGNING_KEYS">): Promise<string> {
  if (env.CREDENTIAL_SIGNING_KEYS) {
    parseKeys(env.CREDENTIAL_SIGNING_KEYS);
    return env.CREDENTIAL_SIGNING_KEYS;
  }
  if (env.NODE_ENV === "production") throw invalid("must be set in production");
  const all: Record<string, unknown> = {};
  for (const code of ISSUER_CODES) all[code] = JSON.parse(await storedDevelopmentValue(env.DATA_DIR, `CREDENTIAL_KEY_${code}`, generateKeyList));
  return JSON.stringify(all);
}

export async function createKeyring(keysText: string, publicUrl: string): Promise<Keyring> {
  const parsed = parseKeys(keysText);
  const issuers = new Map<IssuerCode, IssuerKeys>();
  for (const code of ISSUER_CODES) {
    const published = new Map<string, JWK>();
    for (const [i, key] of parsed[code].entries()) {
      const pub = publicOf(key, i === 0);
      const kid = await calculateJwkThumbprint(pub, "sha256");
      if (!published.has(kid)) published.set(kid, { ...pub, kid, alg: "ES256", use: "sig" });
    }
    const [current] = published.values();
    const privateKey = (await importJWK({ ...publicOf(parsed[code][0], true), d: parsed[code][0].d }, "ES256")) as CryptoKey;
    issuers.set(code, { code, iss: issuerUrl(publicUrl, code), signer: { privateKey, kid: current.kid! }, jwks: { keys: [...published.values()] } });
  }
  return {
    issuer: (code) => issuers.get(code)!,
    trusted: () => Object.fromEntries([...issuers.values()].map((i) => [i.iss, { keys: i.jwks.keys.map((k) => ({ ...k })) }])),
  };
}

let cached: Promise<Keyring> | undefined;

/** The process's issuer keys, loaded (or, in development, generated) on first use. */
export function credentialKeyring(): Promise<Keyring> {
  if (!cached) {
    const env = readEnv();
    cached = credentialKeysText(env).then((text) => createKeyring(text, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`));
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

/** Forgets the cached keys, for tests that change the environment. */
export function resetCredentialKeyringCache(): void {
  cached = undefined;
}
