import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as verifyGet, POST as verifyPost } from "../../app/api/v1/credentials/verify/route";
import { GET as leafGet } from "../../app/api/v1/log/leaf/route";
import { GET as openapiGet } from "../../app/api/v1/openapi.json/route";
import { getPgPool } from "../db/pool";
import { formatLetterNumber } from "../delivery/letter-number";
import { rrnToCi } from "../identity/rrn";
import { credentialOperationIds } from "./openapi-paths";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { issueCredential, type IssuedCredential } from "./issue";
import { credentialKeyring } from "./keys";
import { revokeCredential } from "./lifecycle";
import { currentCheckpoint } from "./log/publish";
import { logSigner } from "./log/signing-key";
import { appendLeaves, inclusionProofAt } from "./log/store";
import { presentCredential } from "./present";
import { CREDENTIAL_TYPES, CREDENTIALS } from "./types";
import { demoRegistry } from "./registries";
import { cachedCheckpoint, ownStatusLists } from "./verifier";
import type { LogAccess } from "./verify";
import { verifyPresentationWeb } from "./verify-web";
import type { VerificationJson } from "./verify-schema";

/** The public verification API through the real route modules, against a real database. */
const CI_SECRET = "verify-http-test-ci-secret-of-at-least-32-chars";
const BASE = "https://moa.example.kr";
const AUD = "https://landlord.example";
const NONCE = "nonce-4f1c";

let t: TestDatabase;
let pool: pg.Pool;
let dataDir: string;
let holder: { privateKey: CryptoKey; publicJwk: JWK };
let copy: IssuedCredential;
let tax: IssuedCredential;
let client = 0;

/** Each request from an address of its own, so that only the rate limit test meets the limit. */
const request = (query: string, init: RequestInit & { ip?: string } = {}) =>
  new Request(`${BASE}/api/v1/credentials/verify${query}`, { ...init, headers: { "x-forwarded-for": init.ip ?? `10.9.0.${++client}`, ...init.headers } });
