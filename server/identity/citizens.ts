import type { Db } from "../db";
import { appendAudit } from "../audit/chain";
import type { VerifiedPerson } from "../providers/idp/oidc";
import type { Preferences } from "../preferences/preferences";
import { createSession, destroySession } from "./sessions";
import { STEP_UP_WINDOW_MS } from "./step-up";

export const ELECTRONIC_DELIVERY = "electronic-delivery";
export const ELECTRONIC_DELIVERY_TERMS = "2026-11";

export interface CitizenSignIn {
  personId: string;
  token: string;
  expiresAt: Date;
  needsOnboarding: boolean;
}

/**
 * A person verified by the identity provider gets (or finds) their account by CI and a fresh
 * session; any session they came with is replaced, so a session id never survives sign-in.
 */
export async function signInCitizen(
  db: Db,
  verified: VerifiedPerson,
  ctx: { now: Date; locale: string; userAgent?: string | null; previousSessionId?: string | null; stepUp: boolean },
): Promise<CitizenSignIn> {
  const person = await db.person.upsert({
    where: { ci: verified.ci },
    create: {
      ci: verified.ci,
      name: verified.name,
      birthDate: verified.birthDate ? new Date(verified.birthDate) : null,
      phone: verified.phone,
      locale: ctx.locale,
    },
    update: { name: verified.name, ...(verified.birthDate ? { birthDate: new Date(verified.birthDate) } : {}) },
  });
  // Notices sent before the person enrolled wait under their CI: they join the inbox now.
  await db.notice.updateMany({ where: { recipientCi: verified.ci, personId: null }, data: { personId: person.id } });
  if (ctx.previousSessionId) await destroySession(db, ctx.previousSessionId);
  const fresh = verified.authTime !== null && ctx.now.getTime() - verified.authTime.getTime() <= STEP_UP_WINDOW_MS;
  const { token, expiresAt } = await createSession(db, {
    type: "citizen",
    id: person.id,
    now: ctx.now,
    screenReader: person.screenReader,
    userAgent: ctx.userAgent,
    steppedUp: fresh,
  });
  await appendAudit(
    db,
    { actorType: "citizen", actorId: person.id, onBehalfOf: person.id, action: ctx.stepUp ? "citizen.step-up" : "citizen.sign-in", detail: { method: "oidc", fresh } },
    ctx.now,
  );
  return { personId: person.id, token, expiresAt, needsOnboarding: person.onboardedAt === null };
}

export async function hasElectronicConsent(db: Db, personId: string): Promise<boolean> {
  const consent = await db.consent.findFirst({ where: { personId, purpose: ELECTRONIC_DELIVERY, withdrawnAt: null } });
  return consent !== null;
}

/** First sign-in: language and modes confirmed, e-delivery consent given or declined. */
export async function completeOnboarding(
  db: Db,
  personId: string,
  input: { consent: boolean; locale: string; preferences: Preferences },
  now: Date,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { ...input.preferences, locale: input.locale, onboardedAt: now } });
    if (input.consent && !(await tx.consent.findFirst({ where: { personId, purpose: ELECTRONIC_DELIVERY, withdrawnAt: null } }))) {
      await tx.consent.create({ data: { personId, purpose: ELECTRONIC_DELIVERY, termsVersion: ELECTRONIC_DELIVERY_TERMS, channel: "web", givenAt: now } });
    }
  });
  await appendAudit(
    db,
    {
      actorType: "citizen",
      actorId: personId,
      onBehalfOf: personId,
      action: input.consent ? "consent.given" : "consent.declined",
      targetType: "consent",
      detail: { purpose: ELECTRONIC_DELIVERY, termsVersion: ELECTRONIC_DELIVERY_TERMS, channel: "web" },
    },
    now,
  );
}

export async function setElectronicConsent(db: Db, personId: string, give: boolean, now: Date): Promise<void> {
  const current = await db.consent.findFirst({ where: { personId, purpose: ELECTRONIC_DELIVERY, withdrawnAt: null } });
  if (give === (current !== null)) return;
  if (give) {
    await db.consent.create({ data: { personId, purpose: ELECTRONIC_DELIVERY, termsVersion: ELECTRONIC_DELIVERY_TERMS, channel: "web", givenAt: now } });
  } else {
    await db.consent.update({ where: { id: current!.id }, data: { withdrawnAt: now } });
  }
  await appendAudit(
    db,
    { actorType: "citizen", actorId: personId, onBehalfOf: personId, action: give ? "consent.given" : "consent.withdrawn", targetType: "consent", detail: { purpose: ELECTRONIC_DELIVERY } },
    now,
  );
}
