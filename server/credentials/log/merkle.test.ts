import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EMPTY_ROOT, consistencyProof, inclusionProof, inclusionSubtrees, leafHash, nodeHash, rootFromLeaves, rootHash, verifyConsistency, verifyInclusion, type SubtreeReader } from "./merkle";
import { GOLDEN_ROOTS } from "./golden-roots";

/**
 * Published vectors from Google's certificate-transparency / trillian / transparency-dev merkle
 * suites (testonly/constants.go, proof/verify_test.go, testonly/reference_test.go,
 * compact/range_test.go), then every size up to 70 against a literal reading of the RFC.
 */
const hex = (h: string) => Buffer.from(h, "hex");
const toHex = (hashes: Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString("hex"));

const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(hex);
const LEAF_HASHES = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
  "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
  "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
  "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
  "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
  "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
];
/** Roots of the trees of the first 1..8 leaves. */
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const H = {
  l0: LEAF_HASHES[0],
  l1: LEAF_HASHES[1],
  l4: LEAF_HASHES[4],
  l6: LEAF_HASHES[6],
  n01: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  n23: "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
  n45: "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
  n67: "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
  n0to3: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  n4to7: "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
};
/** [index (0-based), size, audit path]. */
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [0, 2, [H.l1]],
  [1, 2, [H.l0]],
  [2, 3, [H.n01]],
  [1, 5, [H.l0, H.n23, H.l4]],
  [0, 8, [H.l1, H.n23, H.n4to7]],
  [5, 8, [H.l4, H.n67, H.n0to3]],
];
/** [m, n, proof]. */
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [1, 8, [H.l1, H.n23, H.n4to7]],
  [6, 8, [H.n45, H.n67, H.n0to3]],
  [2, 5, [H.n23, H.l4]],
  [6, 7, [H.n45, H.l6, H.n0to3]],
];

// An independent, literal reading of RFC 6962 §2.1 over slices, for the property tests.
const sha = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash("sha256")).digest();
const downToPowerOfTwo = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const mth = (d: Buffer[]): Buffer => (d.length === 0 ? sha() : d.length === 1 ? sha(Buffer.of(0), d[0]) : sha(Buffer.of(1), mth(d.slice(0, downToPowerOfTwo(d.length))), mth(d.slice(downToPowerOfTwo(d.length)))));
const path = (m: number, d: Buffer[]): Buffer[] => {
  if (d.length <= 1) return [];
  const k = downToPowerOfTwo(d.length);
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
};
const subproof = (m: number, d: Buffer[], b: boolean): Buffer[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = downToPowerOfTwo(d.length);
  return m <= k ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))] : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
};

const flipped = (proof: Uint8Array[], i: number) => proof.map((p, j) => (j === i ? Buffer.from(p).map((b, k) => (k === 0 ? b ^ 8 : b)) : p));

