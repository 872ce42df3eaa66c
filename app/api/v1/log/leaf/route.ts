import { publicRoute } from "@/server/http/route";
import { leafResponse } from "@/server/credentials/log/leaf-http";

export const dynamic = "force-dynamic";

/** ?hash=<base64 SHA-256 of an issuer-signed JWT>: the certificate's index in the log. */
export const GET = publicRoute("none", (req) => leafResponse(req));
