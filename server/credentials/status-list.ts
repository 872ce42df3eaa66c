import { deflateSync, inflateSync } from "node:zlib";
import { importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK } from "jose";

/**
 * Token Status List (draft-ietf-oauth-status-list): statuses of `bits` bits packed from the least
 * significant bit of each byte, zlib-compressed and signed as a `statuslist+jwt`.
 */
export const STATUS_LIST_TYP = "statuslist+jwt";
export const STATUS = { valid: 0, invalid: 1, suspended: 2 } as const;
export type StatusBits = 1 | 2 | 4 | 8;
/** An inflated list above this is refused (a compressed list can expand hugely). */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

export function emptyStatusBytes(size: number, bits: StatusBits): Buffer {
  return Buffer.alloc(Math.ceil((size * bits) / 8));
}

export function readStatus(bytes: Uint8Array, bits: StatusBits, idx: number): number {
  const perByte = 8 / bits;
  const byte = Math.floor(idx / perByte);
  if (!Number.isSafeInteger(idx) || idx < 0 || byte >= bytes.length) throw new RangeError("status index outside the list");
  return (bytes[byte] >> ((idx % perByte) * bits)) & ((1 << bits) - 1);
}

export function writeStatus(bytes: Uint8Array, bits: StatusBits, idx: number, value: number): void {
  readStatus(bytes, bits, idx);
  if (!Number.isInteger(value) || value < 0 || value >= 1 << bits) throw new RangeError(`status ${value} does not fit in ${bits} bits`);
  const perByte = 8 / bits;
  const shift = (idx % perByte) * bits;
  const byte = Math.floor(idx / perByte);
  bytes[byte] = (bytes[byte] & ~(((1 << bits) - 1) << shift)) | (value << shift);
}

export function encodeStatusList(bytes: Uint8Array, bits: StatusBits): { bits: StatusBits; lst: string } {
  return { bits, lst: deflateSync(bytes, { level: 9 }).toString("base64url") };
}

export function decodeStatusList(list: unknown): { bits: StatusBits; bytes: Buffer } {
  const { bits, lst } = (list ?? {}) as { bits?: unknown; lst?: unknown };
  if (![1, 2, 4, 8].includes(bits as number) || typeof lst !== "string" || !/^[A-Za-z0-9_-]+$/.test(lst)) throw new Error("malformed status_list");
  return { bits: bits as StatusBits, bytes: inflateSync(Buffer.from(lst, "base64url"), { maxOutputLength: MAX_LIST_BYTES }) };
}

export interface StatusListToken {
  uri: string;
  bits: StatusBits;
  bytes: Uint8Array;
  issuedAt: Date;
  /** How long a relying party may cache the token. */
  ttlSeconds: number;
  expiresAt: Date;
}

export function signStatusList(token: StatusListToken, key: { privateKey: CryptoKey; kid: string }): Promise<string> {
  return new SignJWT({ status_list: encodeStatusList(token.bytes, token.bits), ttl: token.ttlSeconds })
    .setProtectedHeader({ alg: "ES256", typ: STATUS_LIST_TYP, kid: key.kid })
    .setSubject(token.uri)
    .setIssuedAt(Math.floor(token.issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(token.expiresAt.getTime() / 1000))
    .sign(key.privateKey);
}

/** The list in a status list token for `uri`, signed by one of `keys`; throws if it is not one. */
export async function verifyStatusList(token: string, uri: string, keys: JWK[], now: Date): Promise<{ bits: StatusBits; bytes: Buffer }> {
  const { payload } = await jwtVerify(
    token,
    async (header) => {
      const jwk = keys.find((k) => k.kid !== undefined && k.kid === header.kid);
      if (!jwk) throw new Error("status list signed by an unknown key");
      return importJWK(jwk, "ES256");
    },
    { typ: STATUS_LIST_TYP, algorithms: ["ES256"], subject: uri, currentDate: now, requiredClaims: ["iat", "sub"] },
  );
  return decodeStatusList(payload.status_list);
}
