import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { calculateJwkThumbprint, compactVerify, exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../env";
import { createKeyring, credentialKeysText } from "./keys";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "moa-credential-keys-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const privateJwk = async () => {
  const { kty, crv, x, y, d } = await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey);
  return { kty, crv, x, y, d };
};

describe("issuer keys", () => {
  it("are generated once per issuer into DATA_DIR outside production, and kept", async () => {
    const dir = tempDir();
    const text = await credentialKeysText({ NODE_ENV: "development", DATA_DIR: dir });
    const stored = JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual(["CREDENTIAL_KEY_MOIS", "CREDENTIAL_KEY_NHIS", "CREDENTIAL_KEY_NTS", "CREDENTIAL_KEY_SCOURT"]);
    expect(JSON.parse(stored.CREDENTIAL_KEY_NTS)).toEqual([expect.objectContaining({ kty: "EC", crv: "P-256", d: expect.any(String) })]);
    expect(await credentialKeysText({ NODE_ENV: "development", DATA_DIR: dir })).toBe(text);
  });

  it("are required from the environment in production, and checked", async () => {
    await expect(credentialKeysText({ NODE_ENV: "production", DATA_DIR: tempDir() })).rejects.toThrow(/CREDENTIAL_SIGNING_KEYS must be set/);
    const good = { MOIS: [await privateJwk()], SCOURT: [await privateJwk()], NHIS: [await privateJwk()], NTS: [await privateJwk()] };
    const env = (value: unknown) => ({ NODE_ENV: "production" as const, DATA_DIR: tempDir(), CREDENTIAL_SIGNING_KEYS: JSON.stringify(value) });
    expect(await credentialKeysText(env(good))).toBe(JSON.stringify(good));
    const { d: _d, ...publicOnly } = good.NTS[0];
    for (const bad of [{ ...good, NTS: [] }, { ...good, NTS: [publicOnly] }, { ...good, NTS: [{ ...good.NTS[0], crv: "P-384" }] }, { ...good, NTS: [{ ...good.NTS[0], d: "AAAA" }] }]) {
      await expect(credentialKeysText(env(bad))).rejects.toThrow(ConfigError);
    }
    await expect(credentialKeysText({ ...env(good), CREDENTIAL_SIGNING_KEYS: "{" })).rejects.toThrow(/not JSON/);
  });

  it("rotate: the new key signs, retired keys stay published, kid is the thumbprint, public halves come from d", async () => {
    const old = await privateJwk();
    const fresh = await privateJwk();
    const others = { MOIS: [await privateJwk()], SCOURT: [await privateJwk()], NHIS: [await privateJwk()] };
    const before = await createKeyring(JSON.stringify({ ...others, NTS: [old] }), "https://moa.example.kr");
    // The retired key may be listed by its public half only; a wrong x beside d is ignored.
    const { d: _d, ...oldPublic } = old;
    const after = await createKeyring(JSON.stringify({ ...others, NTS: [{ ...fresh, x: old.x }, oldPublic] }), "https://moa.example.kr/");
    const nts = after.issuer("NTS");
    expect(nts.iss).toBe("https://moa.example.kr/credential-issuers/nts");
    const oldKid = await calculateJwkThumbprint({ kty: "EC", crv: "P-256", x: old.x, y: old.y });
    const freshKid = await calculateJwkThumbprint({ kty: "EC", crv: "P-256", x: fresh.x, y: fresh.y });
    expect(nts.signer.kid).toBe(freshKid);
    expect(nts.jwks.keys.map((k) => k.kid)).toEqual([freshKid, oldKid]);
    expect(nts.jwks.keys[0]).toEqual({ kty: "EC", crv: "P-256", x: fresh.x, y: fresh.y, kid: freshKid, alg: "ES256", use: "sig" });
    expect(after.trusted()[nts.iss].keys).toEqual(nts.jwks.keys);

    const signedBefore = await new SignJWT({}).setProtectedHeader({ alg: "ES256", kid: before.issuer("NTS").signer.kid }).sign(before.issuer("NTS").signer.privateKey);
    const retired = nts.jwks.keys.find((k) => k.kid === oldKid)!;
    await expect(compactVerify(signedBefore, await importJWK(retired, "ES256"))).resolves.toBeTruthy();
    const signedAfter = await new SignJWT({}).setProtectedHeader({ alg: "ES256" }).sign(nts.signer.privateKey);
    await expect(compactVerify(signedAfter, await importJWK(nts.jwks.keys[0], "ES256"))).resolves.toBeTruthy();
  });
});
