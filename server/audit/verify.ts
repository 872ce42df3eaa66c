import type pg from "pg";
import "../db/pg-utc";
import { eventHash, GENESIS_HASH, type AuditInput } from "./chain";

export type BrokenReason = "hash-mismatch" | "prev-mismatch" | "gap";

export type ChainReport =
  | { whole: true; events: number }
  | { whole: false; firstBroken: { id: string; at: Date; reason: BrokenReason }; checked: number };

interface Row {
  id: string;
  at: Date;
  actorType: AuditInput["actorType"];
  actorId: string | null;
  onBehalfOf: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: AuditInput["detail"];
  prevHash: string;
  hash: string;
}

/**
 * Walks the audit chain in id order (appenders take ids under the chain lock, so id order is
 * chain order), a batch at a time, up to the last event committed when it starts. A row whose
 * own hash does not match its fields was edited; a row that does not link to the one before was
 * either preceded by a deleted row ("gap": its id does not follow) or relinked ("prev-mismatch").
 * Ids skipped by rolled-back appends are not breaks: the hashes still link across them.
 */
export async function verifyChain(pool: pg.Pool, { batch = 5000 }: { batch?: number } = {}): Promise<ChainReport> {
  const { rows: top } = await pool.query<{ max: string | null }>(`SELECT max(id)::text AS max FROM "AuditEvent"`);
  if (top[0].max === null) return { whole: true, events: 0 };
  let prevHash = GENESIS_HASH;
  let prevId = 0n;
  let checked = 0;
  for (;;) {
    const { rows } = await pool.query<Row>(
      `SELECT id::text, at, "actorType", "actorId", "onBehalfOf", action, "targetType", "targetId", detail, "prevHash", hash
         FROM "AuditEvent" WHERE id > $1 AND id <= $2 ORDER BY "AuditEvent".id LIMIT $3`,
      [prevId.toString(), top[0].max, batch],
    );
    if (rows.length === 0) return { whole: true, events: checked };
    for (const row of rows) {
      checked++;
      const reason = breakIn(row, prevHash, prevId);
      if (reason) return { whole: false, firstBroken: { id: row.id, at: row.at, reason }, checked };
      prevHash = row.hash;
      prevId = BigInt(row.id);
    }
  }
}

function breakIn(row: Row, prevHash: string, prevId: bigint): BrokenReason | null {
  if (eventHash(row.prevHash, row.at, row) !== row.hash) return "hash-mismatch";
  if (row.prevHash === prevHash) return null;
  return BigInt(row.id) === prevId + 1n ? "prev-mismatch" : "gap";
}
