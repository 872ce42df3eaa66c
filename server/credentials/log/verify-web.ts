/**
 * The log's verifier side with WebCrypto only (no node: imports), for the browser's offline
 * checks: signed-note checkpoints (Ed25519) and RFC 9162 inclusion proofs. Same rules as
 * checkpoint.ts and merkle.ts, which the server uses; verify-web.test.ts holds them to agree.
 */
const subtle = () => globalThis.crypto.subtle;
const bytes = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

type Bytes = Uint8Array<ArrayBuffer>;

export async function sha256(...parts: Uint8Array[]): Promise<Bytes> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) all.set(p, (at += p.length) - p.length);
  return new Uint8Array(await subtle().digest("SHA-256", all));
}

export function fromBase64(text: string): Bytes | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
export const leafHash = (data: Uint8Array) => sha256(Uint8Array.of(0), data);
const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(1), left, right);

/** RFC 9162 §2.1.3.2. */
export async function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if ([leaf, root, ...proof].some((h) => h.length !== 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
    } else {
      r = await nodeHash(r, p);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && equal(r, root);
}

const NAME = /^[\x21-\x2a\x2c-\x7e]+$/;

/** The checkpoint in `note` if signed by `verifierKey` (c2sp.org/signed-note) and the key's name is its origin. */
export async function verifyCheckpoint(note: string, verifierKey: string): Promise<{ origin: string; size: number; rootHash: Uint8Array } | null> {
  const [name, id, ...rest] = verifierKey.split("+");
  const key = fromBase64(rest.join("+"));
  if (!NAME.test(name ?? "") || !/^[0-9a-f]{8}$/.test(id ?? "") || key?.length !== 33 || key[0] !== 1) return null;
  const keyId = (await sha256(bytes(name), Uint8Array.of(0x0a, 1), key.subarray(1))).subarray(0, 4);
  if (Array.from(keyId, (b) => b.toString(16).padStart(2, "0")).join("") !== id) return null;
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) return null;
  const text = note.slice(0, split + 1);
  if (/[\x00-\x09\x0b-\x1f\x7f]/.test(text)) return null;
  const publicKey = await subtle().importKey("raw", key.subarray(1), { name: "Ed25519" }, false, ["verify"]);
  let verified = false;
  for (const line of note.slice(split + 2, -1).split("\n")) {
    const match = /^— (\S+) (\S+)$/.exec(line);
    const signature = match && fromBase64(match[2]);
    if (!match || !signature || signature.length < 5) return null;
    if (match[1] !== name || !equal(signature.subarray(0, 4), keyId)) continue;
    if (signature.length !== 68 || !(await subtle().verify({ name: "Ed25519" }, publicKey, signature.subarray(4), bytes(text)))) return null;
    verified = true;
  }
  if (!verified) return null;
  const [origin, size, root] = text.split("\n");
  const rootHash = root === undefined ? null : fromBase64(root);
  if (origin !== name || !/^(0|[1-9][0-9]*)$/.test(size ?? "") || !Number.isSafeInteger(Number(size)) || rootHash?.length !== 32) return null;
  return { origin, size: Number(size), rootHash };
}
