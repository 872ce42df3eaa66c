import { getPgPool } from "../../db/pool";
import "../../db/pg-utc";
import { problem } from "../../http/problem";

/**
 * GET /api/v1/log/leaf?hash=<base64 SHA-256 of an issuer-signed JWT>: where that certificate is in
 * the log, so that an outside verifier can ask for its inclusion proof. Every leaf is a certificate
 * (each is logged in the transaction that stores it), so the certificate's digest finds it.
 */
export async function leafResponse(req: Request): Promise<Response> {
  const text = new URL(req.url).searchParams.get("hash") ?? "";
  // Standard or URL-safe base64 of 32 bytes, padded or not.
  const digest = /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64") : null;
  if (digest?.length !== 32) return problem(400, "invalid-log-parameters", "Invalid log parameters", { detail: "hash must be the base64 SHA-256 of the issuer-signed JWT" });
  const { rows } = await getPgPool().query<{ index: string; createdAt: Date }>(
    `SELECT l."index"::text, l."createdAt" FROM "Credential" c JOIN "LogLeaf" l ON l."index" = c."logIndex" WHERE c."jwtDigest" = $1`,
    [digest],
  );
  if (!rows[0]) return problem(404, "log-entry-not-found", "No entry of the log has this hash");
  return Response.json({ index: Number(rows[0].index), loggedAt: rows[0].createdAt.toISOString() }, { headers: { "Cache-Control": "public, max-age=31536000, immutable" } });
}
