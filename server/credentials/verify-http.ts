import { problem } from "../http/problem";
import { requestLocale } from "../http/route";
import { clientIp, getRateLimits } from "../security/rate-limit";
import { tooManyRequestsMessage } from "../security/too-many";
import { appVerifier, type AppVerification } from "./verifier";
import { verifyRequestSchema, type VerificationJson } from "./verify-schema";

/** GET (query) and POST (JSON) /api/v1/credentials/verify; app/ wraps it in publicRoute. */
export async function verifyCredentialResponse(req: Request): Promise<Response> {
  const limited = await getRateLimits().consume("verify", clientIp(req));
  if (!limited.ok) {
    const seconds = limited.retryAfterSeconds;
    return problem(429, "rate-limited", tooManyRequestsMessage(requestLocale(req), seconds), { retryAfterSeconds: seconds }, { "Retry-After": String(seconds) });
  }
  let input: unknown;
  if (req.method === "POST") {
    if (!(req.headers.get("content-type") ?? "").includes("application/json")) return problem(415, "unsupported-media-type", "Send application/json");
    input = await req.json().catch(() => undefined);
    if (input === undefined) return problem(400, "invalid-json", "The body is not valid JSON");
  } else {
    input = Object.fromEntries(new URL(req.url).searchParams);
  }
  const parsed = verifyRequestSchema.safeParse(input);
  if (!parsed.success) {
    return problem(400, "invalid-verify-request", "Give a presentation or an authenticity number", { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  }
  const { presentation, number, aud, nonce } = parsed.data;
  const verifier = await appVerifier();
  const keyBinding = aud && nonce ? { aud, nonce } : undefined;
  if (presentation !== undefined) return Response.json(toJson(await verifier.presentation(presentation, keyBinding)), { headers: { "Cache-Control": "no-store" } });
  const found = await verifier.authenticityNumber(number!);
  if (!found) return problem(404, "credential-not-found", "No certificate has this authenticity number");
  return Response.json({ ...toJson(found), authenticityNumber: found.authenticityNumber }, { headers: { "Cache-Control": "no-store" } });
}

export function toJson(v: AppVerification): VerificationJson {
  const { loggedAt, ...unaltered } = v.checks.unaltered;
  return {
    ok: v.ok,
    checks: { ...v.checks, unaltered: { ...unaltered, ...(loggedAt && { loggedAt: loggedAt.toISOString() }) } },
    type: v.type,
    iss: v.iss,
    issuer: v.issuer,
    issuedAt: v.issuedAt?.toISOString() ?? null,
    claims: v.claims,
  };
}
