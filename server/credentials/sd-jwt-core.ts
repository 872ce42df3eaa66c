/**
 * The verifier's side of SD-JWT (RFC 9901) without node: imports, so that the browser runs it
 * too: splitting, decoding disclosures and replacing digests by claims. The digest function is
 * the caller's (node:crypto on the server, precomputed WebCrypto digests in the browser).
 */
export const SD_ALG = "sha-256";

export class SdJwtError extends Error {
  override name = "SdJwtError";
}

export type JsonObject = Record<string, unknown>;
export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** base64url → UTF-8 text; throws on anything else. */
export function base64UrlText(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SdJwtError("not base64url");
  // Node's Buffer is much faster than atob. Not in a page: a bundler's Buffer stand-in may lack base64url.
  if (typeof window === "undefined" && typeof Buffer !== "undefined") return Buffer.from(text, "base64url").toString("utf8");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** `<issuer JWT>~<disclosure>~…~<KB-JWT or nothing>`. */
export function splitSdJwt(text: string): { jwt: string; disclosures: string[]; kbJwt: string | null } {
  const parts = text.split("~");
  if (parts.length < 2 || !parts[0]) throw new SdJwtError("not an SD-JWT");
  const disclosures = parts.slice(1, -1);
  if (disclosures.some((d) => !/^[A-Za-z0-9_-]+$/.test(d))) throw new SdJwtError("malformed disclosure");
  return { jwt: parts[0], disclosures, kbJwt: parts.at(-1) || null };
}

function decodeDisclosure(text: string): { name?: string; value: unknown } {
  let array: unknown;
  try {
    array = JSON.parse(base64UrlText(text));
  } catch {
    throw new SdJwtError("a disclosure is not base64url JSON");
  }
  if (!Array.isArray(array) || typeof array[0] !== "string") throw new SdJwtError("a disclosure is not [salt, …]");
  if (array.length === 2) return { value: array[1] };
  if (array.length !== 3 || typeof array[1] !== "string" || array[1] === "_sd" || array[1] === "...") throw new SdJwtError("malformed disclosure");
  return { name: array[1], value: array[2] };
}

/**
 * RFC 9901 §7.1: replaces the digests of the given disclosures by their claims, drops the others
 * (decoys and undisclosed claims), and rejects a digest seen twice, a claim disclosed over an
 * existing one, and a disclosure the payload does not reference. `paths` names each disclosure's
 * claim by its dot path; array indices count the elements present.
 */
export function disclose(payload: JsonObject, disclosures: string[], digestOf: (disclosure: string) => string): { claims: JsonObject; paths: Map<string, string> } {
  const byDigest = new Map<string, Disclosed>();
  for (const text of disclosures) {
    const digest = digestOf(text);
    if (byDigest.has(digest)) throw new SdJwtError("a disclosure is repeated");
    const { name, value } = decodeDisclosure(text);
    byDigest.set(digest, { text, name, value });
  }
  const state: Walk = { byDigest, seen: new Set<unknown>(), paths: new Map<string, string>() };
  const claims = walk(state, payload, null) as JsonObject;
  delete claims._sd_alg;
  if (state.paths.size !== byDigest.size) throw new SdJwtError("a disclosure is not referenced by the payload");
  return { claims, paths: state.paths };
}

interface Disclosed {
  text: string;
  name?: string;
  value: unknown;
}

interface Walk {
  byDigest: Map<string, Disclosed>;
  seen: Set<unknown>;
  paths: Map<string, string>;
}

const child = (path: string | null, name: string) => (path === null ? name : `${path}.${name}`);

function take(state: Walk, digest: unknown): Disclosed | undefined {
  if (typeof digest !== "string") throw new SdJwtError("a digest is not a string");
  if (state.seen.has(digest)) throw new SdJwtError("a digest appears twice");
  state.seen.add(digest);
  return state.byDigest.get(digest);
}

/** The value with its digests replaced; `path` is its dot path (null for the payload itself). */
function walk(state: Walk, value: unknown, path: string | null): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const element of value) {
      if (isObject(element) && Object.keys(element).length === 1 && "..." in element) {
        const found = take(state, element["..."]);
        if (!found) continue;
        if (found.name !== undefined) throw new SdJwtError("a claim disclosure stands in an array");
        const at = child(path, String(out.length));
        state.paths.set(found.text, at);
        out.push(walk(state, found.value, at));
      } else {
        out.push(walk(state, element, child(path, String(out.length))));
      }
    }
    return out;
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [name, inner] of Object.entries(value)) if (name !== "_sd") out[name] = walk(state, inner, child(path, name));
  if (value._sd === undefined) return out;
  if (!Array.isArray(value._sd)) throw new SdJwtError("_sd is not an array");
  for (const digest of value._sd) {
    const found = take(state, digest);
    if (!found) continue;
    if (found.name === undefined) throw new SdJwtError("an array element disclosure stands in an object");
    if (Object.hasOwn(out, found.name)) throw new SdJwtError(`claim ${found.name} is disclosed over an existing one`);
    const at = child(path, found.name);
    state.paths.set(found.text, at);
    out[found.name] = walk(state, found.value, at);
  }
  return out;
}
