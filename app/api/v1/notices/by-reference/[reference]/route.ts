import { getDb } from "@/server/db";
import { problem } from "@/server/http/problem";
import { agencyRoute } from "@/server/http/route";
import { REFERENCE } from "@/server/notices/input";
import { noticeStatus } from "@/server/notices/status";

export const dynamic = "force-dynamic";

/** The same as GET /api/v1/notices/{id}, by the agency's own reference. */
export const GET = agencyRoute("notices of the key's own agency", async (_req, { params }: { params: Promise<{ reference: string }> }, caller) => {
  const reference = decoded((await params).reference);
  // What cannot be a reference names no notice (and a NUL would not even reach the database).
  const status = reference !== null && REFERENCE.test(reference) ? await noticeStatus(getDb(), caller.agencyId, { reference }) : null;
  if (!status) return problem(404, "notice-not-found", "No notice of yours has this reference");
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
