import { publicRoute } from "@/server/http/route";
import { checkpointResponse } from "@/server/credentials/log/http";

export const dynamic = "force-dynamic";

/** The certificate log's latest checkpoint, a signed note (c2sp.org/tlog-checkpoint). */
export const GET = publicRoute("none", () => checkpointResponse());