const get = async (query: string, ip?: string) => verifyGet(request(query, { ip }), {});
const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  verifyPost(request("", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers }), {});
const results = (v: VerificationJson) => Object.fromEntries(Object.entries(v.checks).map(([n, c]) => [n, c.result === "ok" ? "ok" : `${c.result}:${c.reason}`]));

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-verify-http-"));
  Object.assign(process.env, { DATABASE_URL: t.url, DATA_DIR: dataDir, PUBLIC_URL: BASE, TRUST_PROXY: "true" });
  delete process.env.LOG_SIGNING_KEY;
  delete process.env.CREDENTIAL_SIGNING_KEYS;
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  const pair = await generateKeyPair("ES256");
  holder = { privateKey: pair.privateKey, publicJwk: await exportJWK(pair.publicKey) };
  const personId = randomUUID();
  await pool.query(`INSERT INTO "Person" ("id", "ci", "name", "updatedAt") VALUES ($1, $2, '김순자', now())`, [personId, rrnToCi("480315-2123459", CI_SECRET)]);
  const deps = { pool, keyring: await credentialKeyring(), registry: demoRegistry(CI_SECRET), publicUrl: BASE };
  // iat is in whole seconds.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  copy = await issueCredential(deps, { personId, type: "resident-registration-copy", holderJwk: holder.publicJwk }, now);
  tax = await issueCredential(deps, { personId, type: "tax-payment", holderJwk: holder.publicJwk }, now);
});
afterAll(async () => {
  await pool?.end();
  await getPgPool().end();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("GET and POST /api/v1/credentials/verify", () => {
  it("verifies a presentation: three checks, the holder for the given audience and nonce, the disclosed claims only", async () => {
    const presentation = await presentCredential(copy.sdJwt, ["householder", "members.0"], holder.privateKey, { aud: AUD, nonce: NONCE });
    const res = await get(`?presentation=${presentation}&aud=${encodeURIComponent(AUD)}&nonce=${NONCE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const v = (await res.json()) as VerificationJson;
    expect(results(v)).toEqual({ issuer: "ok", unaltered: "ok", notRevoked: "ok", holder: "ok" });
    expect(v).toMatchObject({ ok: true, type: "resident-registration-copy", iss: `${BASE}/credential-issuers/mois`, issuer: "MOIS", issuedAt: copy.issuedAt.toISOString() });
    expect(v.claims).toEqual({ householder: "김순자", members: [{ name: "김순자", relation: "self", birthDate: "1948-03-15" }] });
    expect(v.checks.unaltered).toMatchObject({ logIndex: copy.logIndex, treeSize: 2 });
    expect(Math.abs(Date.parse(v.checks.unaltered.loggedAt!) - copy.issuedAt.getTime())).toBeLessThan(60_000);
    expect(JSON.stringify(v)).not.toMatch(/삼봉로|이민준/);

    // Without aud and nonce the holder is not asked about; POST takes the same in a body.
    const posted = (await (await post({ presentation })).json()) as VerificationJson;
    expect(results(posted)).toEqual({ issuer: "ok", unaltered: "ok", notRevoked: "ok", holder: "unknown:not-requested" });
  });

  it("one byte changed fails 'unaltered'; garbage is malformed, not an error", async () => {
    const presentation = await presentCredential(tax.sdJwt, ["name"], null, { aud: AUD, nonce: NONCE });
    const jwt = presentation.split("~")[0];
    const i = jwt.indexOf(".") + 20;
    const altered = presentation.slice(0, i) + (presentation[i] === "A" ? "B" : "A") + presentation.slice(i + 1);
    expect(results((await (await post({ presentation: altered })).json()) as VerificationJson).unaltered).toMatch(/^failed:/);
    const garbage = (await (await get("?presentation=not-a-certificate")).json()) as VerificationJson;
    expect(results(garbage)).toMatchObject({ issuer: "failed:malformed", unaltered: "failed:malformed" });
  });

  it("by authenticity number: the checks, type, issuer and time, and no claims; revoked fails 'not revoked'", async () => {
    const res = await get(`?number=${encodeURIComponent(formatLetterNumber(tax.authenticityNumber))}`);
    expect(res.status).toBe(200);
    const v = (await res.json()) as VerificationJson;
    expect(results(v)).toEqual({ issuer: "ok", unaltered: "ok", notRevoked: "ok", holder: "unknown:not-requested" });
    expect(v).toMatchObject({ type: "tax-payment", issuer: "NTS", claims: null, authenticityNumber: tax.authenticityNumber, issuedAt: tax.issuedAt.toISOString() });
    expect(JSON.stringify(v)).not.toMatch(/김순자|taxesPaid|period/);

    await revokeCredential(pool, tax.id, new Date());
    const revoked = (await (await post({ number: tax.authenticityNumber.replace(/(\d{4})(?=\d)/g, "$1-") })).json()) as VerificationJson;
    expect(results(revoked)).toMatchObject({ issuer: "ok", unaltered: "ok", notRevoked: "failed:revoked" });
    expect(revoked.ok).toBe(false);
  });

  it("answers problem+json for bad input and an unknown number", async () => {
    const wrongCheckDigit = copy.authenticityNumber.slice(0, 15) + ((Number(copy.authenticityNumber[15]) + 1) % 10);
    const cases: [Promise<Response>, number, string][] = [
      [get(""), 400, "invalid-verify-request"],
      [get(`?presentation=x&number=${copy.authenticityNumber}`), 400, "invalid-verify-request"],
      [get("?presentation=x&aud=a"), 400, "invalid-verify-request"],
      [get(`?presentation=${"a".repeat(40_000)}`), 400, "invalid-verify-request"],
      [get(`?number=${wrongCheckDigit}`), 404, "credential-not-found"],
      [get("?number=1234"), 404, "credential-not-found"],
      [post("{not json"), 400, "invalid-json"],
      [post({ presentation: "x" }, { "content-type": "text/plain" }), 415, "unsupported-media-type"],
      [post({ presentation: 42 }), 400, "invalid-verify-request"],
    ];
    for (const [pending, status, type] of cases) {
      const res = await pending;
      expect(res.status, type).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { type: string }).type).toBe(`https://moa.go.kr/problems/${type}`);
    }
  });

  it("limits each address to 60 checks a minute, with Retry-After, in the caller's language", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await verifyGet(request(`?number=${copy.authenticityNumber}`, { ip: "10.77.0.1" }), {})).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const refused = await verifyGet(request(`?number=${copy.authenticityNumber}`, { ip: "10.77.0.1", headers: { "accept-language": "en" } }), {});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(((await refused.json()) as { title: string }).title).toMatch(/^Too many attempts/);
    expect((await get(`?number=${copy.authenticityNumber}`, "10.77.0.2")).status).toBe(200);
  });

  it("is in the OpenAPI document, without an API key", async () => {
    const doc = (await (await openapiGet(new Request(`${BASE}/api/v1/openapi.json`), {})).json()) as { paths: Record<string, Record<string, { security: unknown[]; parameters?: { name: string }[] }>> };
    expect(doc.paths["/api/v1/credentials/verify"].get.security).toEqual([]);
    expect(doc.paths["/api/v1/credentials/verify"].get.parameters!.map((p) => p.name)).toEqual(["presentation", "number", "aud", "nonce"]);
    expect(doc.paths["/api/v1/credentials/verify"].post.security).toEqual([]);
    expect(doc.paths["/api/v1/log/leaf"].get.parameters!.map((p) => p.name)).toEqual(["hash"]);
    expect(credentialOperationIds).toEqual(["verifyCredential", "verifyCredentialPost", "findLogLeaf"]);
  });
});

