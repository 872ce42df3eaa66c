import { TRPCError } from "@trpc/server";
import type { Db } from "../db";
import { appendAudit } from "../audit/chain";
import { forgetSession, type SessionPrincipal } from "./sessions";

/** Opening a certified notice, paying, issuing or sharing a certificate, granting a proxy: DESIGN §4.3. */
export const STEP_UP_WINDOW_MS = 5 * 60_000;
/** The tRPC error message the client recognises to offer a step-up and retry. */
export const STEP_UP_REQUIRED = "STEP_UP_REQUIRED";

export function isSteppedUp(principal: Pick<SessionPrincipal, "steppedUpAt">, now: Date): boolean {
  return principal.steppedUpAt !== null && now.getTime() - principal.steppedUpAt.getTime() <= STEP_UP_WINDOW_MS;
}

export function requireStepUp(principal: Pick<SessionPrincipal, "steppedUpAt">, now: Date): void {
  if (!isSteppedUp(principal, now)) throw new TRPCError({ code: "FORBIDDEN", message: STEP_UP_REQUIRED });
}

export async function recordStepUp(db: Db, principal: SessionPrincipal, method: "passkey" | "oidc", now: Date): Promise<void> {
  await db.session.update({ where: { id: principal.sessionId }, data: { steppedUpAt: now } });
  forgetSession(db, principal.sessionId);
  await appendAudit(db, { actorType: principal.type, actorId: principal.id, onBehalfOf: principal.type === "citizen" ? principal.id : null, action: "citizen.step-up", detail: { method } }, now);
}
