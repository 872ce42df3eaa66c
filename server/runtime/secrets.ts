import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
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

/**
 * A development-only value kept in DATA_DIR/secrets.json beside the secrets above (keys, key pairs):
 * generated once, the file read, merged and replaced atomically so other entries survive. If another
 * process (web and worker start together) stored one meanwhile, that one wins and is used here too.
 */
export async function storedDevelopmentValue(dataDir: string, name: string, generate: () => string | Promise<string>): Promise<string> {
  const file = path.join(dataDir, "secrets.json");
  const read = (): Record<string, unknown> => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {});
  const stored = read()[name];
  if (typeof stored === "string") return stored;
  const generated = await generate();
  const latest = read();
  if (typeof latest[name] === "string") return latest[name] as string;
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ ...latest, [name]: generated }, null, 2), { mode: 0o600 });
  renameSync(temporary, file);
  const final = read()[name];
  return typeof final === "string" ? final : generated;
}
