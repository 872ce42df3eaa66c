import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "./url";

describe("webhook endpoint URLs", () => {
  it("accept https anywhere and http outside production only", () => {
    expect(checkWebhookUrl("https://a.example/hooks?x=1#frag", true)).toBe("https://a.example/hooks?x=1");
    expect(checkWebhookUrl("http://localhost:4000/hooks", false)).toBe("http://localhost:4000/hooks");
    expect(checkWebhookUrl("http://a.example/hooks", true)).toBeNull();
  });

  it("refuse other schemes, credentials and what is not a URL", () => {
    for (const url of ["ftp://a.example/", "file:///etc/passwd", "javascript:alert(1)", "https://user:pw@a.example/", "https://user@a.example/", "a.example/hooks", ""])
      expect(checkWebhookUrl(url, false), url).toBeNull();
  });
});
