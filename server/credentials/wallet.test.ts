import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPgPool } from "../db/pool";
import { rrnToCi } from "../identity/rrn";
import { createSession, resolveSession, type SessionPrincipal } from "../identity/sessions";
import { DEFAULT_PREFERENCES } from "../preferences/preferences";
import { createTestDatabase, type TestDatabase } from "../test/db";
import type { Context } from "../trpc/context";
import { createCallerFactory } from "../trpc/init";
import { appRouter } from "../trpc/router";
import { visibleClaims } from "./claim-rows";
import { checkKeyBinding, signKeyBinding } from "./key-binding";
import { revokeCredential } from "./lifecycle";
import { presentCredential } from "./present";
import { splitSdJwt } from "./sd-jwt";
import { openShare, type ShareView } from "./share-view";
import { shareViewDeps } from "./wallet-deps";

/** The wallet and share procedures, as the pages call them, on a real database with real keys, log and status lists. */
const SECRET = "wallet-test-ci-secret-of-at-least-32-chars";
const PUBLIC_URL = "https://moa.example.kr";
let t: TestDatabase;
let dataDir: string;
const who: Record<"senior" | "thai" | "staff" | "operator", SessionPrincipal> = {} as never;
let device: { privateKey: CryptoKey; publicJwk: JWK };

