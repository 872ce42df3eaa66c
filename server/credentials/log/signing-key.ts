import { createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from "node:crypto";
import { ConfigError, readEnv, type Env } from "../../env";
import { storedDevelopmentValue } from "../../runtime/secrets";
import { rawPublicKey, verifierKey } from "./checkpoint";

/** The key that signs the certificate log's checkpoints: Ed25519, named after the log's origin. */
export const LOG_KEY_VARIABLE = "LOG_SIGNING_KEY";

export interface LogSigner {
  /** The log's origin, which is also the key's name: `<PUBLIC_URL host>/credentials-log`. */
  origin: string;
  privateKey: KeyObject;
  /** `<origin>+<key id>+<base64 key>`, served at /api/v1/log/key. */
  verifierKey: string;
}

const invalid = () => new ConfigError(`Configuration error: ${LOG_KEY_VARIABLE} must be an Ed25519 private JWK as JSON ({"kty":"OKP","crv":"Ed25519","d":…,"x":…}).`);

function parsePrivateJwk(text: string): KeyObject {
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(text) as JsonWebKey;
  } catch {
    throw invalid();
  }
  if (!jwk || typeof jwk !== "object" || jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string") throw invalid();
  try {
    // The public half is derived from `d`, never trusted from `x`.
    return createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", d: jwk.d, x: jwk.x ?? "" }, format: "jwk" });
  } catch {
    throw invalid();
  }
}

function generatePrivateJwk(): string {
  const { kty, crv, d, x } = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  return JSON.stringify({ kty, crv, d, x });
}

/** The key as text: from the environment, else (outside production) the development key. */
export async function logKeyText(env: Pick<Env, "NODE_ENV" | "DATA_DIR" | "LOG_SIGNING_KEY">): Promise<string> {
  if (env.LOG_SIGNING_KEY) {
    parsePrivateJwk(env.LOG_SIGNING_KEY);
    return env.LOG_SIGNING_KEY;
  }
  if (env.NODE_ENV === "production") throw new ConfigError(`Configuration error: ${LOG_KEY_VARIABLE} must be set in production (an Ed25519 private JWK as JSON).`);
  return storedDevelopmentValue(env.DATA_DIR, LOG_KEY_VARIABLE, generatePrivateJwk);
}

export function logOrigin(env: Pick<Env, "PUBLIC_URL" | "PORT">): string {
  return `${new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).host}/credentials-log`;
}

async function loadLogSigner(): Promise<LogSigner> {
  const env = readEnv();
  const privateKey = parsePrivateJwk(await logKeyText(env));
  const origin = logOrigin(env);
  return { origin, privateKey, verifierKey: verifierKey(origin, rawPublicKey(privateKey)) };
}

let cached: Promise<LogSigner> | undefined;

/** The process's log key, loaded (or, in development, generated) on first use. */
export function logSigner(): Promise<LogSigner> {
  if (!cached) {
    cached = loadLogSigner();
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

/** Forgets the cached key, for tests that change the environment. */
export function resetLogSignerCache(): void {
  cached = undefined;
}
