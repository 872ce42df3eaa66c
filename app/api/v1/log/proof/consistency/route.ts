import { publicRoute } from "@/server/http/route";
import { consistencyResponse } from "@/server/credentials/log/http";

export const dynamic = "force-dynamic";

/** ?from=M&to=N: the RFC 9162 consistency proof between the log's trees of M and N entries. */
export const GET = publicRoute("none", (req) => consistencyResponse(req));
