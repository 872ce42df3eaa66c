import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, type CryptoKey } from "jose";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { issueCredential, type IssueDeps } from "./issue";
import { credentialKeyring } from "./keys";
import { logSigner, type LogSigner } from "./log/signing-key";
import { presentCredential } from "./present";
import type { SourceRecord, SourceRegistry } from "./registries";
import type { ClaimsOf, CredentialType } from "./types";
import { createVerifier, type AppVerification } from "./verifier";

/**
 * The app verifier's batched log reads: certificates checked for the first time at once share one
 * query (their leaves and the subtrees beside their paths), and each gets what it would alone.
 */
const PUBLIC_URL = "https://moa.example.kr";
const AUD = "https://bank.example";
const NONCE = "n-batch";
const LOCATE = "moa-verifier-locate-leaves";

const registry: SourceRegistry = {
  async lookup<T extends CredentialType>(ci: string): Promise<SourceRecord<T>> {
    const householder = `세대주 ${ci.slice(0, 6)}`;
    const claims: ClaimsOf["resident-registration-copy"] = {
      householder,
      address: "서울특별시 종로구 삼봉로 43, 101동 1203호 (03154)",
      members: [{ name: householder, relation: "self", birthDate: "1970-01-01" }],
    };
    return { claims: claims as ClaimsOf[T], sourceVersion: 1 };
  },
};

let t: TestDatabase;
let pool: pg.Pool;
let dataDir: string;
let deps: IssueDeps;
let signer: LogSigner;
let holder: { privateKey: CryptoKey; jwk: object };
/** Each certificate's id and a presentation of it. */
let certificates: { id: string; presentation: string }[] = [];

const results = (v: AppVerification) => Object.fromEntries(Object.entries(v.checks).map(([name, c]) => [name, c.result === "ok" ? "ok" : `${c.result}:${c.reason}`]));
const verifier = () => createVerifier(pool, deps.keyring, signer, PUBLIC_URL);
const check = (v: ReturnType<typeof verifier>, presentation: string) => v.presentation(presentation, { aud: AUD, nonce: NONCE });

/** Counts the pool's queries by statement name; `fail` makes a statement's next query fail after `delayMs`. */
function watch() {
  const query = pool.query.bind(pool) as (config: unknown, values?: unknown) => Promise<unknown>;
  const counts: Record<string, number> = {};
  const failing: Record<string, number> = {};
  const spy = vi.spyOn(pool, "query").mockImplementation(((config: unknown, values?: unknown) => {
    const name = (config as { name?: string }).name ?? "";
    counts[name] = (counts[name] ?? 0) + 1;
    if (failing[name] !== undefined) {
      const delayMs = failing[name];
      delete failing[name];
      return new Promise((_, reject) => setTimeout(() => reject(new Error("connection terminated")), delayMs));
    }
    return query(config, values);
  }) as never);
  return { counts, fail: (name: string, delayMs = 0) => void (failing[name] = delayMs), restore: () => spy.mockRestore() };
}

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-verifier-"));
  Object.assign(process.env, { DATABASE_URL: t.url, DATA_DIR: dataDir, PUBLIC_URL });
  delete process.env.LOG_SIGNING_KEY;
  delete process.env.CREDENTIAL_SIGNING_KEYS;
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  deps = { pool, keyring: await credentialKeyring(), registry, publicUrl: PUBLIC_URL };
  signer = await logSigner();
  const pair = await generateKeyPair("ES256");
  holder = { privateKey: pair.privateKey, jwk: await exportJWK(pair.publicKey) };
  const personId = randomUUID();
  await pool.query(`INSERT INTO "Person" ("id", "ci", "name", "updatedAt") VALUES ($1, $2, 'batch', now())`, [personId, randomUUID()]);
  // Enough leaves for a tree of several levels, with a right edge that is not a complete subtree.
  const issued = [];
  for (let i = 0; i < 13; i++) issued.push(await issueCredential(deps, { personId, type: "resident-registration-copy", holderJwk: holder.jwk }, new Date()));
  certificates = await Promise.all(
    issued.map(async (c) => ({ id: c.id, presentation: await presentCredential(c.sdJwt, ["householder"], holder.privateKey, { aud: AUD, nonce: NONCE, now: new Date() }) })),
  );
});

