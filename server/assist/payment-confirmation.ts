import type { Db } from "../db";
import { appendAuditWith } from "../audit/chain";
import { checkChallenge } from "./counter";
import { assistError } from "./errors";
import { lockGrant } from "./lock";
import { queueAssistMessage } from "./messages-queue";
import type { Subject } from "./subject";

/** How the citizen at the counter confirms a payment: their signature on the paper slip, or a code sent to their phone. */
export type CitizenConfirmation = { signedSlip: string } | { code: string };

/** Sends the citizen a payment code (not under paper consent: there the citizen signs). */
export async function requestPaymentCode(db: Db, staffId: string, grantId: string, now: Date): Promise<void> {
  const grant = await db.grant.findUnique({ where: { id: grantId } });
  if (!grant || grant.staffId !== staffId || grant.status !== "active" || !grant.expiresAt || grant.expiresAt <= now) throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
  if (grant.consentMethod === "paper-form") throw assistError("BAD_REQUEST", "CITIZEN_CONFIRMATION_REQUIRED");
  await db.$transaction((tx) => queueAssistMessage(tx, { grantId, what: "payment-code" }));
}

/**
 * Staff may pay only with the citizen's own confirmation, checked and recorded here; a proxy
 * (paying from their own account) and the citizen themself need none.
 */
export async function requireCitizenConfirmation(db: Db, subject: Subject, confirmation: CitizenConfirmation | undefined, now: Date): Promise<void> {
  if (subject.actor.type !== "staff" || !subject.grant) return;
  const grantId = subject.grant.id;
  const paper = subject.grant.consentMethod === "paper-form";
  if (!confirmation || (paper ? !("signedSlip" in confirmation) : !("code" in confirmation))) throw assistError("BAD_REQUEST", "CITIZEN_CONFIRMATION_REQUIRED");
  const wrong = await db.$transaction(async (tx) => {
    if ("code" in confirmation) {
      const grant = await lockGrant(tx, grantId);
      if (!grant || !(await checkChallenge(tx, grant, confirmation.code, now))) return true;
    }
    const detail = { grantId, method: "code" in confirmation ? "sms-code" : "signature", ...("signedSlip" in confirmation && { slip: confirmation.signedSlip }) };
    await appendAuditWith(tx, { actorType: "staff", actorId: subject.actor.id, onBehalfOf: subject.id, action: "payment.citizen-confirmed", targetType: "grant", targetId: grantId, detail }, now);
    return false;
  });
  if (wrong) throw assistError("BAD_REQUEST", "CODE_WRONG");
}
