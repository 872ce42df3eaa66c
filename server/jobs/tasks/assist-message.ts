import type { Task } from "graphile-worker";
import type { JobDeps } from "../deps";

/** Tells a citizen about help at a counter: the approval request, a code, or the session's summary. */
export const assistMessageTask = (deps: JobDeps): Task => async (payload) => {
  if (!deps.delivery) throw new Error("assist-message needs the delivery providers");
  const { sendAssistMessage } = await import("../../assist/send-message");
  const message = payload as { grantId: string; what: "approval" | "consent-code" | "payment-code" | "summary" };
  const outcome = await sendAssistMessage(deps.db, deps.delivery(), message, deps.clock());
  deps.log.info({ grantId: message.grantId, what: message.what, outcome }, "assist message");
};
