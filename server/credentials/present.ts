import { decodeJwt, type CryptoKey } from "jose";
import { signKeyBinding } from "./key-binding";
import { disclose, splitSdJwt } from "./sd-jwt";

/**
 * The holder's side, which the wallet in the browser will do: choose claims by path ("householder",
 * "members.1") from the full SD-JWT and sign a key binding JWT with the device key.
 */
function pathsOf(sdJwt: string): { jwt: string; disclosures: string[]; byPath: Map<string, string> } {
  const { jwt, disclosures, kbJwt } = splitSdJwt(sdJwt);
  if (kbJwt) throw new TypeError("this is already a presentation");
  const { paths } = disclose(decodeJwt(jwt), disclosures);
  return { jwt, disclosures, byPath: new Map([...paths].map(([disclosure, path]) => [path, disclosure])) };
}

/** The claim paths the holder may disclose, in the order of the disclosures. */
export function disclosablePaths(sdJwt: string): string[] {
  return [...pathsOf(sdJwt).byPath.keys()];
}

/**
 * The presentation `<JWT>~<chosen disclosures>~<KB-JWT>`. Disclosing a claim inside a disclosed
 * object or array element discloses that parent too. Without a key, no KB-JWT.
 */
export async function presentCredential(sdJwt: string, disclosedNames: string[], holderPrivateKey: CryptoKey | null, binding: { aud: string; nonce: string; now?: Date }): Promise<string> {
  const { jwt, disclosures, byPath } = pathsOf(sdJwt);
  const chosen = new Set<string>();
  for (const name of disclosedNames) {
    if (!byPath.has(name)) throw new RangeError(`no disclosable claim ${name}`);
    const segments = name.split(".");
    for (let i = 1; i <= segments.length; i++) {
      const disclosure = byPath.get(segments.slice(0, i).join("."));
      if (disclosure) chosen.add(disclosure);
    }
  }
  const presentation = [jwt, ...disclosures.filter((d) => chosen.has(d)), ""].join("~");
  if (!holderPrivateKey) return presentation;
  return presentation + (await signKeyBinding(presentation, holderPrivateKey, { aud: binding.aud, nonce: binding.nonce, now: binding.now ?? new Date() }));
}
