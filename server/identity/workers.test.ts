import { createHash } from "node:crypto";
import { Secret } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { resolveSession } from "./sessions";
import { currentTotp, hashPassword, lockoutSeconds, signInWorker, type WorkerKind } from "./workers";

const PASSWORD = "correct horse battery staple";
const T0 = new Date("2026-11-23T09:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A fixed secret per name, so the tests' codes never change from run to run. */
const secretFor = (name: string) => Secret.fromHex(createHash("sha1").update(name).digest("hex")).base32;

describe("worker sign-in", () => {
  let t: TestDatabase;
  let passwordHash: string;
  let centerId: string;
  let agencyId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    passwordHash = await hashPassword(PASSWORD);
    centerId = (await t.db.communityCenter.create({ data: { code: "C1", name: { ko: "센터" }, address: "주소", phone: "02-0000-0000" } })).id;
    agencyId = (await t.db.agency.create({ data: { code: "A1", name: { ko: "기관" } } })).id;
  });
  afterAll(() => t.drop());

  async function staff(username: string, totp = true) {
    const totpSecret = totp ? secretFor(username) : null;
    const row = await t.db.staff.create({ data: { centerId, username, name: username, passwordHash, totpSecret } });
    return { ...row, secret: totpSecret ?? "" };
  }
  const attempt = (login: string, password: string, code: string, now: Date, kind: WorkerKind = "staff") =>
    signInWorker(t.db, { kind, login, password, code, userAgent: "test" }, now);
  const counters = (id: string) => t.db.staff.findUniqueOrThrow({ where: { id }, select: { failedLogins: true, lockedUntil: true } });

  it("hashes with argon2id at OWASP's parameters", () => {
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("signs in with password and code into a stepped-up staff session", async () => {
    const w = await staff("success");
    const result = await attempt("success", PASSWORD, currentTotp(w.secret, T0), T0);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.workerId).toBe(w.id);
    const principal = await resolveSession(t.db, result.token, T0);
    expect(principal).toMatchObject({ type: "staff", id: w.id, steppedUpAt: T0 });
    const audit = await t.db.auditEvent.findMany({ where: { actorId: w.id } });
    expect(audit.map((e) => [e.actorType, e.action])).toEqual([["staff", "worker.sign-in"]]);
  });

  it("refuses a wrong password or a wrong code alike, and counts each", async () => {
    const w = await staff("wrong");
    expect(await attempt("wrong", "not it", currentTotp(w.secret, T0), T0)).toEqual({ ok: false, reason: "invalid" });
    expect((await counters(w.id)).failedLogins).toBe(1);
    expect(await attempt("wrong", PASSWORD, currentTotp(w.secret, later(-600)), T0)).toEqual({ ok: false, reason: "invalid" });
    expect((await counters(w.id)).failedLogins).toBe(2);
    const reasons = await t.db.auditEvent.findMany({ where: { actorId: w.id }, orderBy: { id: "asc" } });
    expect(reasons.map((e) => e.detail)).toEqual([{ reason: "password" }, { reason: "code" }]);
  });

  it("accepts each code once, and no older one after it", async () => {
    const w = await staff("replay");
    const code = currentTotp(w.secret, T0);
    expect((await attempt("replay", PASSWORD, code, T0)).ok).toBe(true);
    expect(await attempt("replay", PASSWORD, code, later(10))).toEqual({ ok: false, reason: "invalid" });
    // The previous step's code is still inside the ±1 window, but older than the one used.
    expect(await attempt("replay", PASSWORD, currentTotp(w.secret, later(-30)), later(10))).toEqual({ ok: false, reason: "invalid" });
    expect((await attempt("replay", PASSWORD, currentTotp(w.secret, later(30)), later(30))).ok).toBe(true);
  });

  it("refuses a worker without a second factor", async () => {
    const w = await staff("no-totp", false);
    expect(await attempt("no-totp", PASSWORD, "123456", T0)).toEqual({ ok: false, reason: "invalid" });
    expect((await counters(w.id)).failedLogins).toBe(1);
  });

  it("refuses an unknown login without writing it down", async () => {
    const login = "staff.nobody-typed-this";
    expect(await attempt(login, PASSWORD, "123456", T0)).toEqual({ ok: false, reason: "invalid" });
    const events = await t.db.auditEvent.findMany({ where: { actorType: "public" } });
    expect(events.map((e) => [e.action, e.detail])).toEqual([["worker.sign-in-failed", { kind: "staff", reason: "unknown-login" }]]);
    const all = await t.db.auditEvent.findMany();
    expect(JSON.stringify(all, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(login);
  });

  it("locks after five failures for a growing time, even against the right password", async () => {
    const w = await staff("locked");
    const right = (now: Date) => attempt("locked", PASSWORD, currentTotp(w.secret, now), now);
    for (let i = 1; i <= 4; i++) expect(await attempt("locked", "bad", "000000", T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("locked", "bad", "000000", T0)).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 30 });
    expect(await right(later(10))).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 20 });
    expect((await counters(w.id)).failedLogins).toBe(5);

    expect(await attempt("locked", "bad", "000000", later(30))).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });
    expect(await right(later(31))).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 59 });

    expect((await right(later(90))).ok).toBe(true);
    expect(await counters(w.id)).toEqual({ failedLogins: 0, lockedUntil: null });
  });

  it("finds operators by e-mail whatever its case", async () => {
    const secret = secretFor("operator");
    const op = await t.db.agencyOperator.create({
      data: { agencyId, email: "ops@agency.demo", name: "Op", passwordHash, totpSecret: secret, permissions: ["send"] },
    });
    const result = await attempt(" Ops@Agency.DEMO ", PASSWORD, currentTotp(secret, T0), T0, "operator");
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.workerId).toBe(op.id);
    expect(await resolveSession(t.db, result.token, T0)).toMatchObject({ type: "operator", id: op.id });
    expect(await attempt("ops@agency.demo", PASSWORD, currentTotp(secret, T0), T0, "staff")).toEqual({ ok: false, reason: "invalid" });
  });

  it("grows the lock from the fifth failure, doubling up to an hour", () => {
    const table = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100].map(lockoutSeconds);
    expect(table).toEqual([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });
});
