import { getDb } from "@/server/db";
import { problem } from "@/server/http/problem";
import { agencyRoute } from "@/server/http/route";
import { REFERENCE } from "@/server/notices/input";
import { noticeStatus } from "@/server/notices/status";

export const dynamic = "force-dynamic";

/** The same as GET /api/v1/notices/{id}, by the agency's own reference. */
export const GET = agencyRoute("notices of the key's own agency", async (_req, { params }: { params: Promise<{ reference: string }> }, caller) => {
  // Already decoded by the router (as Next does): decoding again could throw or turn %2500 into a NUL.
  // What cannot be a reference names no notice.
  const { reference } = await params;
  const status = REFERENCE.test(reference) ? await noticeStatus(getDb(), caller.agencyId, { reference }) : null;
  if (!status) return problem(404, "notice-not-found", "No notice of yours has this reference");
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
