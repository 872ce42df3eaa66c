import { createECDH } from "node:crypto";
import { createRequire } from "node:module";
import type { RelaySubscription } from "./push-relay";

// http_ece (web-push's own dependency) decrypts as a browser does; for checks only, never on a send path.
const ece = createRequire(import.meta.url)("http_ece") as { decrypt(body: Buffer, params: object): Buffer };

/** What a browser holding the subscription's keys reads from a push the relay kept. */
export function decryptPush(sub: Pick<RelaySubscription, "privateKey" | "keys">, body: Buffer): string {
  const privateKey = createECDH("prime256v1");
  privateKey.setPrivateKey(Buffer.from(sub.privateKey, "base64url"));
  return ece.decrypt(body, { version: "aes128gcm", privateKey, authSecret: sub.keys.auth }).toString("utf8");
}
