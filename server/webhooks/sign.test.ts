import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook, webhookHeaders } from "./sign";

describe("Standard Webhooks signing", () => {
  const body = JSON.stringify({ type: "notice.read", timestamp: "2030-01-01T00:00:00.000Z", data: { reference: "REF-1" } });
  const id = "msg_0190d8a1b2c37def8123456789abcdef";
  const now = Math.floor(Date.now() / 1000);

  it("makes whsec_ secrets of 32 random bytes", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it("signs what the reference library verifies, and signs as it does", () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders(secret, id, now, body);
    expect(Object.keys(headers).sort()).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(signWebhook(secret, id, now, body)).toBe(new Webhook(secret).sign(id, new Date(now * 1000), body));
  });

  it("fails verification for a tampered body, another secret, id or timestamp", () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders(secret, id, now, body);
    expect(() => new Webhook(secret).verify(body.replace("REF-1", "REF-2"), headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "msg_other" })).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-timestamp": String(now + 1) })).toThrow();
  });
});
