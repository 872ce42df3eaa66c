import { getDb } from "@/server/db";
import { checkHealth } from "@/server/health";
import { publicRoute } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Liveness and readiness for load balancers: database, migrations, worker heartbeat. */
export const GET = publicRoute("none", async () => {
  const health = await checkHealth(getDb(), new Date());
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