describe("issuing many at once (group commit)", () => {
  it("stores each with its own status entry and log leaf, gap-free, and each verifies", async () => {
    const deps = { pool, keyring: await credentialKeyring(), registry: demoRegistry(CI_SECRET), publicUrl: BASE };
    const { rows: people } = await pool.query<{ id: string }>(`SELECT "id" FROM "Person" LIMIT 1`);
    const issued = await Promise.all(
      Array.from({ length: 40 }, (_, i) => issueCredential(deps, { personId: people[0].id, type: i % 2 ? "tax-payment" : "health-insurance-eligibility", holderJwk: holder.publicJwk }, new Date())),
    );
    const indices = issued.map((c) => c.logIndex).sort((a, b) => a - b);
    expect(indices).toEqual(Array.from({ length: 40 }, (_, i) => indices[0] + i));
    expect(new Set(issued.map((c) => `${c.statusListUri} ${c.statusIdx}`)).size).toBe(40);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "LogLeaf" l JOIN "Credential" c ON c."logIndex" = l."index" AND c."jwtDigest" = l."data"`);
    const { rows: leaves } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "LogLeaf"`);
    expect(rows[0].n).toBe(leaves[0].n);
    for (const c of issued.slice(0, 4)) {
      const v = (await (await post({ presentation: await presentCredential(c.sdJwt, ["name"], null, { aud: AUD, nonce: NONCE }) })).json()) as VerificationJson;
      expect(results(v)).toMatchObject({ issuer: "ok", unaltered: "ok", notRevoked: "ok" });
    }
  });
});

describe("claim names", () => {
  it("never take a name the SD-JWT VC itself uses (a disclosed `status` once broke every health insurance certificate)", async () => {
    const reserved = ["iss", "iat", "nbf", "exp", "sub", "jti", "vct", "vct#integrity", "cnf", "status", "_sd", "_sd_alg", "..."];
    const registry = demoRegistry(CI_SECRET);
    for (const type of CREDENTIAL_TYPES) {
      for (const path of CREDENTIALS[type].disclosable) expect(reserved, `${type}: ${path}`).not.toContain(path.split(".")[0]);
      for (const citizen of ["480315-2123459", "900520-1234565", "920708-6123455"]) {
        const record = await registry.lookup(rrnToCi(citizen, CI_SECRET), type);
        for (const name of Object.keys(record?.claims ?? {})) expect(reserved, `${type}: ${name}`).not.toContain(name);
      }
    }
  });
});

describe("GET /api/v1/log/leaf", () => {
  const leaf = (hash: string) => leafGet(new Request(`${BASE}/api/v1/log/leaf?hash=${encodeURIComponent(hash)}`), {});

  it("finds a certificate's entry by the SHA-256 of its issuer-signed JWT, base64 or base64url", async () => {
    const digest = createHash("sha256").update(copy.sdJwt.split("~")[0]).digest();
    for (const hash of [digest.toString("base64"), digest.toString("base64url")]) {
      const res = await leaf(hash);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ index: copy.logIndex, loggedAt: expect.any(String) });
    }
    expect((await leaf(Buffer.alloc(32).toString("base64"))).status).toBe(404);
    for (const bad of ["", "abc", Buffer.alloc(31).toString("base64")]) expect((await leaf(bad)).status).toBe(400);
  });
});

