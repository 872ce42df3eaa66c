import { publicRoute } from "@/server/http/route";
import { verifyCredentialResponse } from "@/server/credentials/verify-http";

export const dynamic = "force-dynamic";

/** Anyone may check a certificate: by presentation (GET ?presentation= or POST JSON for long ones) or by authenticity number. */
export const GET = publicRoute("none", (req) => verifyCredentialResponse(req));
// Reads no cookie and changes nothing: other systems post presentations too long for a URL.
export const POST = publicRoute("none", (req) => verifyCredentialResponse(req), { serverToServer: true });