afterAll(async () => {
  await pool?.end();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the app verifier's first checks, batched", () => {
  it("several certificates checked at once share one query and get what each gets alone", async () => {
    const alone = verifier();
    const one = [];
    for (const c of certificates) one.push(await check(alone, c.presentation));
    expect(one.every((v) => v.ok)).toBe(true);

    const reads = watch();
    try {
      const together = verifier();
      const all = await Promise.all(certificates.map((c) => check(together, c.presentation)));
      expect(all).toEqual(one);
      expect(all.every((v) => v.checks.unaltered.loggedAt instanceof Date)).toBe(true);
      expect(reads.counts[LOCATE]).toBe(1);
      // The right edge of the tree, if the located leaves did not bring it: one more query at most.
      expect(reads.counts["moa-log-subtrees"] ?? 0).toBeLessThanOrEqual(1);
      // Shown again: nothing more is read, and every check is made again with the same result.
      expect(await Promise.all(certificates.map((c) => check(together, c.presentation)))).toEqual(one);
      expect(reads.counts[LOCATE]).toBe(1);
    } finally {
      reads.restore();
    }
  });

  it("a certificate the log does not have fails 'unaltered' (not logged) while the others of its batch pass", async () => {
    const [missing, ...others] = certificates.slice(0, 5);
    const { rows } = await pool.query<{ jwtDigest: Buffer }>(`SELECT "jwtDigest" FROM "Credential" WHERE "id" = $1`, [missing.id]);
    await pool.query(`UPDATE "Credential" SET "jwtDigest" = $2 WHERE "id" = $1`, [missing.id, randomBytes(32)]);
    try {
      const v = verifier();
      const [notLogged, ...rest] = await Promise.all([missing, ...others].map((c) => check(v, c.presentation)));
      expect(results(notLogged)).toEqual({ issuer: "ok", unaltered: "failed:not-logged", notRevoked: "ok", holder: "ok" });
      expect(notLogged.checks.unaltered.loggedAt).toBeUndefined();
      expect(rest.map((r) => r.ok)).toEqual(others.map(() => true));
    } finally {
      await pool.query(`UPDATE "Credential" SET "jwtDigest" = $2 WHERE "id" = $1`, [missing.id, rows[0].jwtDigest]);
    }
  });

  it("a batch whose query fails leaves its checks unknown (log unreachable), not failed; other batches pass and nothing is remembered", async () => {
    const [a, b, c] = certificates;
    const reads = watch();
    try {
      const v = verifier();
      reads.fail(LOCATE, 50);
      const failing = Promise.all([a, b].map((x) => check(v, x.presentation)));
      // A later turn, while the failing query is still out: a batch of its own, which is answered.
      await new Promise((resolve) => setImmediate(resolve));
      const answered = await check(v, c.presentation);
      const [first, second] = await failing;
      expect(answered.ok).toBe(true);
      for (const r of [first, second]) {
        expect(results(r)).toEqual({ issuer: "ok", unaltered: "unknown:log-unreachable", notRevoked: "ok", holder: "ok" });
        expect(r.ok).toBe(false);
      }
      expect(reads.counts[LOCATE]).toBe(2);
      // The failure is not remembered: asked again, the same certificates are located and pass.
      expect((await Promise.all([a, b].map((x) => check(v, x.presentation)))).map((r) => r.ok)).toEqual([true, true]);
      expect(reads.counts[LOCATE]).toBe(3);
    } finally {
      reads.restore();
    }
  });

  it("a failed read of the tree's right edge leaves the checks that needed it unknown; read again, they pass", async () => {
    // The first leaves of the tree: their proofs need its right edge, which is not beside their paths.
    const first = certificates.slice(0, 4);
    const reads = watch();
    try {
      const v = verifier();
      reads.fail("moa-log-subtrees");
      const all = await Promise.all(first.map((c) => check(v, c.presentation)));
      expect(reads.counts["moa-log-subtrees"]).toBe(1);
      expect(all.filter((r) => !r.ok).length).toBeGreaterThan(0);
      for (const r of all.filter((r) => !r.ok)) expect(results(r)).toEqual({ issuer: "ok", unaltered: "unknown:log-unreachable", notRevoked: "ok", holder: "ok" });
      expect((await Promise.all(first.map((c) => check(v, c.presentation)))).every((r) => r.ok)).toBe(true);
      expect(reads.counts["moa-log-subtrees"]).toBe(2);
    } finally {
      reads.restore();
    }
  });
});
