import type { Task } from "graphile-worker";
import type { JobDeps } from "../deps";

const DAY_MS = 86_400_000;

/** Payments started and never confirmed expire; unanswered confirmations are settled from the gateway. */
export const expirePaymentsTask = (deps: JobDeps): Task => async () => {
  const { sweepPayments } = await import("../../payments/expire");
  const { requestPaymentDeps } = await import("../../payments/config");
  // The gateway is only made when there is a payment to ask about.
  const result = await sweepPayments(requestPaymentDeps(deps.db), deps.clock());
  if (result.settled || result.expired) deps.log.info(result, "payments swept");
};

/** Yesterday's payments (Seoul), or `{ day }`'s, against the gateway: DATA_DIR/reconciliation/<day>.json. */
export const reconcilePaymentsTask = (deps: JobDeps): Task => async (payload) => {
  const { reconcileDay } = await import("../../payments/reconcile");
  const { seoulDate } = await import("../../payments/late-charge");
  const { requestPaymentDeps } = await import("../../payments/config");
  const { readEnv } = await import("../../env");
  const now = deps.clock();
  const asked = (payload as { day?: unknown } | null)?.day;
  const day = typeof asked === "string" ? asked : seoulDate(new Date(now.getTime() - DAY_MS));
  const result = await reconcileDay(Object.assign(requestPaymentDeps(deps.db), { dataDir: readEnv().DATA_DIR }), day, now);
  const log = result.differences.length || result.unchecked.length ? deps.log.warn.bind(deps.log) : deps.log.info.bind(deps.log);
  log({ day, payments: result.payments, differences: result.differences.length, unchecked: result.unchecked.length }, "payments reconciled");
};
