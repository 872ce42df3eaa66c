import { createHash, hash } from "node:crypto";

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing, audit paths and consistency proofs, with proofs in
 * RFC 9162's order. Sizes and indices are plain numbers (safe integers), so arithmetic uses
 * division, never 32-bit bit operators.
 */
export const HASH_SIZE = 32;
/** MTH({}) = SHA-256 of nothing. */
export const EMPTY_ROOT = createHash("sha256").digest();

// One-shot crypto.hash over prefix and data in one buffer: cheaper than a Hash object's updates
// (a verifier hashes a whole audit path for each new certificate).
const LEAF = Buffer.of(0);
const NODE = Buffer.of(1);
/** 0x01 ‖ left ‖ right for two hashes, rewritten each time (crypto.hash keeps no reference). */
const pair = Buffer.alloc(1 + 2 * HASH_SIZE, 1);

export function leafHash(data: Uint8Array): Buffer {
  return hash("sha256", Buffer.concat([LEAF, data]), "buffer");
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return hash("sha256", Buffer.concat([NODE, left, right]), "buffer");
  pair.set(left, 1);
  pair.set(right, 1 + HASH_SIZE);
  return hash("sha256", pair, "buffer");
}

/** The hash of the perfect subtree of 2^level leaves starting at leaf index·2^level. */
export type SubtreeReader = (level: number, index: number) => Uint8Array;
/** The tree's leaf hashes in order, or a reader of its perfect subtrees (e.g. stored ones). */
export type TreeSource = readonly Uint8Array[] | SubtreeReader;

function reader(source: TreeSource, size: number): SubtreeReader {
  if (typeof source === "function") return source;
  if (size > source.length) throw new RangeError(`the tree has only ${source.length} leaves`);
  const memo = new Map<string, Uint8Array>();
  const read = (level: number, index: number): Uint8Array => {
    if (level === 0) return source[index];
    const key = `${level}:${index}`;
    let hash = memo.get(key);
    if (!hash) memo.set(key, (hash = nodeHash(read(level - 1, 2 * index), read(level - 1, 2 * index + 1))));
    return hash;
  };
  return read;
}

const log2 = (powerOfTwo: number) => Math.round(Math.log2(powerOfTwo));
const isPowerOfTwo = (n: number) => n >= 1 && 2 ** log2(n) === n;

/** The largest power of two smaller than n (n ≥ 2): RFC 6962's split point k. */
function splitPoint(n: number): number {
  let k = 2 ** Math.floor(Math.log2(n));
  while (k >= n) k /= 2;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:start+n]) for the ranges the RFC's recursion visits (start is a multiple of the split). */
function rangeHash(read: SubtreeReader, start: number, n: number): Buffer {
  if (isPowerOfTwo(n)) return Buffer.from(read(log2(n), start / n));
  const k = splitPoint(n);
  return nodeHash(read(log2(k), start / k), rangeHash(read, start + k, n - k));
}

function checkSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}

export function rootHash(source: TreeSource, size: number): Buffer {
  checkSize(size, "size");
  return size === 0 ? Buffer.from(EMPTY_ROOT) : rangeHash(reader(source, size), 0, size);
}

export function rootFromLeaves(leafHashes: readonly Uint8Array[]): Buffer {
  return rootHash(leafHashes, leafHashes.length);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(source: TreeSource, index: number, size: number): Buffer[] {
  checkSize(index, "index");
  checkSize(size, "size");
  if (index >= size) throw new RangeError("index must be below size");
  const read = reader(source, size);
  const path = (m: number, start: number, n: number): Buffer[] => {
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k ? [...path(m, start, k), rangeHash(read, start + k, n - k)] : [...path(m - k, start + k, n - k), rangeHash(read, start, k)];
  };
  return path(index, 0, size);
}

/**
 * The perfect subtrees (level, index) that inclusionProof(·, index, size) reads, in the order it
 * reads them, found without hashing (a verifier asks for those it lacks).
 */
export function inclusionSubtrees(index: number, size: number): { level: number; index: number }[] {
  checkSize(index, "index");
  checkSize(size, "size");
  if (index >= size) throw new RangeError("index must be below size");
  const out: { level: number; index: number }[] = [];
  const range = (start: number, n: number): void => {
    if (isPowerOfTwo(n)) return void out.push({ level: log2(n), index: start / n });
    const k = splitPoint(n);
    out.push({ level: log2(k), index: start / k });
    range(start + k, n - k);
  };
  const path = (m: number, start: number, n: number): void => {
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, k);
      range(start + k, n - k);
    } else {
      path(m - k, start + k, n - k);
      range(start, k);
    }
  };
  path(index, 0, size);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m ≤ n (empty when m = n). */
export function consistencyProof(source: TreeSource, m: number, n: number): Buffer[] {
  checkSize(m, "m");
  checkSize(n, "n");
  if (m < 1 || m > n) throw new RangeError("consistency needs 0 < m ≤ n");
  const read = reader(source, n);
  const subproof = (m: number, start: number, n: number, complete: boolean): Buffer[] => {
    if (m === n) return complete ? [] : [rangeHash(read, start, n)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, k, complete), rangeHash(read, start + k, n - k)]
      : [...subproof(m - k, start + k, n - k, false), rangeHash(read, start, k)];
  };
  return subproof(m, 0, n, true);
}

const isHash = (h: Uint8Array) => h instanceof Uint8Array && h.length === HASH_SIZE;
const equal = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2, step by step. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && equal(r, root);
}

/**
 * RFC 9162 §2.1.4.2, step by step, for 0 < m < n. Beyond the RFC: m = n holds with an empty
 * proof and equal roots; m = 0 with an empty proof and the empty tree's root.
 */
export function verifyConsistency(m: number, n: number, proof: readonly Uint8Array[], oldRoot: Uint8Array, newRoot: Uint8Array): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  if (m === n) return proof.length === 0 && equal(oldRoot, newRoot);
  if (m === 0) return proof.length === 0 && equal(oldRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return equal(fr, oldRoot) && equal(sr, newRoot) && sn === 0;
}
