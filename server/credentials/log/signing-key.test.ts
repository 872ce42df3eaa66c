import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { rawPublicKey, verifierKey } from "./checkpoint";
import { logKeyText, logOrigin, logSigner, resetLogSignerCache } from "./signing-key";

const tmp = mkdtempSync(path.join(os.tmpdir(), "moa-log-key-"));
afterEach(() => {
  vi.unstubAllEnvs();
  resetLogSignerCache();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the log signing key", () => {
  it("is generated once outside production and kept in DATA_DIR", async () => {
    const env = { NODE_ENV: "development" as const, DATA_DIR: tmp };
    const first = await logKeyText(env);
    expect(await logKeyText(env)).toBe(first);
    await expect(logKeyText({ ...env, NODE_ENV: "production" })).rejects.toThrow(/LOG_SIGNING_KEY must be set in production/);
  });

  it("comes from LOG_SIGNING_KEY, its public half derived from d", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const jwk = privateKey.export({ format: "jwk" });
    vi.stubEnv("LOG_SIGNING_KEY", JSON.stringify({ ...jwk, x: "AAAA" }));
    vi.stubEnv("PUBLIC_URL", "https://moa.example.kr/");
    const signer = await logSigner();
    expect(signer.origin).toBe("moa.example.kr/credentials-log");
    expect(signer.verifierKey).toBe(verifierKey("moa.example.kr/credentials-log", rawPublicKey(privateKey)));
    await expect(logKeyText({ NODE_ENV: "production", DATA_DIR: tmp, LOG_SIGNING_KEY: "{not json" })).rejects.toThrow(/must be an Ed25519 private JWK/);
    await expect(logKeyText({ NODE_ENV: "production", DATA_DIR: tmp, LOG_SIGNING_KEY: '{"kty":"EC"}' })).rejects.toThrow(/must be an Ed25519 private JWK/);
  });

  it("names the log after PUBLIC_URL's host", () => {
    expect(logOrigin({ PUBLIC_URL: "https://moa.go.kr/app", PORT: 3000 })).toBe("moa.go.kr/credentials-log");
    expect(logOrigin({ PUBLIC_URL: undefined, PORT: 3100 })).toBe("localhost:3100/credentials-log");
  });
});
