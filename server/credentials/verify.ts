import { hash } from "node:crypto";
import type { JWK, JWTPayload, ProtectedHeaderParameters } from "jose";
import { failed, ok, unknown, worst, type Check } from "./check";
import { decodeJws, verifyEs256 } from "./es256";
import { checkKeyBinding } from "./key-binding";
import { verifyCheckpoint } from "./log/checkpoint";
import { leafHash, verifyInclusion } from "./log/merkle";
import { asciiBytes, disclose, SD_ALG, splitSdJwt } from "./sd-jwt";
import { checkStatus, type FetchStatus } from "./status-check";
import { SD_JWT_VC_TYP, typeOfVct, type CredentialType } from "./types";

/**
 * Verifies a presented SD-JWT VC the way OpenCerts shows a document: is the issuer one we know,
 * is it unaltered and in the transparency log, is it still valid — each "ok", "failed" or
 * "unknown" — plus whether the holder's device signed this presentation for this verifier.
 */
export interface LogAccess {
  /** The log's C2SP verifier key, known to the verifier beforehand. */
  verifierKey: string;
  /** The latest signed checkpoint; a cached one only if it covers `minSize` entries. */
  checkpoint(minSize?: number): Promise<string>;
  /** The index of the leaf whose data is this digest, or null when the log has none. */
  locate(jwtDigest: Buffer): Promise<number | null>;
  inclusionProof(index: number, size: number): Promise<Buffer[]>;
  /**
   * Inclusions this verifier has already proved (leaf, index, tree size and root): the same
   * inputs give the same answer, so a verifier that keeps them need not fetch and check the proof
   * again. Without it every check fetches and verifies its proof.
   */
  proven?: Set<string>;
}

export interface VerifyOptions {
  now: Date;
  /** iss → the issuer's published keys. */
  trustedIssuers: Record<string, { keys: JWK[] }>;
  log: LogAccess;
  fetchStatus?: FetchStatus;
  /** The audience and nonce the holder must have signed; without them the holder is not checked. */
  keyBinding?: { aud: string; nonce: string };
}

export interface Verification {
  ok: boolean;
  checks: {
    issuer: Check;
    /** Signature, disclosures and log inclusion; `logIndex` and `treeSize` say where it was proved. */
    unaltered: Check & { logIndex?: number; treeSize?: number };
    notRevoked: Check;
    holder: Check;
  };
  type: CredentialType | null;
  iss: string | null;
  issuedAt: Date | null;
  /** The disclosed claims alone (no JWT or VC registered claims), when the disclosures are sound. */
  claims: Record<string, unknown> | null;
}

const REGISTERED = new Set(["iss", "iat", "nbf", "exp", "sub", "jti", "vct", "vct#integrity", "cnf", "status"]);

function recognise(header: ProtectedHeaderParameters, payload: JWTPayload, trusted: VerifyOptions["trustedIssuers"]): { check: Check; keys?: JWK[]; key?: JWK } {
  if (header.alg !== "ES256") return { check: failed("unsupported-algorithm") };
  const keys = typeof payload.iss === "string" && Object.hasOwn(trusted, payload.iss) ? trusted[payload.iss].keys : undefined;
  if (!keys) return { check: failed("unknown-issuer") };
  const key = keys.find((k) => k.kid !== undefined && k.kid === header.kid);
  return key ? { check: ok(), keys, key } : { check: failed("unknown-key"), keys };
}

// A verifier checks many certificates with the same few checkpoints: verify each once.
let lastCheckpoint: { note: string; key: string; checkpoint: ReturnType<typeof verifyCheckpoint>; root: string } | undefined;
function verifyCheckpointOnce(note: string, key: string) {
  if (lastCheckpoint?.note !== note || lastCheckpoint.key !== key) {
    const checkpoint = verifyCheckpoint(note, key);
    lastCheckpoint = { note, key, checkpoint, root: checkpoint?.rootHash.toString("base64") ?? "" };
  }
  return lastCheckpoint;
}

// The same certificate is shown again and again: its issuer JWT's header and claims are read once
// per text (never changed once read); its signature is still checked at every presentation.
const decoded = new Map<string, ReturnType<typeof decodeJws>>();
const MAX_DECODED = 10_000;
/** Frozen all the way down: shared between presentations, so nothing may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function decodeIssuerJwt(jwt: string): ReturnType<typeof decodeJws> {
  let hit = decoded.get(jwt);
  if (!hit) {
    const { header, payload } = decodeJws(jwt);
    hit = { header: deepFreeze(header), payload: deepFreeze(payload) };
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
    decoded.set(jwt, hit);
  }
  return hit;
}

/** jwt.split(".").length === 3, without making the parts. */
function hasThreeParts(jwt: string): boolean {
  const second = jwt.indexOf(".", jwt.indexOf(".") + 1);
  return second > 0 && jwt.indexOf(".", second + 1) < 0;
}

