import { TRPCError } from "@trpc/server";
import type { Db } from "../db";
import type { SessionPrincipal } from "../identity/sessions";
import type { AuditInput } from "../audit/chain";
import type { Scope } from "./scopes";

/**
 * Whose account a request acts on, and who acts: the citizen themself, a citizen "acting for"
 * someone under a proxy grant, or staff at the counter under an assist grant. Worked out again on
 * every request, so an expired, ended or revoked grant stops the very next one.
 */
export interface Subject {
  /** The person whose notices, payments and certificates are used. */
  id: string;
  actor: { type: "citizen" | "staff"; id: string };
  grant: { id: string; kind: "assist" | "proxy"; consentMethod: string; scopes: string[]; expiresAt: Date } | null;
  /** The step-up that counts: the actor's own; at the counter, the identity document staff checked. */
  steppedUpAt: Date | null;
}

export const NOT_IN_SCOPE = "NOT_IN_SCOPE";
export const GRANT_ENDED = "GRANT_ENDED";

/** Audit fields for an action on the subject's account. */
export function auditActor(subject: Subject): Pick<AuditInput, "actorType" | "actorId" | "onBehalfOf"> {
  return { actorType: subject.actor.type, actorId: subject.actor.id, onBehalfOf: subject.id };
}

/** The grant id for audit details, so "what was done in this session" can be listed. */
export const grantDetail = (subject: Subject) => (subject.grant ? { grantId: subject.grant.id } : {});

export function isActive(grant: { status: string; expiresAt: Date | null }, now: Date): boolean {
  return grant.status === "active" && grant.expiresAt !== null && grant.expiresAt > now;
}

/** A citizen acting on their own account. */
export function selfSubject(principal: Pick<SessionPrincipal, "id" | "steppedUpAt">): Subject {
  return { id: principal.id, actor: { type: "citizen", id: principal.id }, grant: null, steppedUpAt: principal.steppedUpAt };
}

export async function resolveSubject(db: Db, principal: SessionPrincipal, scope: Scope, now: Date): Promise<Subject> {
  if (principal.type === "citizen" && !principal.actingGrantId) return selfSubject(principal);
  if ((principal.type !== "citizen" && principal.type !== "staff") || !principal.actingGrantId) throw new TRPCError({ code: "FORBIDDEN" });
  const grant = await db.grant.findUnique({ where: { id: principal.actingGrantId } });
  const holder = principal.type === "staff" ? grant?.kind === "assist" && grant.staffId === principal.id : grant?.kind === "proxy" && grant.helperId === principal.id;
  if (!grant || !holder) throw new TRPCError({ code: "FORBIDDEN" });
  if (!isActive(grant, now)) throw new TRPCError({ code: "FORBIDDEN", message: GRANT_ENDED });
  if (!grant.scopes.includes(scope)) throw new TRPCError({ code: "FORBIDDEN", message: NOT_IN_SCOPE });
  return {
    id: grant.personId,
    actor: { type: principal.type, id: principal.id },
    grant: { id: grant.id, kind: grant.kind as "assist" | "proxy", consentMethod: grant.consentMethod, scopes: grant.scopes, expiresAt: grant.expiresAt! },
    steppedUpAt: principal.type === "staff" ? now : principal.steppedUpAt,
  };
}
