import { getPgPool } from "../db/pool";
import { problem } from "../http/problem";
import { issuerBySlug } from "./issuers";
import { credentialKeyring } from "./keys";
import { STATUS_TTL_SECONDS, statusListJwt } from "./status-store";

/** Public, read-only endpoints of certificate issuance; app/ wraps these in publicRoute. */
export async function statusListResponse(listId: string): Promise<Response> {
  const token = /^[0-9a-f-]{36}$/.test(listId) ? await statusListJwt(getPgPool(), await credentialKeyring(), listId, new Date()) : null;
  if (!token) return problem(404, "status-list-not-found", "No status list has this id");
  return new Response(token, { headers: { "Content-Type": "application/statuslist+jwt", "Cache-Control": `public, max-age=${Math.min(60, STATUS_TTL_SECONDS)}` } });
}

export async function issuerJwksResponse(slug: string): Promise<Response> {
  const code = issuerBySlug(slug);
  if (!code) return problem(404, "issuer-not-found", "No certificate issuer has this name");
  const { jwks } = (await credentialKeyring()).issuer(code);
  return Response.json(jwks, { headers: { "Cache-Control": "public, max-age=3600" } });
}
