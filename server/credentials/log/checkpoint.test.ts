import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkpointBody, keyId, openNote, rawPublicKey, signCheckpoint, signNote, verifierKey, verifyCheckpoint } from "./checkpoint";

// golang.org/x/mod/sumdb/note's published example: its keys, text and signatures.
const PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");
const fromSeed = (seed: Buffer) => createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: "der", type: "pkcs8" });
const peterKey = fromSeed(Buffer.from(PETER_SKEY.split("+").slice(4).join("+"), "base64").subarray(1));

const origin = "moa.example.kr/credentials-log";
const logKey = generateKeyPairSync("ed25519").privateKey;
const logVkey = verifierKey(origin, rawPublicKey(logKey));
const checkpoint = { origin, size: 300, rootHash: Buffer.alloc(32, 7) };

describe("signed notes", () => {
  it("reproduce the Go reference signature byte for byte and its verifier key", () => {
    expect(verifierKey("PeterNeumann", rawPublicKey(peterKey))).toBe(PETER_VKEY);
    expect(keyId("PeterNeumann", rawPublicKey(peterKey)).toString("hex")).toBe("c74f20a3");
    expect(signNote(TEXT, "PeterNeumann", peterKey)).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it("match the C2SP signed-note example's verifier key", () => {
    const publicKey = Buffer.from("AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k", "base64").subarray(1);
    expect(verifierKey("example.com/foo", publicKey)).toBe("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
  });

  it("parse a verifier key whose base64 contains '+' (transparency-dev/formats' test key)", () => {
    const plusKey = "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6";
    expect(verifierKey("TEST", Buffer.from(plusKey.slice(14), "base64").subarray(1))).toBe(plusKey);
    expect(openNote(`${TEXT}\n${PETER_SIG}`, plusKey)).toBeNull();
  });

  it("open with the signer's key, ignore other signers, and reject tampering", () => {
    expect(openNote(`${TEXT}\n${PETER_SIG}`, PETER_VKEY)).toBe(TEXT);
    expect(openNote(`${TEXT}\n${ENOCH_SIG}${PETER_SIG}`, PETER_VKEY)).toBe(TEXT);
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, ENOCH_VKEY)).toBe(TEXT);
    expect(openNote(`${TEXT}\n${ENOCH_SIG}`, PETER_VKEY)).toBeNull();
    expect(openNote(`${TEXT.replace("cryptography", "cryptographY")}\n${PETER_SIG}`, PETER_VKEY)).toBeNull();
    expect(openNote(`${TEXT}${PETER_SIG}`, PETER_VKEY)).toBeNull();
    expect(openNote(`${TEXT}\n${PETER_SIG.slice(0, -1)}`, PETER_VKEY)).toBeNull();
    expect(openNote(`${TEXT}\n${PETER_SIG.replace("— ", "-- ")}`, PETER_VKEY)).toBeNull();
    expect(openNote(`\t${TEXT}\n${PETER_SIG}`, PETER_VKEY)).toBeNull();
  });

  it("refuse a malformed verifier key", () => {
    expect(() => openNote(`${TEXT}\n${PETER_SIG}`, PETER_VKEY.replace("c74f20a3", "c74f20a4"))).toThrow(/key id/);
    expect(() => openNote(`${TEXT}\n${PETER_SIG}`, PETER_VKEY.replace("+AR", "+Ah"))).toThrow(/invalid verifier key/);
    expect(() => openNote(`${TEXT}\n${PETER_SIG}`, `${PETER_VKEY}+extra`)).toThrow(/invalid verifier key/);
  });
});

describe("checkpoints", () => {
  it("are origin, size and base64 root, one per line, signed by the origin's key", () => {
    const note = signCheckpoint(checkpoint, logKey);
    expect(checkpointBody(checkpoint)).toBe(`${origin}\n300\n${Buffer.alloc(32, 7).toString("base64")}\n`);
    expect(note.startsWith(`${checkpointBody(checkpoint)}\n— ${origin} `)).toBe(true);
    expect(logVkey).toMatch(new RegExp(`^${origin}\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}$`));
    expect(verifyCheckpoint(note, logVkey)).toEqual(checkpoint);
  });

  it("fail when any byte of the note changes", () => {
    const note = signCheckpoint(checkpoint, logKey);
    const bytes = Buffer.from(note);
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 1;
      expect(verifyCheckpoint(changed.toString(), logVkey), `byte ${i}`).toBeNull();
    }
  });

  it("fail under another key or a key named otherwise than the origin", () => {
    const note = signCheckpoint(checkpoint, logKey);
    expect(verifyCheckpoint(note, verifierKey(origin, rawPublicKey(generateKeyPairSync("ed25519").privateKey)))).toBeNull();
    const renamed = signNote(checkpointBody(checkpoint), "other.example/log", logKey);
    expect(verifyCheckpoint(renamed, verifierKey("other.example/log", rawPublicKey(logKey)))).toBeNull();
  });

  it("reject malformed bodies", () => {
    for (const body of [`${origin}\n012\n${Buffer.alloc(32).toString("base64")}\n`, `${origin}\n5\n${Buffer.alloc(31).toString("base64")}\n`, `${origin}\n5\n`]) {
      expect(verifyCheckpoint(signNote(body, origin, logKey), logVkey)).toBeNull();
    }
    const withExtension = signNote(`${checkpointBody(checkpoint)}extension line\n`, origin, logKey);
    expect(verifyCheckpoint(withExtension, logVkey)).toEqual(checkpoint);
  });
});