describe("checked in the browser while offline (verify-web.ts)", () => {
  const saved = async (sdJwt: string, logIndex: number) => {
    const signer = await logSigner();
    const checkpoint = await currentCheckpoint(pool, signer);
    const size = Number(checkpoint.split("\n")[1]);
    const { proof } = await inclusionProofAt(pool, logIndex, size);
    return { logKey: signer.verifierKey, inclusion: { checkpoint, index: logIndex, proof: proof.map((p) => p.toString("base64")) }, digest: createHash("sha256").update(sdJwt.split("~")[0]).digest("base64") };
  };
  const webResults = (v: Awaited<ReturnType<typeof verifyPresentationWeb>>) => Object.fromEntries(Object.entries(v.checks).map(([n, c]) => [n, c.result === "ok" ? "ok" : `${c.result}:${c.reason}`]));

  it("checks issuer, signature, disclosures and inclusion with saved keys, proof and checkpoint; revocation stays unknown", async () => {
    const presentation = await presentCredential(copy.sdJwt, ["householder", "members.0"], holder.privateKey, { aud: AUD, nonce: NONCE });
    const { logKey, inclusion, digest } = await saved(copy.sdJwt, copy.logIndex);
    const options = { trustedIssuers: (await credentialKeyring()).trusted(), logKey, inclusion: (d: string) => (d === digest ? inclusion : undefined) };
    const v = await verifyPresentationWeb(presentation, options);
    expect(webResults(v)).toEqual({ issuer: "ok", unaltered: "ok", notRevoked: "unknown:offline", holder: "unknown:not-requested" });
    expect(v.claims).toEqual({ householder: "김순자", members: [{ name: "김순자", relation: "self", birthDate: "1948-03-15" }] });
    expect(v.checks.unaltered).toMatchObject({ logIndex: copy.logIndex });

    // Without a saved proof the log is not known; a changed byte, a foreign issuer or a bad checkpoint are caught.
    expect(webResults(await verifyPresentationWeb(presentation, { ...options, inclusion: () => undefined })).unaltered).toBe("unknown:offline");
    const i = presentation.indexOf("~") + 5;
    const altered = presentation.slice(0, i) + (presentation[i] === "A" ? "B" : "A") + presentation.slice(i + 1);
    expect(webResults(await verifyPresentationWeb(altered, options)).unaltered).toBe("failed:disclosures");
    const j = presentation.indexOf(".") + 30;
    const signedAltered = presentation.slice(0, j) + (presentation[j] === "A" ? "B" : "A") + presentation.slice(j + 1);
    expect(webResults(await verifyPresentationWeb(signedAltered, options)).unaltered).toMatch(/^failed:/);
    expect(webResults(await verifyPresentationWeb(presentation, { ...options, trustedIssuers: {} })).issuer).toBe("failed:unknown-issuer");
    const badCheckpoint = { ...inclusion, checkpoint: inclusion.checkpoint.replace(/\n(\d+)\n/, (_m, n) => `\n${Number(n) + 1}\n`) };
    expect(webResults(await verifyPresentationWeb(presentation, { ...options, inclusion: () => badCheckpoint })).unaltered).toBe("unknown:checkpoint-unverifiable");
    const wrongProof = { ...inclusion, index: inclusion.index + 1 };
    expect(webResults(await verifyPresentationWeb(presentation, { ...options, inclusion: () => wrongProof })).unaltered).toBe("failed:inclusion-proof");
    expect(webResults(await verifyPresentationWeb("garbage", options))).toMatchObject({ issuer: "failed:malformed", unaltered: "failed:malformed" });
  });
});

describe("the app verifier's caches", () => {
  it("keeps the checkpoint, but fetches a new one when a certificate is beyond it", async () => {
    let fetched = 0;
    const notes = ["o\n5\nx\n", "o\n9\nx\n"];
    const inner = { verifierKey: "k", checkpoint: async () => notes[Math.min(fetched++, 1)], locate: async () => 0, inclusionProof: async () => [] } satisfies LogAccess;
    const log = cachedCheckpoint(inner);
    expect(await log.checkpoint(1)).toBe(notes[0]);
    expect(await log.checkpoint(5)).toBe(notes[0]);
    expect(fetched).toBe(1);
    expect(await log.checkpoint(7)).toBe(notes[1]);
    expect(await log.checkpoint(3)).toBe(notes[1]);
    expect(fetched).toBe(2);
  });

  it("re-signs its own status list only when it changed; asks others over the network", async () => {
    await appendLeaves(pool, []);
    const fetchStatus = ownStatusLists(pool, await credentialKeyring(), async () => {
      throw new TypeError("fetch failed");
    });
    const first = await fetchStatus(copy.statusListUri);
    expect(await fetchStatus(copy.statusListUri)).toBe(first);
    await revokeCredential(pool, copy.id, new Date());
    expect(await fetchStatus(copy.statusListUri)).not.toBe(first);
    await expect(fetchStatus("https://elsewhere.example/status/1")).rejects.toThrow("fetch failed");
  });
});
