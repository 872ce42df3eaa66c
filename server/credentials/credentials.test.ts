import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as jwksGet } from "../../app/.well-known/credential-issuers/[agency]/jwks.json/route";
import { GET as statusGet } from "../../app/api/v1/credentials/status/[listId]/route";
import { getPgPool } from "../db/pool";
import { formatLetterNumber, parseLetterNumber } from "../delivery/letter-number";
import { rrnToCi } from "../identity/rrn";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { issueCredential, NoSourceRecordError, type IssueDeps } from "./issue";
import { credentialKeyring, type Keyring } from "./keys";
import { reinstateCredential, revokeCredential, sourceChanged, suspendCredential } from "./lifecycle";
import { databaseLog } from "./log-access";
import { verifyCheckpoint } from "./log/checkpoint";
import { leafHash, verifyInclusion } from "./log/merkle";
import { currentCheckpoint } from "./log/publish";
import { logSigner, type LogSigner } from "./log/signing-key";
import { inclusionProofAt } from "./log/store";
import { findByAuthenticityNumber } from "./lookup";
import { disclosablePaths, presentCredential } from "./present";
import { demoRegistry, type DemoRegistry } from "./registries";
import { verifyPresentation, type VerifyOptions } from "./verify";

/** Issuance, presentation and verification against a real database, through the real routes. */
const CI_SECRET = "credentials-test-ci-secret-of-at-least-32-chars";
const SENIOR_RRN = "480315-2123459";
const THAI_RRN = "881121-5123455";
// Status lists are served signed at the real time, so the checks run at about that time.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const AUD = "https://bank.example";

let t: TestDatabase;
let pool: pg.Pool;
let dataDir: string;
let keyring: Keyring;
let signer: LogSigner;
let registry: DemoRegistry;
let deps: IssueDeps;
let holder: { privateKey: CryptoKey; publicJwk: JWK };
const people: Record<string, string> = {};

async function addPerson(rrn: string, name: string): Promise<string> {
  const id = randomUUID();
  await pool.query(`INSERT INTO "Person" ("id", "ci", "name", "updatedAt") VALUES ($1, $2, $3, now())`, [id, rrnToCi(rrn, CI_SECRET), name]);
  return id;
}

