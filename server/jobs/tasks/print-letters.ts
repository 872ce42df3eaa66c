import type { Task } from "graphile-worker";
import type { JobDeps } from "../deps";

/** The day's letters for the print house: PDFs and a manifest in DATA_DIR/print/<day>/ (safe to run again). */
export const printLettersTask = (deps: JobDeps): Task => async () => {
  const { writePrintBatch } = await import("../../delivery/print");
  const { localizeForLetter } = await import("../../delivery/letter-text");
  const { getPgPool } = await import("../../db/pool");
  const { readEnv } = await import("../../env");
  const env = readEnv();
  const result = await writePrintBatch({ pool: getPgPool(), dataDir: env.DATA_DIR, now: deps.clock(), publicUrl: env.PUBLIC_URL ?? "http://localhost:3000", localize: localizeForLetter });
  if (result.added || result.failed) deps.log.info(result, "print batch written");
};

/** Moves letters to printed / dispatched as the print house reports them. */
export const collectPrintReceiptsTask = (deps: JobDeps): Task => async () => {
  const { collectPrintReceipts } = await import("../../delivery/print");
  const { getPgPool } = await import("../../db/pool");
  const { readEnv } = await import("../../env");
  const moved = await collectPrintReceipts({ pool: getPgPool(), dataDir: readEnv().DATA_DIR, now: deps.clock() });
  if (moved.printed || moved.dispatched) deps.log.info(moved, "print receipts collected");
};
