import { createHash, randomBytes } from "node:crypto";

export type ApiKeyKind = "test" | "live";

/** A key reads `moa_<kind>_<agency>_<secret>`; only its SHA-256 is stored. */
export function formatApiKey(kind: ApiKeyKind, agencyCode: string, secret: string): string {
  return `moa_${kind}_${agencyCode.toLowerCase()}_${secret}`;
}

/** 160 random bits in hex: no separator characters, so the key splits unambiguously. */
export function newApiKeySecret(): string {
  return randomBytes(20).toString("hex");
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What the console shows of a key: everything but the secret, plus its first four characters. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, key.lastIndexOf("_") + 5);
}
