import type { JWK } from "jose";
import { ISSUERS, ISSUER_CODES } from "@/server/credentials/issuers";
import type { VerificationJson } from "@/server/credentials/verify-schema";
import { verifyPresentationWeb, type SavedInclusion } from "@/server/credentials/verify-web";

/**
 * What this browser keeps for checking certificates offline, in the Cache API: the issuers'
 * published keys and the log's verifier key (saved on every online visit), and for each
 * certificate checked online, its inclusion proof with the checkpoint it leads to. Nothing
 * personal: keys, hashes and signed checkpoints only.
 */
const CACHE = "moa-verify-v1";
const META = "/__moa-verify/meta";
const proofUrl = (digest: string) => `/__moa-verify/inclusion/${encodeURIComponent(digest)}`;
const jwksUrl = (slug: string) => `/.well-known/credential-issuers/${slug}/jwks.json`;

interface Saved {
  savedAt: string;
  logKey: string;
  jwks: Record<string, { keys: JWK[] }>;
}

const open = () => (typeof caches === "undefined" ? null : caches.open(CACHE));

async function getText(url: string): Promise<string> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

/** Saves the issuers' keys and the log's key; quietly does nothing offline. */
export async function refreshOfflineCache(): Promise<void> {
  const cache = await open();
  if (!cache || !navigator.onLine) return;
  try {
    const [logKey, ...sets] = await Promise.all([getText("/api/v1/log/key"), ...ISSUER_CODES.map((code) => getText(jwksUrl(ISSUERS[code].slug)))]);
    // The issuer ids are this site's own addresses (server/credentials/issuers.ts issuerUrl).
    const jwks = Object.fromEntries(ISSUER_CODES.map((code, i) => [`${location.origin}/credential-issuers/${ISSUERS[code].slug}`, JSON.parse(sets[i]) as { keys: JWK[] }]));
    await cache.put(META, Response.json({ savedAt: new Date().toISOString(), logKey: logKey.trim(), jwks } satisfies Saved));
  } catch {
    // Offline checks are a convenience: keep what was saved before.
  }
}

async function jwtDigest(presentation: string): Promise<string> {
  const jwt = presentation.trim().split("~")[0];
  return btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(jwt)))));
}

/** After an online check found the certificate in the log: save its proof against the latest checkpoint. */
export async function saveInclusion(presentation: string, logIndex: number): Promise<void> {
  const cache = await open();
  if (!cache) return;
  try {
    const checkpoint = await getText("/api/v1/log/checkpoint");
    const size = Number(checkpoint.split("\n")[1]);
    if (!(logIndex < size)) return;
    const res = await fetch(`/api/v1/log/proof/inclusion?index=${logIndex}&size=${size}`);
    if (!res.ok) return;
    const { proof } = (await res.json()) as { proof: string[] };
    await cache.put(proofUrl(await jwtDigest(presentation)), Response.json({ checkpoint, index: logIndex, proof } satisfies SavedInclusion));
  } catch {
    // nothing saved
  }
}

/** The checks done in the browser with what was saved, or null when nothing was saved yet. */
export async function verifyOffline(presentation: string): Promise<{ result: VerificationJson; savedAt: string } | null> {
  const cache = await open();
  const meta = await cache?.match(META);
  if (!cache || !meta) return null;
  const saved = (await meta.json()) as Saved;
  const proof = await cache.match(proofUrl(await jwtDigest(presentation)));
  const inclusion = proof ? ((await proof.json()) as SavedInclusion) : undefined;
  const result = await verifyPresentationWeb(presentation, { trustedIssuers: saved.jwks, logKey: saved.logKey, inclusion: () => inclusion });
  const code = ISSUER_CODES.find((c) => `${location.origin}/credential-issuers/${ISSUERS[c].slug}` === result.iss) ?? null;
  return { result: { ...result, issuer: result.checks.issuer.result === "ok" ? code : null }, savedAt: saved.savedAt };
}
