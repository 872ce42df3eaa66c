import { createHash } from "node:crypto";
import type pg from "pg";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** Hash chain over audit events: each hash covers the previous hash and the event's fields. */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditInput {
  actorType: "citizen" | "staff" | "operator" | "agency" | "system" | "public";
  actorId?: string | null;
  onBehalfOf?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Prisma.InputJsonValue | null;
}

/** Who acted and for whom: a citizen for themself, or a helper or staff on a citizen's behalf. */
export type AuditActor = Pick<AuditInput, "actorType" | "actorId" | "onBehalfOf">;
export const selfActor = (personId: string): AuditActor => ({ actorType: "citizen", actorId: personId, onBehalfOf: personId });

/** JSON with object keys sorted, so a value read back from jsonb hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function eventHash(prevHash: string, at: Date, e: AuditInput): string {
  const canonical = canonicalJson([
    prevHash,
    at.toISOString(),
    e.actorType,
    e.actorId ?? null,
    e.onBehalfOf ?? null,
    e.action,
    e.targetType ?? null,
    e.targetId ?? null,
    e.detail ?? null,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

// Serialises appenders so the chain never forks; any constant works.
const CHAIN_LOCK = 8_301_116;

/** Appends one event in its own transaction. */
export async function appendAudit(db: Db, event: AuditInput, at = new Date()): Promise<void> {
  await db.$transaction((tx) => appendAuditWith(tx, event, at));
}

/** Appends one event inside the caller's Prisma transaction (call it last: it takes the chain lock). */
export async function appendAuditWith(tx: Prisma.TransactionClient, event: AuditInput, at: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.auditEvent.create({
    data: {
      at,
      actorType: event.actorType,
      actorId: event.actorId ?? null,
      onBehalfOf: event.onBehalfOf ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      detail: event.detail ?? undefined,
      prevHash,
      hash: eventHash(prevHash, at, event),
    },
  });
}

/**
 * Appends events inside the caller's node-postgres transaction, so they exist exactly when its
 * change commits. Call it last: the chain lock is held until that transaction ends, so each event
 * is one statement that reads the previous hash and hashes in PostgreSQL (the same canonical JSON
 * as eventHash: `["<prevHash>",` followed by the rest, which is computed here).
 */
export async function appendAuditIn(client: pg.PoolClient, events: AuditInput[], at: Date): Promise<void> {
  if (events.length === 0) return;
  await client.query({ name: "moa-audit-lock", text: `SELECT pg_advisory_xact_lock($1)`, values: [CHAIN_LOCK] });
  for (const e of events) {
    const rest = canonicalJson([at.toISOString(), e.actorType, e.actorId ?? null, e.onBehalfOf ?? null, e.action, e.targetType ?? null, e.targetId ?? null, e.detail ?? null]).slice(1);
    await client.query({
      name: "moa-audit-append",
      text: `INSERT INTO "AuditEvent" (at, "actorType", "actorId", "onBehalfOf", action, "targetType", "targetId", detail, "prevHash", hash)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, prev, encode(sha256(convert_to('["' || prev || '",' || $9, 'UTF8')), 'hex')
             FROM (SELECT coalesce((SELECT hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1), $10) AS prev) last`,
      values: [at, e.actorType, e.actorId ?? null, e.onBehalfOf ?? null, e.action, e.targetType ?? null, e.targetId ?? null, e.detail == null ? null : JSON.stringify(e.detail), rest, GENESIS_HASH],
    });
  }
}
