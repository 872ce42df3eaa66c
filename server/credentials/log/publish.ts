import type pg from "pg";
import { signCheckpoint, verifyCheckpoint } from "./checkpoint";
import type { LogSigner } from "./signing-key";
import { rootAt, treeSize } from "./store";

/**
 * The signed checkpoint of the log as it stands: the stored one for the current size, else one
 * signed now and stored (also when the stored note is not by the current key, e.g. after
 * PUBLIC_URL or the key changed). Ed25519 is deterministic, so racing callers store the same note.
 */
export async function currentCheckpoint(pool: pg.Pool, signer: LogSigner): Promise<string> {
  const size = await treeSize(pool);
  const { rows } = await pool.query<{ signedNote: string }>(`SELECT "signedNote" FROM "LogCheckpoint" WHERE "size" = $1`, [size]);
  if (rows[0] && verifyCheckpoint(rows[0].signedNote, signer.verifierKey)) return rows[0].signedNote;
  const rootHash = await rootAt(pool, size);
  const note = signCheckpoint({ origin: signer.origin, size, rootHash }, signer.privateKey);
  await pool.query(
    `INSERT INTO "LogCheckpoint" ("size", "rootHash", "signedNote") VALUES ($1, $2, $3)
     ON CONFLICT ("size") DO UPDATE SET "rootHash" = EXCLUDED."rootHash", "signedNote" = EXCLUDED."signedNote"`,
    [size, rootHash, note],
  );
  return note;
}
