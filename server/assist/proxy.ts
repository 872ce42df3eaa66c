import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { appendAuditWith } from "../audit/chain";
import { uuid7 } from "../db/uuid7";
import { assistError } from "./errors";
import { lockGrant } from "./lock";
import { forgetSession } from "../identity/sessions";
import { PROXY_MAX_DAYS, type Scope } from "./scopes";

const INVITATION_DAYS = 7;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A citizen (after step-up) invites a family member or guardian: the link's token goes to the
 * helper however the citizen likes; only its hash is kept, for 7 days.
 */
export async function inviteProxy(db: Db, citizenId: string, input: { scopes: Scope[]; days: number; label: string }, now: Date): Promise<{ grantId: string; token: string }> {
  const token = randomBytes(24).toString("base64url");
  const id = uuid7(now.getTime());
  await db.$transaction(async (tx) => {
    await tx.grant.create({
      data: {
        id,
        kind: "proxy",
        personId: citizenId,
        scopes: [...new Set(input.scopes)],
        consentMethod: "citizen-settings",
        consentEvidence: { label: input.label, stepUp: true },
        status: "pending",
        minutes: Math.min(input.days, PROXY_MAX_DAYS) * 24 * 60,
        challengeHash: hash(token),
        challengeUntil: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
        createdAt: now,
      },
    });
    await appendAuditWith(tx, { actorType: "citizen", actorId: citizenId, onBehalfOf: citizenId, action: "grant.created", targetType: "grant", targetId: id, detail: { grantId: id, scopes: input.scopes, days: input.days } }, now);
  });
  return { grantId: id, token };
}

/** What the helper sees before accepting. */
export async function invitation(db: Db, token: string, now: Date) {
  const grant = await db.grant.findFirst({ where: { challengeHash: hash(token), kind: "proxy", status: "pending" }, include: { person: { select: { name: true } } } });
  if (!grant || !grant.challengeUntil || grant.challengeUntil <= now) throw assistError("NOT_FOUND", "INVITATION_INVALID");
  return { grantId: grant.id, personId: grant.personId, name: grant.person.name, scopes: grant.scopes, days: Math.round((grant.minutes ?? 0) / 1440) };
}

/** The helper accepts in their own account; the grant runs from now for its days. */
export async function acceptProxy(db: Db, helperId: string, token: string, now: Date): Promise<{ grantId: string }> {
  const found = await invitation(db, token, now);
  if (found.personId === helperId) throw assistError("BAD_REQUEST", "CANNOT_HELP_SELF");
  await db.$transaction(async (tx) => {
    const changed = await tx.grant.updateMany({
      where: { id: found.grantId, status: "pending" },
      data: { status: "active", helperId, activatedAt: now, expiresAt: new Date(now.getTime() + found.days * 86_400_000), challengeHash: null, challengeUntil: null },
    });
    if (changed.count !== 1) throw assistError("NOT_FOUND", "INVITATION_INVALID");
    await appendAuditWith(tx, { actorType: "citizen", actorId: helperId, onBehalfOf: found.personId, action: "grant.accepted", targetType: "grant", targetId: found.grantId, detail: { grantId: found.grantId } }, now);
  });
  return { grantId: found.grantId };
}

/**
 * Revoked by the citizen who gave it, or the helper who holds it; the next request under it is
 * refused, since every request checks the grant.
 */
export async function revokeGrant(db: Db, citizenId: string, grantId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const grant = await lockGrant(tx, grantId);
    const by = grant?.personId === citizenId ? "citizen" : grant?.helperId === citizenId ? "helper" : null;
    if (!grant || !by) throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
    if (["ended", "revoked", "denied"].includes(grant.status)) return;
    await tx.grant.update({ where: { id: grantId }, data: { status: "revoked", revokedBy: by, endedAt: now } });
    await tx.session.updateMany({ where: { actingGrantId: grantId }, data: { actingGrantId: null } });
    await appendAuditWith(tx, { actorType: "citizen", actorId: citizenId, onBehalfOf: grant.personId, action: "grant.revoked", targetType: "grant", targetId: grantId, detail: { grantId, by, kind: grant.kind } }, now);
  });
}

/** The helper switches to "Acting for {name}" (or back, with null). */
export async function actFor(db: Db, helper: { id: string; sessionId: string }, grantId: string | null, now: Date): Promise<void> {
  if (grantId === null) {
    await db.session.update({ where: { id: helper.sessionId }, data: { actingGrantId: null } });
    forgetSession(db, helper.sessionId);
    return;
  }
  const grant = await db.grant.findUnique({ where: { id: grantId } });
  if (!grant || grant.kind !== "proxy" || grant.helperId !== helper.id || grant.status !== "active" || !grant.expiresAt || grant.expiresAt <= now) throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
  await db.$transaction(async (tx) => {
    await tx.session.update({ where: { id: helper.sessionId }, data: { actingGrantId: grantId } });
    await appendAuditWith(tx, { actorType: "citizen", actorId: helper.id, onBehalfOf: grant.personId, action: "grant.acting", targetType: "grant", targetId: grantId, detail: { grantId } }, now);
  });
  forgetSession(db, helper.sessionId);
}
