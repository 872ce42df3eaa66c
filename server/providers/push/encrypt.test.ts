import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import webpush from "web-push";
import { decryptPush } from "../../sandbox/push-decrypt";
import { encryptPush } from "./encrypt";

function browser() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { keys: { p256dh: ecdh.getPublicKey("base64url"), auth: randomBytes(16).toString("base64url") }, privateKey: ecdh.getPrivateKey("base64url") };
}

describe("encryptPush", () => {
  it("makes aes128gcm messages a browser decrypts (http_ece), the same size as web-push's", () => {
    const sub = browser();
    for (const payload of ["", "hi", '{"v":1,"title":"국세청","body":"새 전자문서: 종합소득세 고지"}', "ภาษี".repeat(300)]) {
      const body = encryptPush(sub.keys.p256dh, sub.keys.auth, payload);
      expect(decryptPush(sub, body)).toBe(payload);
      expect(body.length).toBe(webpush.encrypt(sub.keys.p256dh, sub.keys.auth, payload, "aes128gcm").cipherText.length);
    }
  });

  it("uses a fresh ephemeral key and salt for every message (RFC 8291 §3.1)", () => {
    const sub = browser();
    const [a, b] = [encryptPush(sub.keys.p256dh, sub.keys.auth, "x"), encryptPush(sub.keys.p256dh, sub.keys.auth, "x")];
    expect(a.subarray(0, 16).equals(b.subarray(0, 16))).toBe(false);
    expect(a.subarray(21, 86).equals(b.subarray(21, 86))).toBe(false);
    expect(a[20]).toBe(65);
    expect(a.readUInt32BE(16)).toBe(4096);
  });

  it("refuses keys that are not a P-256 point and a 16-byte secret", () => {
    const sub = browser();
    expect(() => encryptPush(sub.keys.p256dh.slice(4), sub.keys.auth, "x")).toThrow(/p256dh/);
    expect(() => encryptPush(sub.keys.p256dh, "c2hvcnQ", "x")).toThrow(/auth/);
  });
});
