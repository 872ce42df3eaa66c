import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Db } from "../db";
import { appendAudit } from "../audit/chain";
import type { SessionPrincipal } from "./sessions";
import { recordStepUp } from "./step-up";

/** Where passkeys are bound: the host and origin Moa is served from. */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyFromEnv(env: Record<string, string | undefined> = process.env): RelyingParty {
  const url = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`);
  return { id: url.hostname, origin: url.origin, name: "Moa" };
}

export class PasskeyError extends Error {}

async function takeChallenge(db: Db, sessionId: string): Promise<string> {
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { webauthnChallenge: true } });
  const challenge = session?.webauthnChallenge;
  // Single use: cleared only if still the same value, so a replayed or racing response finds nothing.
  const taken = challenge ? await db.session.updateMany({ where: { id: sessionId, webauthnChallenge: challenge }, data: { webauthnChallenge: null } }) : { count: 0 };
  if (!challenge || taken.count !== 1) throw new PasskeyError("no pending challenge");
  return challenge;
}

export async function registrationOptions(db: Db, rp: RelyingParty, principal: SessionPrincipal) {
  const person = await db.person.findUniqueOrThrow({ where: { id: principal.id }, include: { passkeys: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: person.name,
    userDisplayName: person.name,
    userID: new TextEncoder().encode(person.id),
    attestationType: "none",
    excludeCredentials: person.passkeys.map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
  });
  await db.session.update({ where: { id: principal.sessionId }, data: { webauthnChallenge: options.challenge } });
  return options;
}

export async function registerPasskey(db: Db, rp: RelyingParty, principal: SessionPrincipal, response: RegistrationResponseJSON, name: string, now: Date) {
  const expectedChallenge = await takeChallenge(db, principal.sessionId);
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch((e: Error) => {
    throw new PasskeyError(e.message);
  });
  if (!result.verified) throw new PasskeyError("registration not verified");
  const { credential, credentialBackedUp } = result.registrationInfo;
  const passkey = await db.passkey.create({
    data: {
      id: credential.id,
      personId: principal.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      name,
      backedUp: credentialBackedUp,
      createdAt: now,
    },
  });
  await appendAudit(db, { actorType: "citizen", actorId: principal.id, onBehalfOf: principal.id, action: "passkey.registered", targetType: "passkey", targetId: passkey.id }, now);
  return { id: passkey.id, name: passkey.name, createdAt: passkey.createdAt };
}

export async function authenticationOptions(db: Db, rp: RelyingParty, principal: SessionPrincipal) {
  const passkeys = await db.passkey.findMany({ where: { personId: principal.id } });
  if (passkeys.length === 0) throw new PasskeyError("no passkeys");
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: p.transports })),
    userVerification: "required",
  });
  await db.session.update({ where: { id: principal.sessionId }, data: { webauthnChallenge: options.challenge } });
  return options;
}

/** A passkey assertion by the session's own person counts as a step-up. */
export async function stepUpWithPasskey(db: Db, rp: RelyingParty, principal: SessionPrincipal, response: AuthenticationResponseJSON, now: Date): Promise<void> {
  const expectedChallenge = await takeChallenge(db, principal.sessionId);
  const passkey = await db.passkey.findFirst({ where: { id: response.id, personId: principal.id } });
  if (!passkey) throw new PasskeyError("unknown passkey");
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports },
    requireUserVerification: true,
  }).catch((e: Error) => {
    throw new PasskeyError(e.message);
  });
  if (!result.verified) throw new PasskeyError("assertion not verified");
  await db.passkey.update({ where: { id: passkey.id }, data: { counter: result.authenticationInfo.newCounter, lastUsedAt: now } });
  await recordStepUp(db, principal, "passkey", now);
}

export async function listPasskeys(db: Db, personId: string) {
  return db.passkey.findMany({ where: { personId }, select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } });
}

export async function removePasskey(db: Db, principal: SessionPrincipal, id: string, now: Date): Promise<boolean> {
  const { count } = await db.passkey.deleteMany({ where: { id, personId: principal.id } });
  if (count) await appendAudit(db, { actorType: "citizen", actorId: principal.id, onBehalfOf: principal.id, action: "passkey.removed", targetType: "passkey", targetId: id }, now);
  return count > 0;
}
