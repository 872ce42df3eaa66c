import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { appendAudit } from "../audit/chain";

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

/** The agency a request speaks for, by its key. */
export interface AgencyCaller {
  agencyId: string;
  agencyCode: string;
  keyId: string;
  kind: ApiKeyKind;
}

const KEY_SHAPE = /^moa_(test|live)_[a-z0-9-]{2,40}_[0-9a-f]{40}$/;
const LAST_USED_PRECISION_MS = 60_000;

/** The caller behind `Authorization: Bearer <key>`, or null for a missing, malformed, unknown or revoked key. */
export async function authenticateApiKey(db: Db, authorization: string | null, now: Date): Promise<AgencyCaller | null> {
  const key = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!key || !KEY_SHAPE.test(key)) return null;
  const found = await db.agencyApiKey.findUnique({ where: { keyHash: hashApiKey(key) }, include: { agency: { select: { code: true } } } });
  if (!found || found.revokedAt) return null;
  // A write per request would be wasteful at 3,000 requests a second: a minute's precision is enough.
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.agencyApiKey.updateMany({ where: { id: found.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_PRECISION_MS) } }] }, data: { lastUsedAt: now } });
  }
  return { agencyId: found.agencyId, agencyCode: found.agency.code, keyId: found.id, kind: found.kind as ApiKeyKind };
}

export interface KeyActor {
  type: "operator" | "system";
  id: string | null;
}

/** Creates a key and returns it in full: the only time anyone sees it. */
export async function createApiKey(db: Db, input: { agencyId: string; kind: ApiKeyKind; name: string }, actor: KeyActor, now: Date) {
  const agency = await db.agency.findUniqueOrThrow({ where: { id: input.agencyId } });
  const key = formatApiKey(input.kind, agency.code, newApiKeySecret());
  const row = await db.agencyApiKey.create({
    data: { agencyId: agency.id, name: input.name, kind: input.kind, prefix: apiKeyPrefix(key), keyHash: hashApiKey(key), createdAt: now },
  });
  await appendAudit(db, { actorType: actor.type, actorId: actor.id, action: "api-key.created", targetType: "api-key", targetId: row.id, detail: { agency: agency.code, kind: input.kind, name: input.name } }, now);
  return { id: row.id, key, prefix: row.prefix };
}

/** Revokes a key of this agency; false when the agency has no such live key. */
export async function revokeApiKey(db: Db, agencyId: string, keyId: string, actor: KeyActor, now: Date): Promise<boolean> {
  const { count } = await db.agencyApiKey.updateMany({ where: { id: keyId, agencyId, revokedAt: null }, data: { revokedAt: now } });
  if (count) await appendAudit(db, { actorType: actor.type, actorId: actor.id, action: "api-key.revoked", targetType: "api-key", targetId: keyId }, now);
  return count > 0;
}

export async function listApiKeys(db: Db, agencyId: string) {
  return db.agencyApiKey.findMany({
    where: { agencyId },
    select: { id: true, name: true, kind: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}
