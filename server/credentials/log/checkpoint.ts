import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { HASH_SIZE } from "./merkle";

/**
 * Checkpoints as C2SP signed notes (c2sp.org/signed-note, c2sp.org/tlog-checkpoint), signed with
 * Ed25519. The key's name is the log's origin, and a checkpoint verifies only under that name.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
}

const ED25519 = 0x01;
const MAX_SIGNATURES = 100;
/** A key name: printable ASCII, no spaces, no "+". */
const NAME = /^[\x21-\x2a\x2c-\x7e]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function strictBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : null;
}

/** The first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
export function keyId(name: string, publicKey: Uint8Array): Buffer {
  return createHash("sha256").update(name).update(Buffer.of(0x0a, ED25519)).update(publicKey).digest().subarray(0, 4);
}

export function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(createPublicKey(key).export({ format: "jwk" }).x!, "base64url");
}

/** The verifier key: `<name>+<hex key id>+<base64(0x01 || public key)>`. */
export function verifierKey(name: string, publicKey: Uint8Array): string {
  if (!NAME.test(name)) throw new Error("signed note: invalid key name");
  return `${name}+${keyId(name, publicKey).toString("hex")}+${Buffer.concat([Buffer.of(ED25519), publicKey]).toString("base64")}`;
}

function parseVerifierKey(text: string): { name: string; id: Buffer; publicKey: KeyObject } {
  // The base64 key may itself contain "+": only the first two separate.
  const [name, id, ...key] = text.split("+");
  const bytes = strictBase64(key.join("+"));
  if (!NAME.test(name) || !/^[0-9a-f]{8}$/.test(id ?? "") || bytes?.length !== 33 || bytes[0] !== ED25519) throw new Error("signed note: invalid verifier key");
  const raw = bytes.subarray(1);
  if (!keyId(name, raw).equals(Buffer.from(id, "hex"))) throw new Error("signed note: verifier key id does not match its key");
  return { name, id: keyId(name, raw), publicKey: createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" }) };
}

export function checkpointBody({ origin, size, rootHash }: Checkpoint): string {
  return `${origin}\n${size}\n${rootHash.toString("base64")}\n`;
}

/** A signed note: the text, a blank line, and one signature line by `name`. */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  const id = keyId(name, rawPublicKey(privateKey));
  const signature = sign(null, Buffer.from(text), privateKey);
  return `${text}\n— ${name} ${Buffer.concat([id, signature]).toString("base64")}\n`;
}

export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): string {
  return signNote(checkpointBody(checkpoint), checkpoint.origin, privateKey);
}

function parseBody(text: string): Checkpoint | null {
  const [origin, size, root] = text.split("\n");
  const rootHash = root === undefined ? null : strictBase64(root);
  if (!origin || !/^(0|[1-9][0-9]*)$/.test(size ?? "") || !Number.isSafeInteger(Number(size)) || rootHash?.length !== HASH_SIZE) return null;
  return { origin, size: Number(size), rootHash };
}

/**
 * The note's text, if it carries a valid signature by `verifierKeyText`. Signatures by other keys
 * are ignored; an invalid one by this key rejects the note.
 */
export function openNote(note: string, verifierKeyText: string): string | null {
  const key = parseVerifierKey(verifierKeyText);
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) return null;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  if (/[\x00-\x09\x0b-\x1f\x7f]/.test(text) || lines.length > MAX_SIGNATURES) return null;
  let verified = false;
  for (const line of lines) {
    const match = /^— (\S+) (\S+)$/.exec(line);
    const bytes = match && strictBase64(match[2]);
    if (!match || !bytes || bytes.length < 5) return null;
    if (match[1] !== key.name || !bytes.subarray(0, 4).equals(key.id)) continue;
    if (bytes.length !== 68 || !verify(null, Buffer.from(text), key.publicKey, bytes.subarray(4))) return null;
    verified = true;
  }
  return verified ? text : null;
}

/** The checkpoint, if signed by `verifierKeyText` and the key's name is its origin. */
export function verifyCheckpoint(note: string, verifierKeyText: string): Checkpoint | null {
  const text = openNote(note, verifierKeyText);
  const checkpoint = text === null ? null : parseBody(text);
  return checkpoint?.origin === verifierKeyText.split("+")[0] ? checkpoint : null;
}
