import { z } from "zod";

/** Configuration read from the environment. Every variable is documented in the README. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  EMBEDDED_PG_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB|GB)$/).optional(),
  PUBLIC_URL: z.string().url().optional(),
  CI_SECRET: z.string().min(32).optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  IDP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Private Ed25519 JWK that signs delivery statements; generated into DATA_DIR/secrets.json outside production. */
  CERT_SIGNING_KEY: z.string().min(1).optional(),
  /** Private Ed25519 JWK that signs the certificate log's checkpoints; generated into DATA_DIR/secrets.json outside production. */
  LOG_SIGNING_KEY: z.string().min(1).optional(),
  /** Certificate issuers' ES256 keys as JSON, {"MOIS": [current private JWK, …retired], …}; generated into DATA_DIR/secrets.json outside production. */
  CREDENTIAL_SIGNING_KEYS: z.string().min(1).optional(),
  /** Behind a reverse proxy that appends the client's address to X-Forwarded-For (for rate limits). */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** Web push (VAPID) key pair, base64url as web-push makes them; generated into DATA_DIR/secrets.json outside production. */
  VAPID_PUBLIC_KEY: z.string().min(1).optional(),
  VAPID_PRIVATE_KEY: z.string().min(1).optional(),
  /** Contact for push services: a mailto: or https: URL. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:)/).optional(),
  /** The SMS centre (SMPP 3.4). Unset outside production: `npm start` runs the sandbox SMS centre. */
  SMPP_HOST: z.string().min(1).optional(),
  SMPP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMPP_SYSTEM_ID: z.string().min(1).optional(),
  SMPP_PASSWORD: z.string().min(1).optional(),
  SMS_SOURCE_ADDR: z.string().min(1).optional(),
  /** Toss Payments (or, outside production, the sandbox gateway `npm start` runs): API and hosted window base URL. */
  TOSS_API_URL: z.string().url().optional(),
  /** Server-side secret key (Basic auth to the API); required in production. */
  TOSS_SECRET_KEY: z.string().min(1).optional(),
  /** Client key the payment window is opened with; required in production. */
  TOSS_CLIENT_KEY: z.string().min(1).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Web processes sharing PORT (node:cluster); by default one per core, at most four. */
  WEB_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  /** "off": each request reads its session (a pool in transaction mode, where LISTEN hears nothing). */
  MOA_SESSION_CACHE: z.enum(["on", "off"]).default("on"),
  /** One letter's cost in won, for "postage saved": ₩520 is a standard letter's postage plus printing. */
  POSTAGE_UNIT_COST_KRW: z.coerce.number().int().min(0).max(100_000).default(520),
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Configuration error: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** The secrets a running server needs; in production each must come from the environment. */
export const SECRET_NAMES = ["CI_SECRET", "SESSION_SECRET"] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export function requireSecret(env: Env, name: SecretName): string {
  const value = env[name];
  if (!value) throw new ConfigError(`Configuration error: ${name} is not set (at least 32 characters).`);
  return value;
}
