import type pg from "pg";
import { HASH_SIZE, consistencyProof, inclusionProof, leafHash, nodeHash, rootHash, type SubtreeReader } from "./merkle";
import { inTransaction } from "../../db/transaction";

/**
 * The log in PostgreSQL: leaves in "LogLeaf", every complete perfect subtree above them in
 * "LogNode". A complete subtree never changes, so a root or proof at any past size is computed
 * from the O(log n) subtrees it needs, read in one query.
 */
type Queryable = pg.Pool | pg.PoolClient | pg.Client;
export interface Subtree {
  level: number;
  index: number;
}

export async function treeSize(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ size: string }>(`SELECT coalesce(max("index") + 1, 0)::text AS size FROM "LogLeaf"`);
  return Number(rows[0].size);
}

/** The stored hashes of these perfect subtrees, keyed `<level>:<index>`; those not (yet) in the log are absent. */
export async function readSubtrees(db: Queryable, wanted: Subtree[]): Promise<Map<string, Buffer>> {
  if (wanted.length === 0) return new Map();
  const leaves = wanted.filter((s) => s.level === 0).map((s) => s.index);
  const nodes = wanted.filter((s) => s.level > 0);
  // Named: each connection plans it once (a verifier's first check of a certificate asks for one proof).
  const { rows } = await db.query<{ level: number; index: string; hash: Buffer }>({
    name: "moa-log-subtrees",
    text: `SELECT 0 AS level, "index"::text AS index, "leafHash" AS hash FROM "LogLeaf" WHERE "index" = ANY($1::bigint[])
     UNION ALL
     SELECT n."level", n."index"::text, n."hash" FROM "LogNode" n
     JOIN unnest($2::int[], $3::bigint[]) AS w(level, index) ON n."level" = w.level AND n."index" = w.index`,
    values: [leaves, nodes.map((s) => s.level), nodes.map((s) => s.index)],
  });
  return new Map(rows.map((r) => [`${r.level}:${r.index}`, r.hash]));
}

/** Runs `compute` twice: once to learn which subtrees it reads, once over those subtrees as stored. */
async function withSubtrees<T>(db: Queryable, compute: (read: SubtreeReader) => T): Promise<T> {
  const wanted: Subtree[] = [];
  compute((level, index) => {
    wanted.push({ level, index });
    return Buffer.alloc(HASH_SIZE);
  });
  const stored = await readSubtrees(db, wanted);
  return compute((level, index) => {
    const hash = stored.get(`${level}:${index}`);
    if (!hash) throw new RangeError(`log: subtree ${level}/${index} is not in the log`);
    return hash;
  });
}

export function rootAt(db: Queryable, size: number): Promise<Buffer> {
  return withSubtrees(db, (read) => rootHash(read, size));
}

export function inclusionProofAt(db: Queryable, index: number, size: number): Promise<{ leafHash: Buffer; proof: Buffer[]; root: Buffer }> {
  return withSubtrees(db, (read) => ({ leafHash: Buffer.from(read(0, index)), proof: inclusionProof(read, index, size), root: rootHash(read, size) }));
}

export function consistencyProofAt(db: Queryable, m: number, n: number): Promise<{ proof: Buffer[]; fromRoot: Buffer; toRoot: Buffer }> {
  return withSubtrees(db, (read) => ({ proof: consistencyProof(read, m, n), fromRoot: rootHash(read, m), toRoot: rootHash(read, n) }));
}

/** The perfect subtrees of a tree of `size` leaves whose right neighbours are not yet complete. */
function frontier(size: number): Subtree[] {
  const out: Subtree[] = [];
  for (let level = 0, count = size; count > 0; level++, count = Math.floor(count / 2)) {
    if (count % 2 === 1) out.push({ level, index: count - 1 });
  }
  return out;
}

/** The subtrees that become complete when `leaves` follow the first `size` leaves. */
function completedSubtrees(size: number, leaves: Buffer[], read: SubtreeReader): (Subtree & { hash: Buffer })[] {
  const out: (Subtree & { hash: Buffer })[] = [];
  let row: Uint8Array[] = leaves;
  for (let level = 0, first = size; row.length > 0; level++) {
    const items = first % 2 === 1 ? [read(level, first - 1), ...row] : row;
    first = Math.floor(first / 2);
    row = [];
    for (let j = 0; j + 1 < items.length; j += 2) {
      const hash = nodeHash(items[j], items[j + 1]);
      row.push(hash);
      out.push({ level: level + 1, index: first + row.length - 1, hash });
    }
  }
  return out;
}

const APPEND_LOCK = "moa:credentials-log";

/**
 * Appends inside the caller's open READ COMMITTED transaction (so an entry and the record that
 * logs it commit together); appenders queue on a transaction lock, so indices are gap-free.
 */
export async function appendLeavesWithin(client: pg.PoolClient | pg.Client, datas: readonly Uint8Array[]): Promise<{ first: number; size: number }> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [APPEND_LOCK]);
  const size = await treeSize(client);
  if (datas.length === 0) return { first: size, size };
  const leaves = datas.map(leafHash);
  const stored = await readSubtrees(client, frontier(size));
  const nodes = completedSubtrees(size, leaves, (level, index) => {
    const hash = stored.get(`${level}:${index}`);
    if (!hash) throw new Error(`log: subtree ${level}/${index} is missing`);
    return hash;
  });
  await client.query(`INSERT INTO "LogLeaf" ("index", "leafHash", "data") SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[])`, [
    leaves.map((_, i) => size + i),
    leaves,
    datas.map((d) => Buffer.from(d)),
  ]);
  if (nodes.length > 0) {
    await client.query(`INSERT INTO "LogNode" ("level", "index", "hash") SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])`, [
      nodes.map((n) => n.level),
      nodes.map((n) => n.index),
      nodes.map((n) => n.hash),
    ]);
  }
  return { first: size, size: size + leaves.length };
}

/** Appends in a transaction of its own; returns the first new index and the new size. */
export function appendLeaves(pool: pg.Pool, datas: readonly Uint8Array[]): Promise<{ first: number; size: number }> {
  return inTransaction(pool, (client) => appendLeavesWithin(client, datas));
}
