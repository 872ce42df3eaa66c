import type { Db } from "../db";
import { appendAuditWith } from "../audit/chain";
import { lockGrant } from "./lock";
import { forgetSession } from "../identity/sessions";
import { queueAssistMessage } from "./messages-queue";

/**
 * Ends the staff member's session (also one that has expired): the grant is closed, the staff
 * session acts for nobody, and the citizen is told what was done — by push or SMS, or on paper
 * (the printed summary) when they consented on paper.
 */
export async function endAssist(db: Db, staff: { id: string; sessionId: string }, grantId: string, now: Date): Promise<{ printedSummary: boolean }> {
  const ended = await db.$transaction(async (tx) => {
    const grant = await lockGrant(tx, grantId);
    await tx.session.updateMany({ where: { id: staff.sessionId, actingGrantId: grantId }, data: { actingGrantId: null } });
    if (!grant || grant.kind !== "assist" || grant.staffId !== staff.id) return { printedSummary: false };
    const paper = grant.consentMethod === "paper-form";
    if (grant.status === "ended" || grant.status === "revoked" || grant.status === "denied") return { printedSummary: paper && grant.activatedAt !== null };
    const started = grant.activatedAt !== null;
    const endedAt = grant.expiresAt && grant.expiresAt < now ? grant.expiresAt : now;
    await tx.grant.update({ where: { id: grantId }, data: { status: "ended", endedAt } });
    if (started && !paper) await queueAssistMessage(tx, { grantId, what: "summary" });
    await appendAuditWith(tx, { actorType: "staff", actorId: staff.id, onBehalfOf: grant.personId, action: "assist.ended", targetType: "grant", targetId: grantId, detail: { grantId } }, now);
    return { printedSummary: paper && started };
  });
  forgetSession(db, staff.sessionId);
  return ended;
}
