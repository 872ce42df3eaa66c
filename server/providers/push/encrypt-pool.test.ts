import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptPush } from "../../sandbox/push-decrypt";
import { threadEncryptor } from "./encrypt-pool";

function browser() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { keys: { p256dh: ecdh.getPublicKey("base64url"), auth: randomBytes(16).toString("base64url") }, privateKey: ecdh.getPrivateKey("base64url") };
}

describe("threadEncryptor", () => {
  it("encrypts batches on its thread: each message decrypts to its own payload; a bad key rejects only its message", async () => {
    const encrypt = threadEncryptor();
    try {
      const subs = Array.from({ length: 40 }, browser);
      const bodies = await Promise.all(subs.map((s, i) => encrypt(s.keys.p256dh, s.keys.auth, `message ${i} 국세청`)));
      bodies.forEach((body, i) => expect(decryptPush(subs[i], body)).toBe(`message ${i} 국세청`));
      const [good, bad] = await Promise.allSettled([encrypt(subs[0].keys.p256dh, subs[0].keys.auth, "ok"), encrypt("AAAA", subs[0].keys.auth, "no")]);
      expect(good.status === "fulfilled" && decryptPush(subs[0], good.value)).toBe("ok");
      expect(bad).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/p256dh/) } });
    } finally {
      await encrypt.close();
    }
  });

  it("encrypts on the main thread once its thread is gone", async () => {
    const encrypt = threadEncryptor();
    await encrypt.close();
    const sub = browser();
    expect(decryptPush(sub, await encrypt(sub.keys.p256dh, sub.keys.auth, "still sent"))).toBe("still sent");
  });
});
