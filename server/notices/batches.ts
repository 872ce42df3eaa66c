import { DELIVER_NOW_SQL } from "../jobs/queue";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import type pg from "pg";
import type { Db } from "../db";
import type { AgencyCaller } from "../agencies/api-keys";
import { BatchTooLarge, DEFAULT_BATCH_LIMITS, readBatch, type BatchEncoding, type BatchFormat } from "./batch-reader";
import { nestRow, prepareNotice, type NoticeDraft, type RowIssue } from "./input";
import { canCheckPerChunk, DailyLimitReached, loadAgencyTemplates, storeChunk, type StoreOutcome } from "./ingest";

export const CHUNK_ROWS = 5_000;
const CONCURRENT_CHUNKS = 3;

export function spoolPath(dataDir: string, batchId: string): string {
  return path.join(dataDir, "batches", `${batchId}.upload`);
}

class UploadTooLarge extends Error {}

/**
 * Receives an upload: streamed to DATA_DIR/batches (never held in memory), refused past the byte
 * limit, then queued for the worker. Answers at once with the batch id.
 */
export async function receiveBatch(
  db: Db,
  pool: pg.Pool,
  caller: AgencyCaller,
  upload: { body: ReadableStream<Uint8Array>; format: BatchFormat; encoding: BatchEncoding | null },
  dataDir: string,
  maxBytes = DEFAULT_BATCH_LIMITS.maxBytes,
): Promise<{ ok: true; id: string } | { ok: false; reason: "too_large" }> {
  const batch = await db.noticeBatch.create({
    data: { agencyId: caller.agencyId, testMode: caller.kind === "test", state: "receiving", format: upload.format, encoding: upload.encoding },
  });
  const file = spoolPath(dataDir, batch.id);
  await mkdir(path.dirname(file), { recursive: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? new UploadTooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(upload.body as import("node:stream/web").ReadableStream), limit, createWriteStream(file));
  } catch (error) {
    await rm(file, { force: true });
    if (!(error instanceof UploadTooLarge)) throw error;
    await db.noticeBatch.update({ where: { id: batch.id }, data: { state: "failed", failure: "too_large", bytes, finishedAt: new Date() } });
    return { ok: false, reason: "too_large" };
  }
  await db.noticeBatch.update({ where: { id: batch.id }, data: { state: "queued", bytes } });
  await pool.query(`SELECT graphile_worker.add_job('ingest-batch', json_build_object('batchId', $1::text), job_key := $1::text, max_attempts := 5)`, [batch.id]);
  return { ok: true, id: batch.id };
}

interface Pending {
  line: number;
  draft?: NoticeDraft;
  issues?: RowIssue[];
}

/**
 * The worker's part: reads the spooled file row by row and ingests it in chunks. Each chunk's
 * notices, errors and the batch's counters commit together, so a crash resumes after the last
 * committed chunk and nothing is stored twice.
 */
export async function ingestBatch(db: Db, pool: pg.Pool, batchId: string, deps: { dataDir: string; ciSecret: string; clock: () => Date }): Promise<void> {
  const batch = await db.noticeBatch.findUnique({ where: { id: batchId }, include: { agency: true } });
  if (!batch || batch.state === "done" || batch.state === "failed") return;
  await db.noticeBatch.update({ where: { id: batchId }, data: { state: "processing" } });
  const file = spoolPath(deps.dataDir, batchId);
  const templates = await loadAgencyTemplates(pool, batch.agencyId);
  const checkPerChunk = await canCheckPerChunk(pool);
  // Chunks commit concurrently: a resumed ingest skips exactly the committed ranges.
  const done = await db.noticeBatchChunk.findMany({ where: { batchId }, select: { firstLine: true, lastLine: true } });
  const committed = (line: number) => done.some((c) => line >= c.firstLine && line <= c.lastLine);
  let pending: Pending[] = [];

  /** One chunk in one transaction; past the daily limit, the chunk is recorded as refused instead. */
  const commitChunk = async (chunk: Pending[], store: boolean) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const drafts = store ? chunk.filter((p) => p.draft).map((p) => p.draft!) : [];
      const outcomes: StoreOutcome[] = await storeChunk(client, drafts, templates, {
        agencyId: batch.agencyId,
        testMode: batch.testMode,
        batchId,
        now: deps.clock(),
        dailyLimit: batch.agency.dailyNoticeLimit,
        checkPerChunk,
      });
      const errors: [number, string, string][] = [];
      let accepted = 0;
      let duplicates = 0;
      let k = 0;
      for (const p of chunk) {
        if (p.issues) {
          // A column is the agency's own header or key, which could hold a NUL PostgreSQL cannot store.
          for (const i of p.issues) errors.push([p.line, i.column.replaceAll("\0", "\uFFFD"), i.reason]);
          continue;
        }
        if (!store) {
          errors.push([p.line, "row", "daily_limit_reached"]);
          continue;
        }
        const o = outcomes[k++];
        if (o.kind === "accepted") accepted++;
        else if (o.sameContent) duplicates++;
        else errors.push([p.line, "reference", "reference_reused"]);
      }
      if (errors.length > 0) {
        await client.query(
          `INSERT INTO "NoticeBatchError" ("batchId", row, "column", reason) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
          [batchId, errors.map((e) => e[0]), errors.map((e) => e[1]), errors.map((e) => e[2])],
        );
      }
      await client.query(`INSERT INTO "NoticeBatchChunk" ("batchId", "firstLine", "lastLine") VALUES ($1, $2, $3)`, [batchId, chunk[0].line, chunk[chunk.length - 1].line]);
      await client.query(
        `UPDATE "NoticeBatch" SET "rowsRead" = "rowsRead" + $2, accepted = accepted + $3, duplicates = duplicates + $4, rejected = rejected + $5 WHERE id = $1`,
        [batchId, chunk.length, accepted, duplicates, new Set(errors.map((e) => e[0])).size],
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

  const commit = async (chunk: Pending[]) => {
    try {
      await commitChunk(chunk, true);
    } catch (error) {
      if (!(error instanceof DailyLimitReached)) throw error;
      await commitChunk(chunk, false);
    }
  };
  // Up to CONCURRENT_CHUNKS chunks commit at once while the next is read and checked, so Node and
  // PostgreSQL (and both of its cores) work side by side.
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = [];
    while (inFlight.size >= CONCURRENT_CHUNKS) await Promise.race(inFlight);
    if (failure) throw failure;
    const running: Promise<void> = commit(chunk)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  };
  const drain = async () => {
    await Promise.all(inFlight);
    if (failure) throw failure;
  };

  try {
    for await (const row of readBatch(createReadStream(file, { highWaterMark: 256 * 1024 }), { format: batch.format as BatchFormat, encoding: batch.encoding as BatchEncoding | null })) {
      if (committed(row.line)) continue;
      if ("error" in row) pending.push({ line: row.line, issues: [{ column: "row", reason: row.error }] });
      else {
        const prepared = prepareNotice(nestRow(row.record), templates.lookup, deps.ciSecret);
        pending.push(prepared.ok ? { line: row.line, draft: prepared.draft } : { line: row.line, issues: prepared.issues });
      }
      if (pending.length >= CHUNK_ROWS) await flush();
    }
    await flush();
    await drain();
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
