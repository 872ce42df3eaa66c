import { publicRoute } from "@/server/http/route";
import { keyResponse } from "@/server/credentials/log/http";

export const dynamic = "force-dynamic";

/** The verifier key of the certificate log's checkpoints (c2sp.org/signed-note). */
export const GET = publicRoute("none", () => keyResponse());
