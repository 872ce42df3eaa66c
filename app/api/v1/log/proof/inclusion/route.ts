import { publicRoute } from "@/server/http/route";
import { inclusionResponse } from "@/server/credentials/log/http";

export const dynamic = "force-dynamic";

/** ?index=I&size=N: the RFC 9162 audit path of entry I in the log's tree of N entries. */
export const GET = publicRoute("none", (req) => inclusionResponse(req));
