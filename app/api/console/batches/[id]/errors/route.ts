import { getDb } from "@/server/db";
import { jsonError, sessionRoute } from "@/server/http/route";
import { batchStatus, errorReportStream } from "@/server/notices/batch-status";

export const dynamic = "force-dynamic";

/**
 * A batch's rejected rows as CSV (row, column, reason), for an operator of the batch's own agency
 * who may send (as for the console's batch procedures).
 */
export const GET = sessionRoute("operator", "batches of the operator's own agency", async (_req, { params }: { params: Promise<{ id: string }> }, principal) => {
  const db = getDb();
  const operator = await db.agencyOperator.findUnique({ where: { id: principal.id } });
  if (!operator?.permissions.includes("send")) return jsonError(403, "forbidden");
  const status = await batchStatus(db, operator.agencyId, (await params).id);
  if (!status) return jsonError(404, "batch_not_found");
  return new Response(errorReportStream(db, status.id), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="batch-${status.id}-errors.csv"`, "Cache-Control": "no-store" },
  });
});
