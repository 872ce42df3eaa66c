import type { Prisma } from "../generated/prisma/client";

/**
 * What the worker sends the citizen about a grant: the approval request (push), a consent or
 * payment code (SMS; made and hashed by the worker, so no code sits in the queue), or the summary
 * of what was done for them.
 */
export type AssistMessage = { grantId: string; what: "approval" | "consent-code" | "payment-code" | "summary" };

/** Queued in the caller's transaction: sent exactly when the change commits. */
export async function queueAssistMessage(tx: Prisma.TransactionClient, message: AssistMessage): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job('assist-message', ${JSON.stringify(message)}::json, max_attempts := 5)`;
}
