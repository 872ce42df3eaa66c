import { getDb } from "@/server/db";
import { problem } from "@/server/http/problem";
import { agencyRoute } from "@/server/http/route";
import { batchStatus, errorReportStream } from "@/server/notices/batch-status";

export const dynamic = "force-dynamic";

/** The rejected rows as CSV: row number, column and reason; safe to open in a spreadsheet. */
export const GET = agencyRoute("batches of the key's own agency", async (_req, { params }: { params: Promise<{ id: string }> }, caller) => {
  const status = await batchStatus(getDb(), caller.agencyId, (await params).id);
  if (!status) return problem(404, "batch-not-found", "No batch of yours has this id");
  return new Response(errorReportStream(getDb(), status.id), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="batch-${status.id}-errors.csv"`, "Cache-Control": "no-store" },
  });
});
