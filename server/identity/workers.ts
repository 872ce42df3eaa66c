import { hash, verify, type Algorithm } from "@node-rs/argon2";
import { Secret, TOTP } from "otpauth";
import type { Db } from "../db";
import { appendAudit } from "../audit/chain";
import { createSession } from "./sessions";

/**
 * Sign-in for "workers": community-center staff and agency operators. Password and TOTP code
 * together; repeated failures lock the account for a growing time.
 */
export type WorkerKind = "staff" | "operator";

export type WorkerSignInResult =
  | { ok: true; token: string; expiresAt: Date; workerId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

export interface WorkerSignInInput {
  kind: WorkerKind;
  login: string;
  password: string;
  code: string;
  userAgent?: string | null;
}

// The package's Algorithm is an ambient const enum, which isolatedModules cannot read.
const ARGON2ID = 2 satisfies Algorithm;
const TOTP_PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
const FREE_FAILURES = 4;
const MAX_LOCK_SECONDS = 3600;

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

/** Seconds an account stays locked after its n-th consecutive failure. */
export function lockoutSeconds(failedLogins: number): number {
  if (failedLogins <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_SECONDS, 30 * 2 ** (failedLogins - FREE_FAILURES - 1));
}

/** The code an authenticator app shows for this base32 secret at `now`. */
export function currentTotp(secret: string, now: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), ...TOTP_PARAMS, timestamp: now.getTime() });
}

/** The time step of a valid code within ±1 step of `now`, or null. */
function totpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), ...TOTP_PARAMS, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : TOTP.counter({ period: TOTP_PARAMS.period, timestamp: now.getTime() }) + delta;
}

let dummyHash: Promise<string> | undefined;
/** Spends the same argon2 time as a real check, so response times do not reveal unknown logins. */
async function verifyDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("moa-no-such-worker");
  await verify(await dummyHash, password).catch(() => false);
}

interface Worker {
  id: string;
  passwordHash: string;
  totpSecret: string | null;
  lockedUntil: Date | null;
}

const WORKER_FIELDS = { id: true, passwordHash: true, totpSecret: true, lockedUntil: true } as const;

function findWorker(db: Db, kind: WorkerKind, login: string): Promise<Worker | null> {
  const trimmed = login.trim();
  return kind === "staff"
    ? db.staff.findUnique({ where: { username: trimmed }, select: WORKER_FIELDS })
    : db.agencyOperator.findUnique({ where: { email: trimmed.toLowerCase() }, select: WORKER_FIELDS });
}

/** Counts a failure and locks when due; returns the new count. */
async function recordFailure(db: Db, kind: WorkerKind, id: string, now: Date): Promise<number> {
  const data = { failedLogins: { increment: 1 } };
  const { failedLogins } =
    kind === "staff"
      ? await db.staff.update({ where: { id }, data, select: { failedLogins: true } })
      : await db.agencyOperator.update({ where: { id }, data, select: { failedLogins: true } });
  const seconds = lockoutSeconds(failedLogins);
  if (seconds > 0) {
    // Guarded by the count so that a slower concurrent failure cannot shorten a longer lock.
    const where = { id, failedLogins };
    const lock = { lockedUntil: new Date(now.getTime() + seconds * 1000) };
    if (kind === "staff") await db.staff.updateMany({ where, data: lock });
    else await db.agencyOperator.updateMany({ where, data: lock });
  }
  return failedLogins;
}

/** Resets the counters and records the code's step; false when that step (or a later one) was used already. */
async function recordSuccess(db: Db, kind: WorkerKind, id: string, step: number): Promise<boolean> {
  const where = { id, OR: [{ lastTotpStep: null }, { lastTotpStep: { lt: step } }] };
  const data = { failedLogins: 0, lockedUntil: null, lastTotpStep: step };
  const { count } =
    kind === "staff" ? await db.staff.updateMany({ where, data }) : await db.agencyOperator.updateMany({ where, data });
  return count === 1;
}

function secondsUntil(until: Date, now: Date): number {
  return Math.ceil((until.getTime() - now.getTime()) / 1000);
}

export async function signInWorker(db: Db, input: WorkerSignInInput, now: Date): Promise<WorkerSignInResult> {
  const { kind } = input;
  const worker = await findWorker(db, kind, input.login);
  if (!worker) {
    await verifyDummy(input.password);
    // No login string: people type their password into the wrong field.
    await appendAudit(db, { actorType: "public", action: "worker.sign-in-failed", detail: { kind, reason: "unknown-login" } }, now);
    return { ok: false, reason: "invalid" };
  }
  if (worker.lockedUntil && worker.lockedUntil > now) {
    return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(worker.lockedUntil, now) };
  }

  const passwordOk = await verify(worker.passwordHash, input.password).catch(() => false);
  const step = passwordOk && worker.totpSecret ? totpStep(worker.totpSecret, input.code, now) : null;
  const accepted = step !== null && (await recordSuccess(db, kind, worker.id, step));
  if (!accepted) {
    const reason = !passwordOk ? "password" : !worker.totpSecret ? "no-second-factor" : step === null ? "code" : "code-replayed";
    const failures = await recordFailure(db, kind, worker.id, now);
    await appendAudit(db, { actorType: kind, actorId: worker.id, action: "worker.sign-in-failed", detail: { reason } }, now);
    const seconds = lockoutSeconds(failures);
    return seconds > 0 ? { ok: false, reason: "locked", retryAfterSeconds: seconds } : { ok: false, reason: "invalid" };
  }

  const session = await createSession(db, { type: kind, id: worker.id, now, userAgent: input.userAgent, steppedUp: true });
  await appendAudit(db, { actorType: kind, actorId: worker.id, action: "worker.sign-in" }, now);
  return { ok: true, token: session.token, expiresAt: session.expiresAt, workerId: worker.id };
}