async function principal(type: SessionPrincipal["type"], id: string, steppedUp = true): Promise<SessionPrincipal> {
  const { token } = await createSession(t.db, { type, id, now: new Date(), steppedUp });
  return (await resolveSession(t.db, token, new Date()))!;
}
const caller = (p: SessionPrincipal | null) => {
  const ctx: Context = { db: t.db, principal: p, locale: "en", preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() };
  return createCallerFactory(appRouter)(ctx).credentials;
};
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.message === e.code || !e.message ? e.code : `${e.code}:${e.message}`;
    throw e;
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-wallet-"));
  Object.assign(process.env, { DATABASE_URL: t.url, DATA_DIR: dataDir, PUBLIC_URL, CI_SECRET: SECRET, SESSION_SECRET: "wallet-test-session-secret-of-32-chars-or-more" });
  delete process.env.LOG_SIGNING_KEY;
  delete process.env.CREDENTIAL_SIGNING_KEYS;
  const person = (rrn: string, name: string) => t.db.person.create({ data: { ci: rrnToCi(rrn, SECRET), name } });
  const senior = await person("480315-2123459", "김순자");
  const thai = await person("881121-5123455", "Somchai Wongsakul");
  const center = await t.db.communityCenter.create({ data: { code: "W1", name: { en: "W1" }, address: "-", phone: "-" } });
  const staff = await t.db.staff.create({ data: { centerId: center.id, username: "w", name: "W", passwordHash: "x" } });
  const agency = await t.db.agency.create({ data: { code: "WWW", name: { en: "WWW" } } });
  const operator = await t.db.agencyOperator.create({ data: { agencyId: agency.id, email: "w@x", name: "W", passwordHash: "x", permissions: ["send"] } });
  Object.assign(who, { senior: await principal("citizen", senior.id), thai: await principal("citizen", thai.id), staff: await principal("staff", staff.id), operator: await principal("operator", operator.id) });
  const pair = await generateKeyPair("ES256");
  device = { privateKey: pair.privateKey, publicJwk: await exportJWK(pair.publicKey) };
});
afterAll(async () => {
  await getPgPool().end();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the wallet page does in the browser: choose claims, sign for the link's audience with the share's id as nonce. */
async function share(credentialId: string, paths: string[], options: { id?: string; aud?: string; nonce?: string; maxViews?: number | null; now?: Date } = {}) {
  const detail = await caller(who.senior).get({ id: credentialId });
  const id = options.id ?? randomUUID();
  const presentation = await presentCredential(detail.jwt + "~" + detail.disclosures.map((d) => d.disclosure).join("~") + "~", paths, device.privateKey, {
    aud: options.aud ?? detail.linkAudience,
    nonce: options.nonce ?? id,
    now: options.now ?? new Date(),
  });
  return { id, presentation, created: () => caller(who.senior).shares.create({ id, credentialId, presentation, recipient: { kind: "anyone" }, maxViews: options.maxViews ?? null }) };
}
const tokenOf = (url: string) => url.split("/s/")[1];
const open = async (url: string, viewer = "203.0.113.1", now = new Date()) => openShare(await shareViewDeps(), tokenOf(url), viewer, now);
const results = (view: ShareView) => (view.status === "ok" ? Object.fromEntries(Object.entries(view.verification.checks).map(([k, c]) => [k, c.result === "ok" ? "ok" : `${c.result}:${c.reason}`])) : view.status);

describe("wallet", () => {
  let copyId: string;

  it("lists what the person's records allow, issues a resident registration copy to the device key, and reads it back", async () => {
    const available = await caller(who.senior).available();
    expect(available.filter((a) => a.available).map((a) => a.type)).toHaveLength(5);
    const issued = await caller(who.senior).issue({ type: "resident-registration-copy", holderJwk: device.publicJwk as Record<string, unknown> });
    copyId = issued.id;
    expect(issued).toMatchObject({ type: "resident-registration-copy", issuer: "MOIS", state: "valid" });
    expect(issued.authenticityNumber).toMatch(/^\d{16}$/);
    expect((await caller(who.senior).list()).map((c) => c.id)).toEqual([copyId]);
    const detail = await caller(who.senior).get({ id: copyId });
    expect(detail.claims).toMatchObject({ householder: "김순자", members: [{ name: "김순자", relation: "self" }, { name: "이민준", relation: "grandchild" }] });
    expect(detail.disclosures.map((d) => d.path).sort()).toEqual(["address", "householder", "members.0", "members.1"]);
    expect(detail.holderJwk).toEqual({ kty: "EC", crv: "P-256", x: device.publicJwk.x, y: device.publicJwk.y });
    expect(detail.linkAudience).toBe(`${PUBLIC_URL}/s`);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "credential.issued", targetId: copyId } });
    expect(audit).toMatchObject({ actorType: "citizen", actorId: who.senior.id });
  });

  it("tells a foreign resident without a resident register entry why, in a key the page translates", async () => {
    const available = await caller(who.thai).available();
    expect(available.find((a) => a.type === "resident-registration-copy")?.available).toBe(false);
    expect(available.find((a) => a.type === "tax-payment")?.available).toBe(true);
    expect(await codeOf(caller(who.thai).issue({ type: "resident-registration-copy", holderJwk: device.publicJwk as Record<string, unknown> }))).toBe("BAD_REQUEST:NO_SOURCE_RECORD");
    expect(await codeOf(caller(who.thai).issue({ type: "tax-payment", holderJwk: { kty: "EC", crv: "P-256", x: "a", y: "b" } }))).toBe("BAD_REQUEST:HOLDER_KEY_INVALID");
  });

  it("asks for a recent step-up before issuing or sharing", async () => {
    const stale = { ...who.senior, steppedUpAt: new Date(Date.now() - 6 * 60_000) };
    const c = createCallerFactory(appRouter)({ db: t.db, principal: stale, locale: "en", preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() }).credentials;
    expect(await codeOf(c.issue({ type: "tax-payment", holderJwk: device.publicJwk as Record<string, unknown> }))).toBe("FORBIDDEN:STEP_UP_REQUIRED");
    expect(await codeOf(c.shares.create({ id: randomUUID(), credentialId: copyId, presentation: "x".repeat(20), recipient: { kind: "anyone" } }))).toBe("FORBIDDEN:STEP_UP_REQUIRED");
    expect(await codeOf(c.preparePrint({ id: copyId }))).toBe("FORBIDDEN:STEP_UP_REQUIRED");
    expect(await caller(who.senior).preparePrint({ id: copyId })).toEqual({ url: `/api/credentials/${copyId}/pdf?locale=en` });
  });

  it("shares two claims of four: the link verifies ✓ ✓ ✓ with the holder's device, and shows nothing else", async () => {
    const s = await share(copyId, ["householder", "members.1"]);
    const { url } = await s.created();
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/en/s/[A-Za-z0-9_-]{43}$`));
    const stored = await t.db.credentialShare.findUniqueOrThrow({ where: { id: s.id } });
    expect(stored.tokenHash).not.toContain(tokenOf(url));
    expect(stored.disclosed.sort()).toEqual(["householder", "members.1"]);
    expect(splitSdJwt(stored.presentation).disclosures).toHaveLength(2);

    const view = await open(url);
    expect(results(view)).toEqual({ issuer: "ok", unaltered: "ok", notRevoked: "ok", holder: "ok" });
    if (view.status !== "ok") throw new Error();
    expect(view.verification.claims).toEqual({ householder: "김순자", members: [{ name: "이민준", relation: "grandchild", birthDate: "2006-09-02" }] });
    // The share form's preview is exactly what the recipient gets.
    const detail = await caller(who.senior).get({ id: copyId });
    expect(visibleClaims(detail.claims, detail.disclosures.map((d) => d.path), ["householder", "members.1"])).toEqual(view.verification.claims);
    expect(JSON.stringify(view)).not.toMatch(/삼봉로|1948-03-15/);
  });

  it("still verifies the holder days later (signed within a minute of the share), and refuses a KB-JWT signed long before", async () => {
    const s = await share(copyId, ["householder"]);
    const { url } = await s.created();
    expect(results(await open(url, "203.0.113.2", new Date(Date.now() + 3 * 86_400_000)))).toMatchObject({ holder: "ok" });

    const presentation = await presentCredential((await t.db.credential.findUniqueOrThrow({ where: { id: copyId } })).sdJwt, ["householder"], null, { aud: "", nonce: "" });
    const signedAt = new Date(Date.now() - 200_000);
    const kb = await signKeyBinding(presentation, device.privateKey, { aud: "a", nonce: "n", now: signedAt });
    const cnf = { jwk: device.publicJwk };
    expect((await checkKeyBinding(presentation, kb, cnf, { aud: "a", nonce: "n" }, new Date())).result).toBe("ok");
    expect(await checkKeyBinding(presentation, kb, cnf, { aud: "a", nonce: "n", signedNear: new Date() }, new Date())).toEqual({ result: "failed", reason: "key-binding-stale" });
    expect((await checkKeyBinding(presentation, kb, cnf, { aud: "a", nonce: "n", signedNear: new Date(signedAt.getTime() + 30_000) }, new Date(Date.now() + 86_400_000))).result).toBe("ok");
  });

  it("refuses presentations that are not this certificate's, are bound to another audience or nonce, or are stale", async () => {
    const wrongAud = await share(copyId, ["householder"], { aud: "https://elsewhere.example/s" });
    expect(await codeOf(wrongAud.created())).toBe("BAD_REQUEST:PRESENTATION_INVALID");
    const wrongNonce = await share(copyId, ["householder"], { nonce: randomUUID() });
    expect(await codeOf(wrongNonce.created())).toBe("BAD_REQUEST:PRESENTATION_INVALID");
    const stale = await share(copyId, ["householder"], { now: new Date(Date.now() - 301_000) });
    expect(await codeOf(stale.created())).toBe("BAD_REQUEST:PRESENTATION_INVALID");
    const good = await share(copyId, ["householder"]);
    const [jwt, disclosure, kb] = good.presentation.split("~");
    const forged = `${jwt}~${Buffer.from(JSON.stringify(["salt", "householder", "홍길동"])).toString("base64url")}~${kb}`;
    expect(await codeOf(caller(who.senior).shares.create({ id: good.id, credentialId: copyId, presentation: forged, recipient: { kind: "anyone" } }))).toBe("BAD_REQUEST:PRESENTATION_INVALID");
    expect(disclosure).toBeTruthy();
  });

  it("counts views by distinct viewer, stops at the view limit, and lists every view to the holder", async () => {
    const s = await share(copyId, ["address"], { maxViews: 3 });
    const { url, id } = await s.created();
    for (const viewer of ["198.51.100.7", "198.51.100.8", "198.51.100.7"]) expect((await open(url, viewer)).status).toBe("ok");
    expect((await open(url)).status).toBe("used-up");
    const listed = (await caller(who.senior).shares.list({ credentialId: copyId })).find((x) => x.id === id)!;
    expect(listed).toMatchObject({ recipient: { kind: "anyone" }, purpose: "link", maxViews: 3, keyBound: true, revokedAt: null, state: "usedUp" });
    expect(listed.views.map((v) => v.viewer)).toEqual([1, 2, 1]);
  });

  it("revoking a share closes it at once; revoking the certificate shows ✗ not revoked; expired links say so", async () => {
    const a = await share(copyId, ["householder"]);
    const { url, id } = await a.created();
    await caller(who.senior).shares.revoke({ id });
    expect((await open(url)).status).toBe("revoked");
    const b = await share(copyId, ["householder"]);
    const second = await b.created();
    expect((await open(second.url, "x", new Date(Date.now() + 8 * 86_400_000))).status).toBe("expired");
    expect((await open("https://x/en/s/" + "A".repeat(43))).status).toBe("not-found");
    await revokeCredential(getPgPool(), copyId, new Date());
    expect(results(await open(second.url))).toMatchObject({ issuer: "ok", unaltered: "ok", notRevoked: "failed:revoked" });
    expect((await caller(who.senior).get({ id: copyId })).state).toBe("revoked");
    expect(await codeOf((await share(copyId, ["householder"])).created())).toBe("BAD_REQUEST:CREDENTIAL_NOT_SHAREABLE");
  });
});

describe("ownership", () => {
  it("another citizen gets NOT_FOUND for everything of someone else's; staff and operators are refused", async () => {
    const [mine] = await caller(who.senior).list();
    const [shareOfSenior] = await caller(who.senior).shares.list({ credentialId: mine.id });
    const other = caller(who.thai);
    expect(await other.list()).toEqual([]);
    expect(await codeOf(other.get({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.shares.list({ credentialId: mine.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.shares.revoke({ id: shareOfSenior.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.forget({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.preparePrint({ id: mine.id }))).toBe("NOT_FOUND");
    const presentation = (await t.db.credentialShare.findFirstOrThrow({ where: { credentialId: mine.id } })).presentation;
    expect(await codeOf(other.shares.create({ id: randomUUID(), credentialId: mine.id, presentation, recipient: { kind: "anyone" } }))).toBe("NOT_FOUND:CREDENTIAL_NOT_SHAREABLE");
    for (const p of [who.staff, who.operator]) {
      expect(await codeOf(caller(p).list())).toBe("FORBIDDEN");
      expect(await codeOf(caller(p).get({ id: mine.id }))).toBe("FORBIDDEN");
      expect(await codeOf(caller(p).shares.revoke({ id: shareOfSenior.id }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(caller(null).list())).toBe("UNAUTHORIZED");
  });

  it("forgetting removes the certificate from the wallet and closes its links", async () => {
    const [mine] = await caller(who.senior).list();
    await caller(who.senior).forget({ id: mine.id });
    expect(await caller(who.senior).list()).toEqual([]);
    expect(await codeOf(caller(who.senior).get({ id: mine.id }))).toBe("NOT_FOUND");
    expect(await t.db.credentialShare.count({ where: { credentialId: mine.id, revokedAt: null } })).toBe(0);
  });
});
