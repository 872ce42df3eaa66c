import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** How long the link in an SMS opens the notice (sign-in is still required). */
export const LINK_LIFETIME_SECONDS = 30 * 24 * 3600;
const TAG_BYTES = 12;

function linkKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "moa", "sms-notice-link", 32));
}

/**
 * A short link for an SMS: the notice id, an expiry and a truncated HMAC, 43 characters in all.
 * It names the notice only; whoever opens it still signs in as the recipient.
 */
export function signNoticeLink(secret: string, noticeId: string, now: Date): string {
  const body = Buffer.alloc(20);
  Buffer.from(noticeId.replace(/-/g, ""), "hex").copy(body, 0);
  body.writeUInt32BE(Math.floor(now.getTime() / 1000) + LINK_LIFETIME_SECONDS, 16);
  const tag = createHmac("sha256", linkKey(secret)).update(body).digest().subarray(0, TAG_BYTES);
  return Buffer.concat([body, tag]).toString("base64url");
}

export type LinkCheck = { valid: true; noticeId: string } | { valid: false; reason: "malformed" | "forged" | "expired" };

export function verifyNoticeLink(secret: string, token: string, now: Date): LinkCheck {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { valid: false, reason: "malformed" };
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length !== 20 + TAG_BYTES) return { valid: false, reason: "malformed" };
  const body = bytes.subarray(0, 20);
  const expected = createHmac("sha256", linkKey(secret)).update(body).digest().subarray(0, TAG_BYTES);
  if (!timingSafeEqual(expected, bytes.subarray(20))) return { valid: false, reason: "forged" };
  if (body.readUInt32BE(16) * 1000 < now.getTime()) return { valid: false, reason: "expired" };
  const hex = body.subarray(0, 16).toString("hex");
  return { valid: true, noticeId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
}