/** Fetches a status list through its route, as a relying party would over HTTP. */
const fetchStatus = async (uri: string) => {
  const listId = new URL(uri).pathname.split("/").at(-1)!;
  const res = await statusGet(new Request(uri), { params: Promise.resolve({ listId }) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  expect(res.headers.get("content-type")).toBe("application/statuslist+jwt");
  return res.text();
};

const options = (extra: Partial<VerifyOptions> = {}): VerifyOptions => ({
  now: NOW,
  trustedIssuers: keyring.trusted(),
  log: databaseLog(pool, signer),
  fetchStatus,
  keyBinding: { aud: AUD, nonce: "n-0S6_WzA2Mj" },
  ...extra,
});

const present = (sdJwt: string, names: string[], key: CryptoKey | null = holder.privateKey, binding = { aud: AUD, nonce: "n-0S6_WzA2Mj", now: NOW }) =>
  presentCredential(sdJwt, names, key, binding);

const results = (v: Awaited<ReturnType<typeof verifyPresentation>>) =>
  Object.fromEntries(Object.entries(v.checks).map(([name, check]) => [name, check.result === "ok" ? "ok" : `${check.result}:${check.reason}`]));

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-credentials-"));
  Object.assign(process.env, { DATABASE_URL: t.url, DATA_DIR: dataDir, PUBLIC_URL: "https://moa.example.kr" });
  delete process.env.LOG_SIGNING_KEY;
  delete process.env.CREDENTIAL_SIGNING_KEYS;
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  keyring = await credentialKeyring();
  signer = await logSigner();
  registry = demoRegistry(CI_SECRET);
  deps = { pool, keyring, registry, publicUrl: "https://moa.example.kr" };
  const pair = await generateKeyPair("ES256");
  holder = { privateKey: pair.privateKey, publicJwk: await exportJWK(pair.publicKey) };
  people.senior = await addPerson(SENIOR_RRN, "김순자");
  people.thai = await addPerson(THAI_RRN, "Somchai Wongsakul");
});
afterAll(async () => {
  await pool?.end();
  await getPgPool().end();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const decodePart = (part: string) => Buffer.from(part, "base64url").toString("utf8");

describe("issuing a resident registration copy", () => {
  it("signs an SD-JWT VC bound to the holder's key, with a status entry, logged and stored", async () => {
    const issued = await issueCredential(deps, { personId: people.senior, type: "resident-registration-copy", holderJwk: holder.publicJwk }, NOW);
    const [jwt, ...rest] = issued.sdJwt.split("~");
    expect(rest.at(-1)).toBe("");
    expect(rest.length - 1).toBe(4);
    const header = JSON.parse(decodePart(jwt.split(".")[0]));
    const nts = keyring.issuer("MOIS");
    expect(header).toEqual({ alg: "ES256", typ: "dc+sd-jwt", kid: nts.signer.kid });
    const payload = JSON.parse(decodePart(jwt.split(".")[1]));
    expect(payload).toMatchObject({
      iss: "https://moa.example.kr/credential-issuers/mois",
      iat: NOW.getTime() / 1000,
      vct: "https://moa.example.kr/vct/resident-registration-copy",
      _sd_alg: "sha-256",
      cnf: { jwk: { kty: "EC", crv: "P-256", x: holder.publicJwk.x, y: holder.publicJwk.y } },
      status: { status_list: { idx: issued.statusIdx, uri: issued.statusListUri } },
    });
    expect(JSON.stringify(payload)).not.toMatch(/김순자|삼봉로|이민준|1948|grandchild/);
    expect(issued.statusListUri).toMatch(/^https:\/\/moa\.example\.kr\/api\/v1\/credentials\/status\/[0-9a-f-]{36}$/);
    expect(parseLetterNumber(issued.authenticityNumber)).toBe(issued.authenticityNumber);

    const { rows } = await pool.query(`SELECT "data", "index"::int FROM "LogLeaf" WHERE "index" = $1`, [issued.logIndex]);
    expect(rows[0].data).toEqual(createHash("sha256").update(jwt).digest());
    const stored = await pool.query(`SELECT "personId", "issuer", "sdJwt", "holderJwk", "statusIdx", "sourceVersion" FROM "Credential" WHERE "id" = $1`, [issued.id]);
    expect(stored.rows[0]).toEqual({ personId: people.senior, issuer: "MOIS", sdJwt: issued.sdJwt, holderJwk: { kty: "EC", crv: "P-256", x: holder.publicJwk.x, y: holder.publicJwk.y }, statusIdx: issued.statusIdx, sourceVersion: 1 });
    expect(disclosablePaths(issued.sdJwt).sort()).toEqual(["address", "householder", "members.0", "members.1"]);
  });

  it("publishes the issuer's keys, kid being the thumbprint", async () => {
    const res = await jwksGet(new Request("https://moa.example.kr/.well-known/credential-issuers/mois/jwks.json"), { params: Promise.resolve({ agency: "mois" }) });
    const jwks = (await res.json()) as { keys: JWK[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0].kid).toBe(await calculateJwkThumbprint(jwks.keys[0]));
    expect(jwks.keys[0]).not.toHaveProperty("d");
    expect((await jwksGet(new Request("https://moa.example.kr/x"), { params: Promise.resolve({ agency: "nobody" }) })).status).toBe(404);
    for (const listId of [randomUUID(), "../etc"]) expect((await statusGet(new Request("https://moa.example.kr/x"), { params: Promise.resolve({ listId }) })).status).toBe(404);
  });

  it("refuses a holder key that is private, of another curve, or off the curve; and a person without a record", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const bad = [await exportJWK(privateKey), { ...holder.publicJwk, crv: "P-384" }, { ...holder.publicJwk, y: holder.publicJwk.x }, { kty: "OKP", crv: "Ed25519", x: holder.publicJwk.x }];
    for (const holderJwk of bad) await expect(issueCredential(deps, { personId: people.senior, type: "tax-payment", holderJwk }, NOW)).rejects.toThrow(TypeError);
    await expect(issueCredential(deps, { personId: people.thai, type: "resident-registration-copy", holderJwk: holder.publicJwk }, NOW)).rejects.toThrow(NoSourceRecordError);
    await expect(issueCredential(deps, { personId: randomUUID(), type: "tax-payment", holderJwk: holder.publicJwk }, NOW)).rejects.toThrow(NoSourceRecordError);
  });
});

describe("presenting and verifying", () => {
  let sdJwt: string;
  let id: string;
  let logIndex: number;
  beforeAll(async () => {
    ({ sdJwt, id, logIndex } = await issueCredential(deps, { personId: people.senior, type: "resident-registration-copy", holderJwk: holder.publicJwk }, NOW));
  });

  it("with two claims hidden: all checks pass, and the hidden claims are nowhere in the presentation", async () => {
    const presentation = await present(sdJwt, ["householder", "members.0"]);
    const v = await verifyPresentation(presentation, options());
    expect(results(v)).toEqual({ issuer: "ok", unaltered: "ok", notRevoked: "ok", holder: "ok" });
    expect(v.ok).toBe(true);
    expect(v).toMatchObject({ type: "resident-registration-copy", iss: "https://moa.example.kr/credential-issuers/mois", issuedAt: NOW });
    expect(v.claims).toEqual({ householder: "김순자", members: [{ name: "김순자", relation: "self", birthDate: "1948-03-15" }] });
    expect(v.checks.unaltered).toMatchObject({ logIndex, treeSize: expect.any(Number) });

    const decoded = [presentation, ...presentation.split(/[~.]/).filter(Boolean).map(decodePart)].join("\n");
    for (const hidden of ["삼봉로", "종로구", "03154", "이민준", "2006-09-02", "grandchild", "address"]) expect(decoded, hidden).not.toContain(hidden);
    expect(decoded).toContain("householder");
  });

  it("a change of one byte anywhere in the issuer JWT or a disclosure fails 'unaltered'", async () => {
    const presentation = await present(sdJwt, ["householder", "address", "members.1"], null);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const v0 = await verifyPresentation(presentation, options({ keyBinding: undefined }));
    expect(results(v0)).toEqual({ issuer: "ok", unaltered: "ok", notRevoked: "ok", holder: "unknown:not-requested" });
    for (let i = 0; i < presentation.length; i++) {
      const c = presentation[i];
      if (c === "~") continue;
      const other = c === "." ? "A" : alphabet[(alphabet.indexOf(c) + 1) % 64];
      const altered = presentation.slice(0, i) + other + presentation.slice(i + 1);
      const v = await verifyPresentation(altered, options({ keyBinding: undefined }));
      expect(v.checks.unaltered.result, `byte ${i}`).toBe("failed");
      expect(v.ok).toBe(false);
    }
  });

  it("the inclusion proof verifies against a checkpoint signed with the log's key", async () => {
    const checkpoint = verifyCheckpoint(await currentCheckpoint(pool, signer), signer.verifierKey)!;
    expect(checkpoint.size).toBeGreaterThan(logIndex);
    const { proof } = await inclusionProofAt(pool, logIndex, checkpoint.size);
    const digest = createHash("sha256").update(sdJwt.split("~")[0]).digest();
    expect(verifyInclusion(leafHash(digest), logIndex, checkpoint.size, proof, checkpoint.rootHash)).toBe(true);
    expect(verifyInclusion(leafHash(Buffer.alloc(32)), logIndex, checkpoint.size, proof, checkpoint.rootHash)).toBe(false);
  });

  it("checks key binding: audience, nonce, freshness, the holder's key, and that it is there", async () => {
    const presentation = await present(sdJwt, ["householder"]);
    const expectHolder = async (p: string, result: string, extra: Partial<VerifyOptions> = {}) => expect(results(await verifyPresentation(p, options(extra))).holder).toBe(result);
    await expectHolder(presentation, "failed:wrong-nonce", { keyBinding: { aud: AUD, nonce: "another" } });
    await expectHolder(presentation, "failed:wrong-audience", { keyBinding: { aud: "https://other.example", nonce: "n-0S6_WzA2Mj" } });
    await expectHolder(presentation, "failed:key-binding-stale", { now: new Date(NOW.getTime() + 10 * 60_000) });
    await expectHolder(await present(sdJwt, ["householder"], null), "failed:no-key-binding");
    const thief = (await generateKeyPair("ES256")).privateKey;
    await expectHolder(await present(sdJwt, ["householder"], thief), "failed:key-binding-signature");
    // A KB-JWT made for other disclosures does not carry over.
    const kb = presentation.split("~").at(-1)!;
    const widened = `${(await present(sdJwt, ["householder", "address"], null))}${kb}`;
    await expectHolder(widened, "failed:sd-hash-mismatch");
  });

  it("revocation, suspension and reinstatement show in the status list; an unreachable list is 'unknown'", async () => {
    const presentation = await present(sdJwt, ["householder"]);
    const status = async (extra: Partial<VerifyOptions> = {}) => results(await verifyPresentation(presentation, options(extra))).notRevoked;
    expect(await status({ fetchStatus: () => Promise.reject(new TypeError("fetch failed")) })).toBe("unknown:status-unreachable");
    expect(await status({ fetchStatus: async () => "not.a.token" })).toBe("unknown:status-list-invalid");
    expect(await suspendCredential(pool, id, NOW)).toBe(true);
    expect(await status()).toBe("failed:suspended");
    expect(await reinstateCredential(pool, id, NOW)).toBe(true);
    expect(await status()).toBe("ok");
    expect(await revokeCredential(pool, id, NOW)).toBe(true);
    expect(await status()).toBe("failed:revoked");
    expect(await reinstateCredential(pool, id, NOW)).toBe(false);
    expect(await suspendCredential(pool, id, NOW)).toBe(false);
    expect(await status()).toBe("failed:revoked");
    const v = await verifyPresentation(presentation, options());
    expect(results(v)).toMatchObject({ issuer: "ok", unaltered: "ok", holder: "ok" });
    expect(v.ok).toBe(false);
  });

  it("a log out of reach leaves 'unaltered' unknown; an unknown issuer fails 'issuer recognised'", async () => {
    const presentation = await present(sdJwt, ["householder"]);
    const down = { ...databaseLog(pool, signer), locate: () => Promise.reject(new Error("ECONNREFUSED")) };
    expect(results(await verifyPresentation(presentation, options({ log: down })))).toMatchObject({ issuer: "ok", unaltered: "unknown:log-unreachable" });
    const v = await verifyPresentation(presentation, options({ trustedIssuers: {} }));
    expect(results(v)).toMatchObject({ issuer: "failed:unknown-issuer", unaltered: "unknown:issuer-not-recognised", notRevoked: "unknown:not-checked" });
    const otherKey = { [keyring.issuer("MOIS").iss]: keyring.issuer("NTS").jwks };
    expect(results(await verifyPresentation(presentation, options({ trustedIssuers: otherKey })))).toMatchObject({ issuer: "failed:unknown-key" });
    expect(results(await verifyPresentation("garbage", options()))).toMatchObject({ issuer: "failed:malformed", unaltered: "failed:malformed" });
  });
});

describe("source changes and authenticity numbers", () => {
  it("a change of the source record revokes what was issued from it; the next carries the new version", async () => {
    const issued = await issueCredential(deps, { personId: people.thai, type: "tax-payment", holderJwk: holder.publicJwk }, NOW);
    const ci = rrnToCi(THAI_RRN, CI_SECRET);
    expect(registry.change(ci, "tax-payment", (c) => ({ ...c, taxesPaid: c.taxesPaid + 10_000 }))).toBe(2);
    expect(await sourceChanged(pool, people.thai, "tax-payment", NOW)).toBe(1);
    expect(await sourceChanged(pool, people.thai, "tax-payment", NOW)).toBe(0);
    const { rows } = await pool.query(`SELECT "revokedAt", "revocationReason" FROM "Credential" WHERE "id" = $1`, [issued.id]);
    expect(rows[0]).toEqual({ revokedAt: NOW, revocationReason: "source-changed" });
    const next = await issueCredential(deps, { personId: people.thai, type: "tax-payment", holderJwk: holder.publicJwk }, NOW);
    expect(next.sourceVersion).toBe(2);
    const v = await verifyPresentation(await present(next.sdJwt, ["name", "taxesPaid", "noArrears"]), options());
    expect(v.ok).toBe(true);
    expect(v.claims).toEqual({ name: "Somchai Wongsakul", period: { from: "2025-01-01", to: "2025-12-31" }, taxesPaid: 278_000, noArrears: true });
  });

  it("are found as typed, and tell only what the certificate is and whether it stands", async () => {
    const issued = await issueCredential(deps, { personId: people.senior, type: "health-insurance-eligibility", holderJwk: holder.publicJwk }, NOW);
    const typed = formatLetterNumber(issued.authenticityNumber);
    expect(typed).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(await findByAuthenticityNumber(pool, typed)).toEqual({ authenticityNumber: issued.authenticityNumber, type: "health-insurance-eligibility", issuer: "NHIS", issuedAt: NOW, state: "valid" });
    const wrongCheck = issued.authenticityNumber.slice(0, 15) + ((Number(issued.authenticityNumber[15]) + 1) % 10);
    expect(await findByAuthenticityNumber(pool, wrongCheck)).toBeNull();
    await suspendCredential(pool, issued.id, NOW);
    expect((await findByAuthenticityNumber(pool, issued.authenticityNumber))?.state).toBe("suspended");
  });
});
