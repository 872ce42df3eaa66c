import { randomInt } from "node:crypto";
import type pg from "pg";
import "../db/pg-utc";
import { uuid7 } from "../db/uuid7";
import type { Keyring } from "./keys";
import { emptyStatusBytes, signStatusList, writeStatus, type StatusBits } from "./status-list";
import type { IssuerCode } from "./types";

/** Each issuer's status lists in "StatusList": 2 bits (valid, revoked, suspended) per entry. */
export const LIST_SIZE = 2 ** 17;
export const LIST_BITS: StatusBits = 2;
/** How long a relying party may cache a status list token. */
export const STATUS_TTL_SECONDS = 300;
const TOKEN_LIFETIME_MS = 24 * 3600_000;

export const statusListUri = (publicUrl: string, id: string) => `${publicUrl.replace(/\/$/, "")}/api/v1/credentials/status/${id}`;

/**
 * `count` free entries, drawn at random so that an index says nothing about when a certificate was
 * issued (the draft's herd privacy). A list takes new entries until half full, so a draw rarely
 * misses. Holds the lists' row locks until the caller's transaction ends.
 */
export async function allocateStatuses(client: pg.PoolClient, issuer: IssuerCode, publicUrl: string, count: number): Promise<{ listId: string; uri: string; idx: number }[]> {
  const out: { listId: string; uri: string; idx: number }[] = [];
  while (out.length < count) {
    const { rows } = await client.query<{ id: string; uri: string; size: number; allocated: number }>(
      `SELECT "id", "uri", "size", "allocated" FROM "StatusList" WHERE "issuer" = $1 AND "allocated" < "size" / 2 ORDER BY "createdAt" LIMIT 1 FOR UPDATE`,
      [issuer],
    );
    let list = rows[0];
    if (!list) {
      const id = uuid7();
      list = { id, uri: statusListUri(publicUrl, id), size: LIST_SIZE, allocated: 0 };
      await client.query(`INSERT INTO "StatusList" ("id", "issuer", "uri", "bits", "size", "bytes") VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        issuer,
        list.uri,
        LIST_BITS,
        LIST_SIZE,
        emptyStatusBytes(LIST_SIZE, LIST_BITS),
      ]);
    }
    const wanted = Math.min(count - out.length, list.size / 2 - list.allocated);
    const chosen = new Set<number>();
    while (chosen.size < wanted) {
      const draws = new Set<number>();
      while (draws.size < wanted - chosen.size) {
        const idx = randomInt(list.size);
        if (!chosen.has(idx)) draws.add(idx);
      }
      const taken = await client.query<{ statusIdx: number }>(`SELECT "statusIdx" FROM "Credential" WHERE "statusListId" = $1 AND "statusIdx" = ANY($2::int[])`, [list.id, [...draws]]);
      const used = new Set(taken.rows.map((r) => r.statusIdx));
      for (const idx of draws) if (!used.has(idx)) chosen.add(idx);
    }
    await client.query(`UPDATE "StatusList" SET "allocated" = "allocated" + $2 WHERE "id" = $1`, [list.id, wanted]);
    for (const idx of chosen) out.push({ listId: list.id, uri: list.uri, idx });
  }
  return out;
}

/** One free entry: see allocateStatuses. */
export async function allocateStatus(client: pg.PoolClient, issuer: IssuerCode, publicUrl: string): Promise<{ listId: string; uri: string; idx: number }> {
  return (await allocateStatuses(client, issuer, publicUrl, 1))[0];
}

export async function setStatus(client: pg.PoolClient, listId: string, idx: number, value: number, now: Date): Promise<void> {
  const { rows } = await client.query<{ bits: StatusBits; bytes: Buffer }>(`SELECT "bits", "bytes" FROM "StatusList" WHERE "id" = $1 FOR UPDATE`, [listId]);
  if (!rows[0]) throw new Error(`status list ${listId} does not exist`);
  writeStatus(rows[0].bytes, rows[0].bits, idx, value);
  await client.query(`UPDATE "StatusList" SET "bytes" = $2, "revision" = "revision" + 1, "updatedAt" = $3 WHERE "id" = $1`, [listId, rows[0].bytes, now]);
}

/** The list as a signed `statuslist+jwt` (its issuer's current key), or null if there is no such list. */
export async function statusListJwt(pool: pg.Pool, keyring: Keyring, listId: string, now: Date): Promise<string | null> {
  const { rows } = await pool.query<{ issuer: IssuerCode; uri: string; bits: StatusBits; bytes: Buffer }>(
    `SELECT "issuer", "uri", "bits", "bytes" FROM "StatusList" WHERE "id" = $1`,
    [listId],
  );
  const list = rows[0];
  if (!list) return null;
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
  return signStatusList({ uri: list.uri, bits: list.bits, bytes: list.bytes, issuedAt: now, ttlSeconds: STATUS_TTL_SECONDS, expiresAt }, keyring.issuer(list.issuer).signer);
}
