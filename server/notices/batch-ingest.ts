import { rm } from "node:fs/promises";
import type pg from "pg";
import type { Db } from "../db";
import { DELIVER_NOW_SQL } from "../jobs/queue";
import { prepareInWorker, type PreparedChunk } from "./batch-prepare";
import { BatchTooLarge, type BatchEncoding, type BatchFormat } from "./batch-reader";
import { spoolPath } from "./batches";
import { queryTemplateRows } from "./agency-templates";
import { ACCEPTED, canCheckPerChunk, DailyLimitReached, SAME_CONTENT, storeEncoded } from "./ingest";

export const CHUNK_ROWS = 5_000;
const CONCURRENT_CHUNKS = 3;

/**
 * The worker's part: reads the spooled file row by row and ingests it in chunks. Rows are read,
 * checked and encoded in a thread of their own (prepareInWorker) while earlier chunks are stored.
 * Each chunk's notices, errors and the batch's counters commit together, so a crash resumes after
 * the last committed chunk and nothing is stored twice.
 */
export async function ingestBatch(db: Db, pool: pg.Pool, batchId: string, deps: { dataDir: string; ciSecret: string; clock: () => Date }): Promise<void> {
  const batch = await db.noticeBatch.findUnique({ where: { id: batchId }, include: { agency: true } });
  if (!batch || batch.state === "done" || batch.state === "failed") return;
  await db.noticeBatch.update({ where: { id: batchId }, data: { state: "processing" } });
  const file = spoolPath(deps.dataDir, batchId);
  const checkPerChunk = await canCheckPerChunk(pool);
  const ctx = { agencyId: batch.agencyId, testMode: batch.testMode, batchId };

  /** One chunk in one transaction; past the daily limit, the chunk is recorded as refused instead. */
  const commitChunk = async (chunk: PreparedChunk, store: boolean) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const stored = store ? await storeEncoded(client, chunk.notices, { ...ctx, now: deps.clock(), dailyLimit: batch.agency.dailyNoticeLimit, checkPerChunk }) : null;
      const errors: [number, string, string][] = [];
      let accepted = 0;
      let duplicates = 0;
      let k = 0;
      let refused = 0;
      for (let row = 0; row < chunk.lines.length; row++) {
        const line = chunk.lines[row];
        if (chunk.refused[refused]?.row === row) {
          // A column is the agency's own header or key, which could hold a NUL PostgreSQL cannot store.
          for (const i of chunk.refused[refused++].issues) errors.push([line, i.column.replaceAll("\0", "\uFFFD"), i.reason]);
          continue;
        }
        if (!stored) {
          errors.push([line, "row", "daily_limit_reached"]);
          continue;
        }
        const o = stored.outcomes[k++];
        if (o === ACCEPTED) accepted++;
        else if (o === SAME_CONTENT) duplicates++;
        else errors.push([line, "reference", "reference_reused"]);
      }
      if (errors.length > 0) {
        await client.query(
          `INSERT INTO "NoticeBatchError" ("batchId", row, "column", reason) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
          [batchId, errors.map((e) => e[0]), errors.map((e) => e[1]), errors.map((e) => e[2])],
        );
      }
      const lines = chunk.lines;
      await client.query(`INSERT INTO "NoticeBatchChunk" ("batchId", "firstLine", "lastLine") VALUES ($1, $2, $3)`, [batchId, lines[0], lines[lines.length - 1]]);
      await client.query(
        `UPDATE "NoticeBatch" SET "rowsRead" = "rowsRead" + $2, accepted = accepted + $3, duplicates = duplicates + $4, rejected = rejected + $5 WHERE id = $1`,
        [batchId, lines.length, accepted, duplicates, new Set(errors.map((e) => e[0])).size],
      );
      if (accepted > 0) await client.query(DELIVER_NOW_SQL);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  const commit = async (chunk: PreparedChunk) => {
    try {
      await commitChunk(chunk, true);
    } catch (error) {
      if (!(error instanceof DailyLimitReached)) throw error;
      await commitChunk(chunk, false);
    }
  };
  // Up to CONCURRENT_CHUNKS chunks commit at once while the next is prepared, so Node's two threads
  // and PostgreSQL (and both of its cores) work side by side.
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const submit = async (chunk: PreparedChunk) => {
    while (inFlight.size >= CONCURRENT_CHUNKS) await Promise.race(inFlight);
    if (failure) throw failure;
    const running: Promise<void> = commit(chunk)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  };

  try {
    // Chunks commit concurrently: a resumed ingest skips exactly the committed ranges.
    const committed = await db.noticeBatchChunk.findMany({ where: { batchId }, select: { firstLine: true, lastLine: true } });
    const templates = await queryTemplateRows(pool, batch.agencyId);
    const chunks = prepareInWorker({ file, format: batch.format as BatchFormat, encoding: batch.encoding as BatchEncoding | null, templates, ciSecret: deps.ciSecret, ctx, committed, chunkRows: CHUNK_ROWS });
    for await (const chunk of chunks) await submit(chunk);
    await Promise.all(inFlight);
    if (failure) throw failure;
  } catch (error) {
    await Promise.allSettled(inFlight);
    if (!(error instanceof BatchTooLarge)) throw error;
    // Counted before anything of the excess was read; what came before stays, reported as such.
    await db.noticeBatch.update({ where: { id: batchId }, data: { state: "failed", failure: `too_many_${error.limit}`, finishedAt: deps.clock() } });
    await rm(file, { force: true });
    return;
  }
  await db.noticeBatch.update({ where: { id: batchId }, data: { state: "done", finishedAt: deps.clock() } });
  await rm(file, { force: true });
}
