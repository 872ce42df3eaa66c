import { decodeJwt, type JWK } from "jose";
import { failed, ok, unknown, type Check } from "./check";
import { readStatus, verifyStatusList, type StatusBits } from "./status-list";

/** Fetches the status list token at `uri`; throws when it cannot. */
export type FetchStatus = (uri: string) => Promise<string>;

export const fetchStatusOverHttp: FetchStatus = async (uri) => {
  const res = await fetch(uri, { headers: { Accept: "application/statuslist+jwt" }, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`status list: HTTP ${res.status}`);
  return res.text();
};

// A relying party verifies a status list token once and keeps its (inflated) bits until the token
// expires. Keyed by the token itself (the same string each time it comes from a cache), then by
// the URI and the issuer's keys it was verified for.
const verified = new Map<string, { uri: string; kids: string; bits: StatusBits; bytes: Uint8Array; expiresAt: number }>();
const MAX_CACHED_LISTS = 64;

async function verifiedList(token: string, uri: string, keys: JWK[], now: Date) {
  const kids = keys.map((k) => k.kid).join(",");
  const hit = verified.get(token);
  if (hit && hit.uri === uri && hit.kids === kids && hit.expiresAt > now.getTime()) return hit;
  const list = await verifyStatusList(token, uri, keys, now);
  const exp = (decodeJwt(token).exp ?? 0) * 1000;
  if (verified.size >= MAX_CACHED_LISTS) verified.delete(verified.keys().next().value!);
  const entry = { ...list, uri, kids, expiresAt: exp };
  if (exp) verified.set(token, entry);
  return entry;
}

/**
 * "Not revoked as of now" from the credential's `status.status_list` reference, checked against a
 * list signed by one of the issuer's keys. Only a list that says revoked or suspended fails; a list
 * out of reach or not verifiable leaves the question open.
 */
export async function checkStatus(status: unknown, issuerKeys: JWK[], now: Date, fetchStatus: FetchStatus = fetchStatusOverHttp): Promise<Check> {
  const reference = (status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list;
  const idx = reference?.idx;
  const uri = reference?.uri;
  if (typeof uri !== "string" || !/^https?:\/\//.test(uri) || typeof idx !== "number" || !Number.isSafeInteger(idx) || idx < 0) return unknown("no-status-reference");
  let token: string;
  try {
    token = await fetchStatus(uri);
  } catch {
    return unknown("status-unreachable");
  }
  let value: number;
  try {
    const list = await verifiedList(token, uri, issuerKeys, now);
    value = readStatus(list.bytes, list.bits, idx);
  } catch {
    return unknown("status-list-invalid");
  }
  if (value === 0) return ok();
  return failed(value === 1 ? "revoked" : value === 2 ? "suspended" : `status-${value}`);
}
