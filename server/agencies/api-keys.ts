import { createHash, randomBytes } from "node:crypto";

export type ApiKeyKind = "test" | "live";

/** A key reads `moa_<kind>_<agency>_<secret>`; only its SHA-256 is stored. */
export function formatApiKey(kind: ApiKeyKind, agencyCode: string, secret: string): string {
  return `moa_${kind}_${agencyCode.toLowerCase()}_${secret}`;
}

export function newApiKeySecret(): string {
  return randomBytes(24).toString("base64url");
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, key.lastIndexOf("_") + 5);
}
