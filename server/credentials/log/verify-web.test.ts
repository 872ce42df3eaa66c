import { createHash, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rawPublicKey, signCheckpoint, verifierKey } from "./checkpoint";
import { inclusionProof, leafHash as nodeLeafHash, rootFromLeaves } from "./merkle";
import { leafHash, verifyCheckpoint, verifyInclusion } from "./verify-web";

/** The browser's WebCrypto log checks agree with the server's node:crypto ones. */
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

describe("WebCrypto log checks", () => {
  it("hash leaves as RFC 6962 does", async () => {
    for (const data of [Buffer.alloc(0), Buffer.from("certificate")]) expect(Buffer.from(await leafHash(data))).toEqual(nodeLeafHash(data));
  });

  it("verify every inclusion proof of trees up to 20 leaves, and reject a changed one", async () => {
    const leaves = Array.from({ length: 20 }, (_, i) => nodeLeafHash(Buffer.from(`leaf ${i}`)));
    for (let size = 1; size <= leaves.length; size++) {
      const root = rootFromLeaves(leaves.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(leaves, index, size);
        expect(await verifyInclusion(leaves[index], index, size, proof, root), `${index}/${size}`).toBe(true);
        expect(await verifyInclusion(leaves[(index + 1) % 20], index, size, proof, root)).toBe(false);
        if (proof.length > 0) {
          const bent = proof.map((p, i) => (i === 0 ? createHash("sha256").update(p).digest() : p));
          expect(await verifyInclusion(leaves[index], index, size, bent, root)).toBe(false);
        }
      }
    }
    expect(await verifyInclusion(leaves[0], 1, 1, [], leaves[0])).toBe(false);
  });

  it("open checkpoints signed by the log's key only, and match the signed-note reference example", async () => {
    const key = generateKeyPairSync("ed25519").privateKey;
    const origin = "moa.example.kr/credentials-log";
    const vkey = verifierKey(origin, rawPublicKey(key));
    const note = signCheckpoint({ origin, size: 33, rootHash: Buffer.alloc(32, 9) }, key);
    const opened = await verifyCheckpoint(note, vkey);
    expect(opened).toMatchObject({ origin, size: 33 });
    expect(Buffer.from(opened!.rootHash)).toEqual(Buffer.alloc(32, 9));
    const tampered = note.replace("\n33\n", "\n34\n");
    expect(await verifyCheckpoint(tampered, vkey)).toBeNull();
    const other = verifierKey(origin, rawPublicKey(generateKeyPairSync("ed25519").privateKey));
    expect(await verifyCheckpoint(note, other)).toBeNull();
    // A valid note whose text is not a checkpoint of the key's origin.
    expect(await verifyCheckpoint(`${TEXT}\n${PETER_SIG}`, PETER_VKEY)).toBeNull();
    expect(await verifyCheckpoint(`${TEXT}\n${PETER_SIG.replace("x08go", "x08gp")}`, PETER_VKEY)).toBeNull();
  });
});