function checkSignature(jwt: string, header: ProtectedHeaderParameters, key: JWK | undefined): Check {
  if (!key) return unknown("issuer-not-recognised");
  if (header.typ !== SD_JWT_VC_TYP) return failed("wrong-type");
  // recognise() admitted ES256 only; no extensions are understood, so none may be critical.
  if (header.crit !== undefined || header.b64 !== undefined || !hasThreeParts(jwt)) return failed("signature");
  try {
    return verifyEs256(jwt, key) ? ok() : failed("signature");
  } catch {
    return failed("signature");
  }
}

async function checkLogged(jwt: string, log: LogAccess): Promise<Check & { logIndex?: number; treeSize?: number }> {
  const digest = hash("sha256", asciiBytes(jwt), "buffer");
  try {
    const index = await log.locate(digest);
    if (index === null) return failed("not-logged");
    const { checkpoint, root } = verifyCheckpointOnce(await log.checkpoint(index + 1), log.verifierKey);
    if (!checkpoint) return unknown("checkpoint-unverifiable");
    if (index >= checkpoint.size) return unknown("not-yet-checkpointed");
    const proven = log.proven && `${digest.toString("base64")} ${index} ${checkpoint.size} ${root}`;
    if (!proven || !log.proven!.has(proven)) {
      const proof = await log.inclusionProof(index, checkpoint.size);
      if (!verifyInclusion(leafHash(digest), index, checkpoint.size, proof, checkpoint.rootHash)) return failed("inclusion-proof");
      if (proven) log.proven!.add(proven);
    }
    return { result: "ok", logIndex: index, treeSize: checkpoint.size };
  } catch {
    return unknown("log-unreachable");
  }
}

function malformed(): Verification {
  const bad = failed("malformed");
  return { ok: false, checks: { issuer: bad, unaltered: bad, notRevoked: unknown("not-checked"), holder: unknown("not-checked") }, type: null, iss: null, issuedAt: null, claims: null };
}

export async function verifyPresentation(presentation: string, options: VerifyOptions): Promise<Verification> {
  const text = presentation.trim();
  let parts: ReturnType<typeof splitSdJwt>;
  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    parts = splitSdJwt(text);
    ({ header, payload } = decodeIssuerJwt(parts.jwt));
  } catch {
    return malformed();
  }
  const issuer = recognise(header, payload, options.trustedIssuers);
  const signature = checkSignature(parts.jwt, header, issuer.key);
  let claims: Record<string, unknown> | null = null;
  let disclosures = ok();
  try {
    if (payload._sd_alg !== SD_ALG) throw new Error("unsupported _sd_alg");
    claims = Object.fromEntries(Object.entries(disclose(payload, parts.disclosures).claims).filter(([name]) => !REGISTERED.has(name)));
  } catch {
    disclosures = failed("disclosures");
  }
  const logged = await checkLogged(parts.jwt, options.log);
  const unaltered = { ...worst(signature, disclosures, logged), ...(logged.result === "ok" && { logIndex: logged.logIndex, treeSize: logged.treeSize }) };
  // The status reference is trusted only once the signature is.
  const notRevoked = signature.result === "ok" ? await checkStatus(payload.status, issuer.keys!, options.now, options.fetchStatus) : unknown("not-checked");
  const holder = options.keyBinding ? await checkKeyBinding(text.slice(0, text.lastIndexOf("~") + 1), parts.kbJwt, payload.cnf, options.keyBinding, options.now) : unknown("not-requested");
  const checks = { issuer: issuer.check, unaltered, notRevoked, holder };
  return {
    ok: issuer.check.result === "ok" && unaltered.result === "ok" && notRevoked.result === "ok" && holder.result === "ok",
    checks,
    type: typeOfVct(payload.vct),
    iss: typeof payload.iss === "string" ? payload.iss : null,
    issuedAt: typeof payload.iat === "number" ? new Date(payload.iat * 1000) : null,
    claims: disclosures.result === "ok" ? claims : null,
  };
}
