import type { Task } from "graphile-worker";
import { z } from "zod";
import type { JobDeps } from "../deps";

const payload = z.object({ batchId: z.uuid() });

/** Ingests an uploaded notice batch; safe to retry (it resumes after the last committed chunk). */
export const ingestBatchTask = (deps: JobDeps): Task => async (raw) => {
  const { batchId } = payload.parse(raw);
  const { ingestBatch } = await import("../../notices/batch-ingest");
  const { getPgPool } = await import("../../db/pool");
  const { readEnv, requireSecret } = await import("../../env");
  const env = readEnv();
  const started = Date.now();
  await ingestBatch(deps.db, getPgPool(), batchId, { dataDir: env.DATA_DIR, ciSecret: requireSecret(env, "CI_SECRET"), clock: deps.clock });
  deps.log.info({ batchId, ms: Date.now() - started }, "batch ingested");
};
