import { publicRoute } from "@/server/http/route";
import { statusListResponse } from "@/server/credentials/http";

export const dynamic = "force-dynamic";

/** A certificate issuer's Token Status List, signed (application/statuslist+jwt). */
export const GET = publicRoute("none", async (_req, { params }: { params: Promise<{ listId: string }> }) => statusListResponse((await params).listId));
