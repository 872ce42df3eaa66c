import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from "jose";
import { failed, ok, unknown, worst, type Check } from "./check";
import { fromBase64, leafHash, sha256, verifyCheckpoint, verifyInclusion } from "./log/verify-web";
import { disclose, SD_ALG, splitSdJwt } from "./sd-jwt-core";
import { SD_JWT_VC_TYP, typeOfVct, type CredentialType } from "./types";

/**
 * verifyPresentation's issuer, signature, disclosure and inclusion checks with WebCrypto and no
 * node: imports, for the browser when it is offline: the issuers' keys, the log's key and a
 * certificate's inclusion proof with its checkpoint come from what the device saved while online.
 * Revocation cannot be known offline ("unknown"), nor is the holder asked.
 */
export interface SavedInclusion {
  /** The signed checkpoint the proof leads to. */
  checkpoint: string;
  index: number;
  /** Standard base64 hashes, RFC 9162 order. */
  proof: string[];
}

export interface WebVerifyOptions {
  trustedIssuers: Record<string, { keys: JWK[] }>;
  logKey: string | null;
  /** The saved inclusion of the certificate whose JWT has this SHA-256 (standard base64), if any. */
  inclusion(jwtDigest: string): SavedInclusion | undefined;
}

export interface WebVerification {
  ok: boolean;
  checks: { issuer: Check; unaltered: Check & { logIndex?: number; treeSize?: number }; notRevoked: Check; holder: Check };
  type: CredentialType | null;
  iss: string | null;
  issuedAt: string | null;
  claims: Record<string, unknown> | null;
}

const REGISTERED = new Set(["iss", "iat", "nbf", "exp", "sub", "jti", "vct", "vct#integrity", "cnf", "status"]);
const ascii = (text: string) => new TextEncoder().encode(text);
const base64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const base64url = (b: Uint8Array) => base64(b).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

async function checkLogged(jwt: string, options: WebVerifyOptions): Promise<Check & { logIndex?: number; treeSize?: number }> {
  const digest = await sha256(ascii(jwt));
  const saved = options.inclusion(base64(digest));
  if (!saved || !options.logKey) return unknown("offline");
  const checkpoint = await verifyCheckpoint(saved.checkpoint, options.logKey).catch(() => null);
  if (!checkpoint) return unknown("checkpoint-unverifiable");
  const proof = saved.proof.map(fromBase64);
  if (proof.some((p) => !p)) return failed("inclusion-proof");
  if (!(await verifyInclusion(await leafHash(digest), saved.index, checkpoint.size, proof as Uint8Array[], checkpoint.rootHash))) return failed("inclusion-proof");
  return { ...ok(), logIndex: saved.index, treeSize: checkpoint.size };
}

export async function verifyPresentationWeb(presentation: string, options: WebVerifyOptions): Promise<WebVerification> {
  let parts: ReturnType<typeof splitSdJwt>;
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: ReturnType<typeof decodeJwt>;
  try {
    parts = splitSdJwt(presentation.trim());
    header = decodeProtectedHeader(parts.jwt);
    payload = decodeJwt(parts.jwt);
  } catch {
    const bad = failed("malformed");
    return { ok: false, checks: { issuer: bad, unaltered: bad, notRevoked: unknown("not-checked"), holder: unknown("not-checked") }, type: null, iss: null, issuedAt: null, claims: null };
  }
  const keys = typeof payload.iss === "string" && Object.hasOwn(options.trustedIssuers, payload.iss) ? options.trustedIssuers[payload.iss].keys : undefined;
  const key = keys?.find((k) => k.kid !== undefined && k.kid === header.kid);
  const issuer = header.alg !== "ES256" ? failed("unsupported-algorithm") : !keys ? failed("unknown-issuer") : key ? ok() : failed("unknown-key");

  let signature: Check;
  if (!key || issuer.result !== "ok") signature = unknown("issuer-not-recognised");
  else if (header.typ !== SD_JWT_VC_TYP) signature = failed("wrong-type");
  else signature = await compactVerify(parts.jwt, await importJWK(key, "ES256"), { algorithms: ["ES256"] }).then(ok, () => failed("signature"));

  let claims: Record<string, unknown> | null = null;
  let disclosures = ok();
  try {
    if (payload._sd_alg !== SD_ALG) throw new Error("unsupported _sd_alg");
    const digests = new Map(await Promise.all(parts.disclosures.map(async (d) => [d, base64url(await sha256(ascii(d)))] as const)));
    claims = Object.fromEntries(Object.entries(disclose(payload, parts.disclosures, (d) => digests.get(d)!).claims).filter(([name]) => !REGISTERED.has(name)));
  } catch {
    disclosures = failed("disclosures");
  }
  const logged = await checkLogged(parts.jwt, options);
  const unaltered = { ...worst(signature, disclosures, logged), ...(logged.result === "ok" && { logIndex: logged.logIndex, treeSize: logged.treeSize }) };
  const checks = { issuer, unaltered, notRevoked: unknown(signature.result === "ok" ? "offline" : "not-checked"), holder: unknown("not-requested") };
  return {
    ok: false,
    checks,
    type: typeOfVct(payload.vct),
    iss: typeof payload.iss === "string" ? payload.iss : null,
    issuedAt: typeof payload.iat === "number" ? new Date(payload.iat * 1000).toISOString() : null,
    claims: disclosures.result === "ok" ? claims : null,
  };
}
