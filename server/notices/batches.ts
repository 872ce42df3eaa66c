import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import type pg from "pg";
import type { Db } from "../db";
import type { AgencyCaller } from "../agencies/api-keys";
import { DEFAULT_BATCH_LIMITS, type BatchEncoding, type BatchFormat } from "./batch-reader";

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
