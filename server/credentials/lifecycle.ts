import type pg from "pg";
import "../db/pg-utc";
import { inTransaction } from "../db/transaction";
import { STATUS } from "./status-list";
import { setStatus } from "./status-store";
import type { CredentialType } from "./types";

/** Revoked is final; suspended can be reinstated. The status list entry follows the row. */
type Target = "revoked" | "suspended" | "valid";

async function moveTo(pool: pg.Pool, id: string, target: Target, now: Date, reason?: string): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ statusListId: string; statusIdx: number; revokedAt: Date | null; suspendedAt: Date | null }>(
      `SELECT "statusListId", "statusIdx", "revokedAt", "suspendedAt" FROM "Credential" WHERE "id" = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    if (!row || row.revokedAt) return false;
    if (target === "revoked") {
      await client.query(`UPDATE "Credential" SET "revokedAt" = $2, "revocationReason" = $3 WHERE "id" = $1`, [id, now, reason ?? "operator"]);
    } else if (target === "suspended" && !row.suspendedAt) {
      await client.query(`UPDATE "Credential" SET "suspendedAt" = $2 WHERE "id" = $1`, [id, now]);
    } else if (target === "valid" && row.suspendedAt) {
      await client.query(`UPDATE "Credential" SET "suspendedAt" = NULL WHERE "id" = $1`, [id]);
    } else {
      return false;
    }
    await setStatus(client, row.statusListId, row.statusIdx, target === "revoked" ? STATUS.invalid : target === "suspended" ? STATUS.suspended : STATUS.valid, now);
    return true;
  });
}

/** Each returns whether anything changed (false for an unknown or already revoked certificate). */
export const revokeCredential = (pool: pg.Pool, id: string, now: Date, reason = "operator") => moveTo(pool, id, "revoked", now, reason);
export const suspendCredential = (pool: pg.Pool, id: string, now: Date) => moveTo(pool, id, "suspended", now);
export const reinstateCredential = (pool: pg.Pool, id: string, now: Date) => moveTo(pool, id, "valid", now);

/** The source record changed: every certificate of this type the person holds no longer states it. */
export async function sourceChanged(pool: pg.Pool, personId: string, type: CredentialType, now: Date): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(`SELECT "id" FROM "Credential" WHERE "personId" = $1 AND "type" = $2 AND "revokedAt" IS NULL`, [personId, type]);
  let revoked = 0;
  for (const { id } of rows) if (await revokeCredential(pool, id, now, "source-changed")) revoked++;
  return revoked;
}
