import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, SECRET_NAMES, type Env, type SecretName } from "../env";

export type Secrets = Record<SecretName, string> & { PG_PASSWORD: string };

/**
 * Production takes every secret from the environment and stops if one is missing. Elsewhere a
 * missing secret is generated once and kept in DATA_DIR/secrets.json (mode 0600), so data made
 * with it (CIs, sessions) stays valid across restarts.
 */
export function loadSecrets(env: Env): Secrets {
  const file = path.join(env.DATA_DIR, "secrets.json");
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const result: Partial<Secrets> = {};
  let changed = false;
  for (const name of [...SECRET_NAMES, "PG_PASSWORD"] as const) {
    const fromEnv = name === "PG_PASSWORD" ? undefined : env[name];
    if (fromEnv) {
      result[name] = fromEnv;
    } else if (env.NODE_ENV === "production" && name !== "PG_PASSWORD") {
      throw new ConfigError(`Configuration error: ${name} must be set in production (at least 32 characters).`);
    } else if (stored[name]) {
      result[name] = stored[name];
    } else {
      result[name] = stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return result as Secrets;
}
