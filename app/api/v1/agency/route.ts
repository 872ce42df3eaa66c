import { getDb } from "@/server/db";
import { agencyRoute } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Who this key speaks for: lets an agency engineer check a key before sending anything. */
export const GET = agencyRoute("the key's own agency", async (_req, _ctx, caller) => {
  const agency = await getDb().agency.findUniqueOrThrow({ where: { id: caller.agencyId }, select: { code: true, name: true } });
  return Response.json({ agency: { code: agency.code, name: agency.name }, key: { kind: caller.kind } }, { headers: { "Cache-Control": "no-store" } });
});
