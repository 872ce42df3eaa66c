import { getDb } from "@/server/db";
import { problem } from "@/server/http/problem";
import { agencyRoute } from "@/server/http/route";
import { batchStatus } from "@/server/notices/batch-status";

export const dynamic = "force-dynamic";

/** A batch's state and counts: rows read, accepted, duplicates, rejected. */
export const GET = agencyRoute("batches of the key's own agency", async (_req, { params }: { params: Promise<{ id: string }> }, caller) => {
  const status = await batchStatus(getDb(), caller.agencyId, (await params).id);
  if (!status) return problem(404, "batch-not-found", "No batch of yours has this id");
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
