import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { inclusionProof, leafHash, rootFromLeaves, rootHash, verifyConsistency, verifyInclusion } from "./merkle";
import { appendLeaves, appendLeavesWithin, consistencyProofAt, inclusionProofAt, rootAt, treeSize } from "./store";
import { GOLDEN_ROOTS } from "./golden-roots";

/** The log in PostgreSQL against the in-memory tree (itself checked against published vectors). */
let t: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await t?.drop();
});

// The golden roots up to the 300 leaves appended here.
const STORED_GOLDEN_ROOTS = GOLDEN_ROOTS.filter(([size]) => size <= 300);
const BATCHES = [1, 2, 5, 8, 16, 31, 37, 100, 55, 45];
const data = Array.from({ length: 300 }, (_, i) => Buffer.of(i & 0xff, i >> 8));
const hashes = data.map(leafHash);

describe("the stored log", () => {
  const sizes: number[] = [];

  it("appends 300 leaves in batches, each root matching the in-memory tree", async () => {
    expect(await treeSize(pool)).toBe(0);
    expect(await rootAt(pool, 0)).toEqual(rootFromLeaves([]));
    let size = 0;
    for (const batch of BATCHES) {
      const appended = await appendLeaves(pool, data.slice(size, size + batch));
      expect(appended).toEqual({ first: size, size: size + batch });
      size += batch;
      sizes.push(size);
      expect(await treeSize(pool)).toBe(size);
      expect(await rootAt(pool, size)).toEqual(rootFromLeaves(hashes.slice(0, size)));
    }
    expect(await appendLeaves(pool, [])).toEqual({ first: 300, size: 300 });
  });

  it("keeps each complete subtree once, and past roots stay reachable", async () => {
    const { rows } = await pool.query<{ level: number; index: string; hash: Buffer }>(`SELECT "level", "index"::text, "hash" FROM "LogNode"`);
    expect(rows.length).toBe(150 + 75 + 37 + 18 + 9 + 4 + 2 + 1);
    for (const r of rows) expect(r.hash, `${r.level}/${r.index}`).toEqual(rootHash(hashes.slice(Number(r.index) * 2 ** r.level), 2 ** r.level));
    for (const [size, root] of STORED_GOLDEN_ROOTS) expect((await rootAt(pool, size)).toString("base64"), `size ${size}`).toBe(root);
    for (let size = 1; size <= 300; size++) expect(await rootAt(pool, size)).toEqual(rootFromLeaves(hashes.slice(0, size)));
  });

  it("serves inclusion proofs that verify against the root at that size, in one query", async () => {
    let queries = 0;
    const counting = { query: (...args: Parameters<pg.Pool["query"]>) => (queries++, pool.query(...args)) } as unknown as pg.Pool;
    for (const size of [1, 2, 3, 7, 8, 9, 64, 100, 255, 256, 300]) {
      const root = await rootAt(pool, size);
      for (let index = 0; index < size; index++) {
        queries = 0;
        const proved = await inclusionProofAt(counting, index, size);
        expect(queries).toBe(1);
        expect(proved.leafHash).toEqual(hashes[index]);
        expect(proved.root).toEqual(root);
        expect(proved.proof).toEqual(inclusionProof(hashes, index, size));
        expect(verifyInclusion(proved.leafHash, index, size, proved.proof, root), `${index}/${size}`).toBe(true);
      }
    }
    await expect(inclusionProofAt(pool, 300, 300)).rejects.toThrow(RangeError);
    await expect(inclusionProofAt(pool, 5, 301)).rejects.toThrow(/not in the log/);
  });

  it("serves consistency proofs between every two batch sizes", async () => {
    for (const m of sizes) {
      for (const n of sizes.filter((s) => s >= m)) {
        const { proof, fromRoot, toRoot } = await consistencyProofAt(pool, m, n);
        expect(fromRoot).toEqual(await rootAt(pool, m));
        expect(toRoot).toEqual(await rootAt(pool, n));
        expect(verifyConsistency(m, n, proof, fromRoot, toRoot), `${m} → ${n}`).toBe(true);
      }
    }
  });

  it("appends within the caller's transaction: a rollback leaves no trace", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      expect(await appendLeavesWithin(client, [Buffer.from("rolled back")])).toEqual({ first: 300, size: 301 });
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    expect(await treeSize(pool)).toBe(300);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "LogNode"`)).rows[0].n).toBe(296);
  });

  it("two appenders at once make one gap-free, consistent tree", async () => {
    const appender = (name: string) => async () => {
      const ranges: { first: number; size: number }[] = [];
      for (let batch = 0; batch < 8; batch++) {
        ranges.push(await appendLeaves(pool, Array.from({ length: 3 + batch }, (_, i) => Buffer.from(`${name} ${batch}.${i}`))));
      }
      return ranges;
    };
    const results = await Promise.all([appender("a")(), appender("b")()]);
    const ranges = results.flat().sort((x, y) => x.first - y.first);
    let next = 300;
    for (const range of ranges) {
      expect(range.first).toBe(next);
      next = range.size;
    }
    const { rows } = await pool.query<{ leafHash: Buffer }>(`SELECT "leafHash" FROM "LogLeaf" ORDER BY "index"`);
    expect(rows.length).toBe(next);
    const all = rows.map((r) => r.leafHash);
    expect(all.slice(0, 300)).toEqual(hashes);
    expect(await rootAt(pool, next)).toEqual(rootFromLeaves(all));
    const { proof, fromRoot, toRoot } = await consistencyProofAt(pool, 300, next);
    expect(verifyConsistency(300, next, proof, fromRoot, toRoot)).toBe(true);
  });
});
