import { publicRoute } from "@/server/http/route";
import { issuerJwksResponse } from "@/server/credentials/http";

export const dynamic = "force-dynamic";

/** A certificate issuer's public keys, current and retired, that its SD-JWT VCs and status lists verify with. */
export const GET = publicRoute("none", async (_req, { params }: { params: Promise<{ agency: string }> }) => issuerJwksResponse((await params).agency));
