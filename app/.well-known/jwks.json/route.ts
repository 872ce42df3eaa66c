import { publicRoute } from "@/server/http/route";
import { publicKeys } from "@/server/notices/certificate-signing";

export const dynamic = "force-dynamic";

/** The public keys that verify Moa's signed delivery statements, for anyone to check offline. */
export const GET = publicRoute("none", async () => Response.json(await publicKeys(), { headers: { "Cache-Control": "public, max-age=3600" } }));
