import type { Db } from "../db";
import type { NoticeBatch } from "../generated/prisma/client";
import { errorReportHeader, errorReportLine } from "./error-report";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A batch's progress, for its own agency only. */
export async function batchStatus(db: Db, agencyId: string, id: string) {
  if (!UUID.test(id)) return null;
  const b = await db.noticeBatch.findFirst({ where: { id, agencyId } });
  return b ? batchView(b) : null;
}

/** The agency's latest uploads, newest first. */
export async function recentBatches(db: Db, agencyId: string, take = 10) {
  const rows = await db.noticeBatch.findMany({ where: { agencyId }, orderBy: { createdAt: "desc" }, take });
  return rows.map(batchView);
}

function batchView(b: NoticeBatch) {
  return {
    id: b.id,
    state: b.state,
    testMode: b.testMode,
    format: b.format,
    bytes: Number(b.bytes),
    rowsRead: b.rowsRead,
    accepted: b.accepted,
    duplicates: b.duplicates,
    rejected: b.rejected,
    failure: b.failure,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
  };
}

const PAGE = 5_000;

/** The error report as a CSV stream, a page of rows at a time: never the whole report in memory. */
export function errorReportStream(db: Db, batchId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = -1;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(errorReportHeader()));
        return;
      }
      const rows = await db.noticeBatchError.findMany({ where: { batchId, row: { gt: after } }, orderBy: [{ row: "asc" }, { column: "asc" }], take: PAGE });
      if (rows.length === 0) return controller.close();
      // A row with several errors must not be split across pages.
      const last = rows.length === PAGE ? rows[rows.length - 1].row : Infinity;
      const whole = last === Infinity ? rows : rows.filter((r) => r.row < last);
      const page = whole.length > 0 ? whole : rows;
      controller.enqueue(encoder.encode(page.map((r) => errorReportLine(r.row, r.column, r.reason)).join("")));
      after = page[page.length - 1].row;
    },
  });
}
