import type pg from "pg";
import { currentCheckpoint } from "./log/publish";
import type { LogSigner } from "./log/signing-key";
import { inclusionProofAt } from "./log/store";
import type { LogAccess } from "./verify";

/** The transparency log as Moa's own verifier reads it: straight from the database. */
export function databaseLog(pool: pg.Pool, signer: LogSigner): LogAccess {
  return {
    verifierKey: signer.verifierKey,
    checkpoint: () => currentCheckpoint(pool, signer),
    async locate(jwtDigest) {
      const { rows } = await pool.query<{ logIndex: string }>(`SELECT "logIndex"::text FROM "Credential" WHERE "jwtDigest" = $1`, [jwtDigest]);
      return rows[0] ? Number(rows[0].logIndex) : null;
    },
    inclusionProof: async (index, size) => (await inclusionProofAt(pool, index, size)).proof,
  };
}