describe("RFC 6962 hashing", () => {
  it("matches the published hasher vectors", () => {
    expect(EMPTY_ROOT.toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(leafHash(Buffer.from("L123456")).toString("hex")).toBe("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    expect(nodeHash(Buffer.from("N123"), Buffer.from("N456")).toString("hex")).toBe("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    expect(toHex(LEAVES.map(leafHash))).toEqual(LEAF_HASHES);
  });

  it("gives the published roots for sizes 0..8", () => {
    const hashes = LEAVES.map(leafHash);
    expect(rootFromLeaves([])).toEqual(EMPTY_ROOT);
    for (let n = 1; n <= 8; n++) expect(rootFromLeaves(hashes.slice(0, n)).toString("hex"), `size ${n}`).toBe(ROOTS[n - 1]);
  });

  it("gives the published golden roots up to 10 000 leaves", () => {
    const hashes = Array.from({ length: 10000 }, (_, i) => leafHash(Buffer.of(i & 0xff, i >> 8)));
    for (const [size, root] of GOLDEN_ROOTS) expect(rootHash(hashes, size).toString("base64"), `size ${size}`).toBe(root);
  });
});

describe("published proofs", () => {
  const hashes = LEAVES.map(leafHash);

  it.each(INCLUSION)("inclusion of leaf %i in %i", (index, size, want) => {
    const proof = inclusionProof(hashes, index, size);
    expect(toHex(proof)).toEqual(want);
    expect(verifyInclusion(hashes[index], index, size, want.map(hex), hex(ROOTS[size - 1]))).toBe(true);
  });

  it.each(CONSISTENCY)("consistency of %i with %i", (m, n, want) => {
    expect(toHex(consistencyProof(hashes, m, n))).toEqual(want);
    expect(verifyConsistency(m, n, want.map(hex), hex(ROOTS[m - 1]), hex(ROOTS[n - 1]))).toBe(true);
  });

  it("rejects the published corruptions of an inclusion proof", () => {
    const [index, size, want] = INCLUSION[6];
    const proof = want.map(hex);
    const root = hex(ROOTS[size - 1]);
    const leaf = hashes[index];
    const some = hex("abacaba000000000000000000000000000000000000000000060061e00123456");
    const bad: [number, number, Uint8Array, Uint8Array[], Uint8Array][] = [
      [index - 1, size, leaf, proof, root],
      [index + 1, size, leaf, proof, root],
      [index ^ 2, size, leaf, proof, root],
      [index, size * 2, leaf, proof, root],
      [index, size / 2, leaf, proof, root],
      [index, size, Buffer.from("WrongLeaf"), proof, root],
      [index, size, leaf, proof, EMPTY_ROOT],
      [index, size, leaf, proof, some],
      [index, size, leaf, [...proof, root], root],
      [index, size, leaf, [root, ...proof], root],
      [index, size, leaf, proof.slice(0, -1), root],
      [index, size, leaf, [proof[0], some, ...proof.slice(1)], root],
      ...proof.map((_, i) => [index, size, leaf, flipped(proof, i), root] as [number, number, Uint8Array, Uint8Array[], Uint8Array]),
    ];
    for (const [i, s, l, p, r] of bad) expect(verifyInclusion(l, i, s, p, r)).toBe(false);
  });

  it("refuses impossible requests", () => {
    expect(() => inclusionProof(hashes, 8, 8)).toThrow(RangeError);
    expect(() => consistencyProof(hashes, 0, 3)).toThrow(RangeError);
    expect(() => consistencyProof(hashes, 4, 3)).toThrow(RangeError);
    expect(verifyInclusion(hashes[0], 0, 0, [], EMPTY_ROOT)).toBe(false);
    expect(verifyConsistency(0, 5, [], EMPTY_ROOT, hex(ROOTS[4]))).toBe(true);
    expect(verifyConsistency(0, 5, [], hex(ROOTS[0]), hex(ROOTS[4]))).toBe(false);
    expect(verifyConsistency(3, 3, [], hex(ROOTS[2]), hex(ROOTS[3]))).toBe(false);
    expect(verifyConsistency(3, 5, [], hex(ROOTS[2]), hex(ROOTS[4]))).toBe(false);
  });
});

describe("every tree up to 70 leaves", () => {
  const data = Array.from({ length: 70 }, (_, i) => Buffer.from(`leaf ${i}`));
  const hashes = data.map(leafHash);
  const roots = Array.from({ length: 71 }, (_, n) => mth(data.slice(0, n)));
  const same = (a: Uint8Array[], b: Uint8Array[]) => a.length === b.length && a.every((h, i) => Buffer.compare(h, b[i]) === 0);

  it("roots and audit paths match the RFC, verify, and fail when tampered with", () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 70; n++) {
      if (!rootHash(hashes, n).equals(roots[n])) wrong.push(`root ${n}`);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(hashes, i, n);
        const verifies = (p: Uint8Array[], index = i, root = roots[n]) => verifyInclusion(hashes[i], index, n, p, root);
        if (!same(proof, path(i, data.slice(0, n)))) wrong.push(`path ${i}/${n}`);
        if (!verifies(proof)) wrong.push(`verify ${i}/${n}`);
        const tampered = [...proof.map((_, j) => flipped(proof, j)), [...proof, roots[n]], ...(proof.length ? [proof.slice(0, -1)] : [])];
        if (tampered.some((p) => verifies(p))) wrong.push(`tampered ${i}/${n}`);
        if ((n > 1 && verifies(proof, (i + 1) % n)) || verifies(proof, i, roots[n - 1])) wrong.push(`wrong index or root ${i}/${n}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("consistency proofs match the RFC, verify, and fail when tampered with", () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 70; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(hashes, m, n);
        const verifies = (p: Uint8Array[], from = m, oldRoot = roots[m], newRoot = roots[n]) => verifyConsistency(from, n, p, oldRoot, newRoot);
        if (!same(proof, subproof(m, data.slice(0, n), true))) wrong.push(`proof ${m}/${n}`);
        if (!verifies(proof)) wrong.push(`verify ${m}/${n}`);
        const tampered = [...proof.map((_, j) => flipped(proof, j)), [...proof, roots[n]], ...(proof.length ? [proof.slice(0, -1)] : [])];
        if (tampered.some((p) => verifies(p))) wrong.push(`tampered ${m}/${n}`);
        if (m > 1 && verifies(proof, m - 1, roots[m - 1])) wrong.push(`wrong size ${m}/${n}`);
        if (m < n && (verifies(proof, m, roots[m], roots[n - 1]) || verifies(proof, m, roots[m - 1]))) wrong.push(`wrong root ${m}/${n}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("sizes beyond 32 bits", () => {
  // A tree of 2^41 + 2^33 + 5 equal leaves but a few distinct ones: only the subtrees holding a
  // distinct leaf need hashing, so its perfect subtrees are real hashes without 2^41 leaves.
  const size = 2 ** 41 + 2 ** 33 + 5;
  const distinct = [0, 2 ** 32 + 1, 2 ** 32 + 7, 2 ** 41 + 3, 2 ** 41 + 2 ** 33 + 4, size - 1];
  const uniform = [leafHash(Buffer.from("same"))];
  for (let level = 1; level <= 42; level++) uniform.push(nodeHash(uniform[level - 1], uniform[level - 1]));
  const read: SubtreeReader = (level, index) => {
    const first = index * 2 ** level;
    if (!distinct.some((leaf) => leaf >= first && leaf < first + 2 ** level)) return uniform[level];
    if (level === 0) return leafHash(Buffer.from(`leaf ${index}`));
    return nodeHash(read(level - 1, 2 * index), read(level - 1, 2 * index + 1));
  };

  it("proofs verify at indices and sizes above 2^32", () => {
    const root = rootHash(read, size);
    for (const index of distinct) {
      const proof = inclusionProof(read, index, size);
      expect(verifyInclusion(read(0, index), index, size, proof, root), `index ${index}`).toBe(true);
      expect(verifyInclusion(read(0, index), index, size, flipped(proof, 0), root)).toBe(false);
    }
    for (const m of [1, 2 ** 32, 2 ** 32 + 7, 2 ** 41 + 3]) {
      const proof = consistencyProof(read, m, size);
      expect(verifyConsistency(m, size, proof, rootHash(read, m), root), `m ${m}`).toBe(true);
      expect(verifyConsistency(m, size, flipped(proof, proof.length - 1), rootHash(read, m), root)).toBe(false);
    }
  });
});

describe("inclusionSubtrees", () => {
  it("lists the subtrees inclusionProof reads, in order, for every index of every size up to 300", () => {
    const hash = Buffer.alloc(32);
    for (let size = 1; size <= 300; size++) {
      for (let index = 0; index < size; index++) {
        const read: { level: number; index: number }[] = [];
        inclusionProof((level, i) => (read.push({ level, index: i }), hash), index, size);
        expect(inclusionSubtrees(index, size)).toEqual(read);
      }
    }
  });
});
