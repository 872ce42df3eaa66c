import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Db } from "../db";
import { appendAuditWith } from "../audit/chain";
import { uuid7 } from "../db/uuid7";
import type { Prisma } from "../generated/prisma/client";
import { assistError } from "./errors";
import { ASSIST_MAX_MINUTES, CODE_MINUTES, CODE_TRIES, type AssistConsentMethod, type IdDocument, type Scope } from "./scopes";
import { lockGrant } from "./lock";
import { forgetSession } from "../identity/sessions";
import { queueAssistMessage } from "./messages-queue";

/** A staff member at the counter, as their session and account say. */
export interface CounterStaff {
  id: string;
  centerId: string;
  name: string;
  sessionId: string;
}

export interface OpenAssistInput {
  personId: string;
  idCheck: { document: IdDocument; last4: string };
  consentMethod: AssistConsentMethod;
  scopes: Scope[];
  minutes: number;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

/**
 * Opens an assist grant awaiting the citizen's consent: the approval page is pushed to their phone,
 * or a code is sent by SMS, or staff will record a signed paper form.
 */
export async function openAssist(db: Db, staff: CounterStaff, input: OpenAssistInput, now: Date): Promise<{ grantId: string }> {
  const person = await db.person.findUnique({ where: { id: input.personId }, include: { _count: { select: { pushSubscriptions: true } } } });
  if (!person) throw assistError("NOT_FOUND", "CITIZEN_NOT_FOUND");
  if (input.consentMethod === "sms-code" && !person.phone) throw assistError("BAD_REQUEST", "NO_PHONE");
  if (input.consentMethod === "phone-approval" && person._count.pushSubscriptions === 0) throw assistError("BAD_REQUEST", "NO_PUSH_DEVICE");
  // One citizen at a time: a session still running is ended first (with its report to the citizen).
  if (await db.grant.count({ where: { staffId: staff.id, status: "active", expiresAt: { gt: now } } })) throw assistError("CONFLICT", "SESSION_IN_PROGRESS");
  const id = uuid7(now.getTime());
  await db.$transaction(async (tx) => {
    // One open grant per staff member: a new one replaces what was pending.
    await tx.grant.updateMany({ where: { staffId: staff.id, status: "pending" }, data: { status: "ended", endedAt: now } });
    await tx.grant.create({
      data: {
        id,
        kind: "assist",
        personId: person.id,
        staffId: staff.id,
        centerId: staff.centerId,
        scopes: [...new Set(input.scopes)],
        consentMethod: input.consentMethod,
        idCheck: { document: input.idCheck.document, last4: input.idCheck.last4, staffName: staff.name, at: now.toISOString() },
        status: "pending",
        minutes: Math.min(input.minutes, ASSIST_MAX_MINUTES),
        createdAt: now,
      },
    });
    if (input.consentMethod !== "paper-form") await queueAssistMessage(tx, { grantId: id, what: input.consentMethod === "sms-code" ? "consent-code" : "approval" });
    await appendAuditWith(tx, { actorType: "staff", actorId: staff.id, onBehalfOf: person.id, action: "assist.requested", targetType: "grant", targetId: id, detail: { grantId: id, consentMethod: input.consentMethod, scopes: input.scopes, minutes: input.minutes, idDocument: input.idCheck.document } }, now);
  });
  return { grantId: id };
}

async function pendingGrantOf(tx: Prisma.TransactionClient, staffId: string, grantId: string) {
  const grant = await lockGrant(tx, grantId);
  if (!grant || grant.kind !== "assist" || grant.staffId !== staffId) throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
  return grant;
}

/** Starts the session: the grant runs from now for its minutes, and the staff session acts under it. */
async function activate(tx: Prisma.TransactionClient, grant: { id: string; personId: string; minutes: number | null }, staff: CounterStaff, evidence: Prisma.InputJsonValue, now: Date) {
  const expiresAt = new Date(now.getTime() + (grant.minutes ?? 30) * 60_000);
  await tx.grant.update({ where: { id: grant.id }, data: { status: "active", activatedAt: now, expiresAt, consentEvidence: evidence, challengeHash: null, challengeUntil: null, challengeTries: 0 } });
  await tx.session.update({ where: { id: staff.sessionId }, data: { actingGrantId: grant.id } });
  await appendAuditWith(tx, { actorType: "staff", actorId: staff.id, onBehalfOf: grant.personId, action: "assist.started", targetType: "grant", targetId: grant.id, detail: { grantId: grant.id, expiresAt: expiresAt.toISOString() } }, now);
}

/** Stores a code's hash for 10 minutes (consent, or a payment's confirmation). */
export async function setChallenge(tx: Prisma.TransactionClient, grantId: string, code: string, now: Date) {
  await tx.grant.update({ where: { id: grantId }, data: { challengeHash: sha256(`${grantId}:${code}`), challengeUntil: new Date(now.getTime() + CODE_MINUTES * 60_000), challengeTries: 0 } });
}

/** Checks a code against the grant's challenge; a wrong one counts, and after 5 the code is void. */
export async function checkChallenge(tx: Prisma.TransactionClient, grant: { id: string; challengeHash: string | null; challengeUntil: Date | null; challengeTries: number }, code: string, now: Date) {
  if (!grant.challengeHash || !grant.challengeUntil || grant.challengeUntil <= now || grant.challengeTries >= CODE_TRIES) throw assistError("BAD_REQUEST", "CODE_EXPIRED");
  const given = Buffer.from(sha256(`${grant.id}:${code}`));
  if (!timingSafeEqual(given, Buffer.from(grant.challengeHash))) {
    await tx.grant.update({ where: { id: grant.id }, data: { challengeTries: { increment: 1 } } });
    return false;
  }
  await tx.grant.update({ where: { id: grant.id }, data: { challengeHash: null, challengeUntil: null, challengeTries: 0 } });
  return true;
}

/** The citizen read the SMS code out or typed it on the counter's screen. */
export async function confirmConsentCode(db: Db, staff: CounterStaff, grantId: string, code: string, now: Date): Promise<void> {
  const wrong = await db.$transaction(async (tx) => {
    const grant = await pendingGrantOf(tx, staff.id, grantId);
    if (grant.status !== "pending" || grant.consentMethod !== "sms-code") throw assistError("CONFLICT", "GRANT_NOT_FOUND");
    if (!(await checkChallenge(tx, grant, code, now))) return true;
    await activate(tx, grant, staff, { method: "sms-code", phoneMasked: (grant.consentEvidence as { phoneMasked?: string } | null)?.phoneMasked ?? null }, now);
    return false;
  });
  if (!wrong) forgetSession(db, staff.sessionId);
  if (wrong) throw assistError("BAD_REQUEST", "CODE_WRONG");
}

const SCAN_TYPES = new Set(["image/png", "image/jpeg", "application/pdf"]);
export const SCAN_MAX_BYTES = 5 * 1024 * 1024;

/** A citizen without a phone signed the paper consent form; staff record its number and a scan. */
export async function recordPaperConsent(db: Db, staff: CounterStaff, grantId: string, form: { formNumber: string; scan: Buffer; scanType: string }, now: Date): Promise<void> {
  if (!SCAN_TYPES.has(form.scanType) || form.scan.length === 0 || form.scan.length > SCAN_MAX_BYTES || !looksLike(form.scan, form.scanType)) throw assistError("BAD_REQUEST", "SCAN_INVALID");
  await db.$transaction(async (tx) => {
    const grant = await pendingGrantOf(tx, staff.id, grantId);
    if (grant.status !== "pending" || grant.consentMethod !== "paper-form") throw assistError("CONFLICT", "GRANT_NOT_FOUND");
    await tx.grant.update({ where: { id: grantId }, data: { consentScan: new Uint8Array(form.scan), consentScanType: form.scanType } });
    await activate(tx, grant, staff, { method: "paper-form", formNumber: form.formNumber, scanSha256: createHash("sha256").update(form.scan).digest("hex"), scanBytes: form.scan.length }, now);
  });
  forgetSession(db, staff.sessionId);
}

/** The file is what it says: PNG, JPEG or PDF by its first bytes. */
function looksLike(bytes: Buffer, type: string): boolean {
  if (type === "image/png") return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (type === "image/jpeg") return bytes[0] === 0xff && bytes[1] === 0xd8;
  return bytes.subarray(0, 5).toString("latin1") === "%PDF-";
}

/** The citizen answered the approval page on their own phone. */
export async function answerApproval(db: Db, citizenId: string, grantId: string, approve: boolean, now: Date): Promise<"approved" | "denied"> {
  return db.$transaction(async (tx) => {
    const grant = await lockGrant(tx, grantId);
    if (!grant || grant.personId !== citizenId || grant.kind !== "assist" || grant.consentMethod !== "phone-approval" || grant.status !== "pending") throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
    const evidence = { method: "phone-approval", answeredAt: now.toISOString() };
    if (!approve) {
      await tx.grant.update({ where: { id: grantId }, data: { status: "denied", endedAt: now, consentEvidence: evidence } });
      await appendAuditWith(tx, { actorType: "citizen", actorId: citizenId, onBehalfOf: citizenId, action: "assist.denied", targetType: "grant", targetId: grantId, detail: { grantId } }, now);
      return "denied";
    }
    // The staff session starts acting when staff next ask (begin): only the staff's own session may.
    await tx.grant.update({ where: { id: grantId }, data: { status: "approved", consentEvidence: evidence } });
    await appendAuditWith(tx, { actorType: "citizen", actorId: citizenId, onBehalfOf: citizenId, action: "assist.approved", targetType: "grant", targetId: grantId, detail: { grantId } }, now);
    return "approved";
  });
}

/** Staff start a session the citizen approved on their phone. */
export async function beginApproved(db: Db, staff: CounterStaff, grantId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const grant = await pendingGrantOf(tx, staff.id, grantId);
    if (grant.status === "denied") throw assistError("FORBIDDEN", "GRANT_NOT_FOUND");
    if (grant.status !== "approved") throw assistError("CONFLICT", "CONSENT_PENDING");
    await activate(tx, grant, staff, grant.consentEvidence ?? { method: "phone-approval" }, now);
  });
  forgetSession(db, staff.sessionId);
}
