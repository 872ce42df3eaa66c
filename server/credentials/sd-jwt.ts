import { createHash, hash, randomBytes, randomInt } from "node:crypto";
import { disclose as discloseWith, isObject, type JsonObject } from "./sd-jwt-core";

/**
 * SD-JWT (RFC 9901) without a library: disclosures, digests, the compact form and the
 * verifier's processing of disclosures. Signing and key binding live with their callers.
 */
export { SD_ALG, SdJwtError, splitSdJwt } from "./sd-jwt-core";

/**
 * The bytes of `text` as Buffer's "ascii" encoding gives them (one byte per UTF-16 code unit, its
 * low 8 bits): the text itself when it is ASCII (then UTF-8, which crypto.hash uses, is the same).
 */
export const asciiBytes = (text: string): string | Buffer => (Buffer.byteLength(text, "utf8") === text.length ? text : Buffer.from(text, "latin1"));

/** base64url(SHA-256(the disclosure's base64url text)); one-shot crypto.hash, cheaper than createHash. */
export function digestOf(disclosure: string): string {
  return hash("sha256", asciiBytes(disclosure), "base64url");
}

/** sd_hash of a key binding JWT: the same digest over `<JWT>~<D1>~…~<Dn>~`. */
export const sdHash = (sdJwt: string): string => digestOf(sdJwt);

const encode = (array: unknown[]) => Buffer.from(JSON.stringify(array), "utf8").toString("base64url");
const salt = () => randomBytes(16).toString("base64url");
const decoy = () => createHash("sha256").update(randomBytes(32)).digest("base64url");

function matches(patterns: string[], path: string[]): boolean {
  return patterns.some((pattern) => {
    const segments = pattern.split(".");
    return segments.length === path.length && segments.every((s, i) => s === path[i] || (s === "*" && /^\d+$/.test(path[i])));
  });
}

/**
 * The payload with the claims at `patterns` (dot paths, `*` for each array element) replaced by
 * digests, and their disclosures. Decoy digests hide how many claims and array elements there are.
 */
export function conceal(claims: JsonObject, patterns: string[], decoys = true): { payload: JsonObject; disclosures: string[] } {
  const disclosures: string[] = [];
  const hide = (array: unknown[]) => {
    const text = encode(array);
    disclosures.push(text);
    return digestOf(text);
  };
  const walk = (value: unknown, path: string[]): unknown => {
    if (Array.isArray(value)) {
      const out: unknown[] = value.map((element, i) => {
        const at = [...path, String(i)];
        const inner = walk(element, at);
        return matches(patterns, at) ? { "...": hide([salt(), inner]) } : inner;
      });
      if (decoys && out.length > 0 && matches(patterns, [...path, "0"])) {
        for (let n = randomInt(1, 4); n > 0; n--) out.splice(randomInt(out.length + 1), 0, { "...": decoy() });
      }
      return out;
    }
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    const sd: string[] = [];
    for (const [name, inner] of Object.entries(value)) {
      const at = [...path, name];
      const concealed = walk(inner, at);
      if (matches(patterns, at)) sd.push(hide([salt(), name, concealed]));
      else out[name] = concealed;
    }
    if (sd.length > 0) {
      if (decoys) for (let n = randomInt(1, 4); n > 0; n--) sd.push(decoy());
      // Sorted, so that the order of digests says nothing about the order of claims.
      out._sd = sd.sort();
    }
    return out;
  };
  return { payload: walk(claims, []) as JsonObject, disclosures };
}

/** RFC 9901 §7.1 disclosure processing (see sd-jwt-core.ts) with SHA-256 from node:crypto. */
export const disclose = (payload: JsonObject, disclosures: string[]) => discloseWith(payload, disclosures, digestOf);
