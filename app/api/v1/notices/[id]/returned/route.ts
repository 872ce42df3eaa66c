import { getDb } from "@/server/db";
import { getPgPool } from "@/server/db/pool";
import { markLetterReturned } from "@/server/delivery/returned";
import { problem } from "@/server/http/problem";
import { agencyRoute } from "@/server/http/route";
import { noticeStatus } from "@/server/notices/status";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The post returned the notice's letter; idempotent. Only the sending agency's own notices. */
export const POST = agencyRoute("notices of the key's own agency", async (req, { params }: { params: Promise<{ id: string }> }, caller) => {
  const { id } = await params;
  if (!UUID.test(id)) return problem(404, "notice-not-found", "No notice of yours has this id");
  const body = await req.json().catch(() => undefined);
  if (body === undefined) return problem(400, "invalid-json", "The body is not valid JSON");
  const result = await markLetterReturned(getPgPool(), caller.agencyId, id, body, new Date());
  switch (result.outcome) {
    case "invalid":
      return problem(400, "invalid-returned-letter", "The report is not valid", { errors: result.errors });
    case "not-found":
      return problem(404, "notice-not-found", "No notice of yours has this id");
    case "no-letter-sent":
      return problem(409, "no-letter-sent", "This notice has no letter with the post (sent, printed or dispatched)");
    default:
      return Response.json(await noticeStatus(getDb(), caller.agencyId, { id }), { headers: { "Cache-Control": "no-store" } });
  }
});
