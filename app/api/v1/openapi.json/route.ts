import { publicRoute } from "@/server/http/route";
import { agencyApiDocument } from "@/server/notices/openapi";

/** The agency API's OpenAPI 3.1 description: public, like any API reference. */
export const GET = publicRoute("none", () => Response.json(agencyApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
