import { getDb } from "@/server/db";
import { problem } from "@/server/http/problem";
import { agencyRoute } from "@/server/http/route";
import { noticeStatus } from "@/server/notices/status";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A notice's state, delivery history and read time: only the sending agency's own. */
export const GET = agencyRoute("notices of the key's own agency", async (_req, { params }: { params: Promise<{ id: string }> }, caller) => {
  const { id } = await params;
  const status = UUID.test(id) ? await noticeStatus(getDb(), caller.agencyId, { id }) : null;
  if (!status) return problem(404, "notice-not-found", "No notice of yours has this id");
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
