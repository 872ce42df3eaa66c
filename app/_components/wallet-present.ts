import { SignJWT } from "jose";

/**
 * Presentations made in the browser: the chosen claims' disclosures (a claim inside a list element
 * brings its element) and, when this device holds the certificate's key, a key binding JWT
 * (RFC 9901 §4.3) — so hidden claims never leave the device. server/credentials/present.ts does
 * the same on the server, where hashing is synchronous.
 */
export interface HolderCopy {
  jwt: string;
  disclosures: { path: string; disclosure: string }[];
}

const base64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export async function makePresentation(copy: HolderCopy, paths: string[], key: CryptoKey | null, binding: { aud: string; nonce: string }): Promise<string> {
  const chosen = new Set<string>();
  for (const path of paths) {
    const segments = path.split(".");
    for (let i = 1; i <= segments.length; i++) chosen.add(segments.slice(0, i).join("."));
  }
  const presentation = [copy.jwt, ...copy.disclosures.filter((d) => chosen.has(d.path)).map((d) => d.disclosure), ""].join("~");
  if (!key) return presentation;
  const sdHash = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(presentation)));
  const kbJwt = await new SignJWT({ nonce: binding.nonce, sd_hash: sdHash })
    .setProtectedHeader({ alg: "ES256", typ: "kb+jwt" })
    .setIssuedAt()
    .setAudience(binding.aud)
    .sign(key);
  return presentation + kbJwt;
}

/** Whether this device's public key is the certificate's holder key. */
export const holdsKey = (holderJwk: { x: string; y: string }, device: { x: string; y: string } | null) => !!device && device.x === holderJwk.x && device.y === holderJwk.y;
