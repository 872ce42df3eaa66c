import type { Task } from "graphile-worker";
import type { JobDeps } from "../deps";

/** A run stops claiming after this long; the next (queued or cron) run carries on. */
const RUN_BUDGET_MS = 50_000;

/**
 * Escalation: takes every notice whose next step is due (push, SMS, letter) in rounds of 500,
 * retries deliveries that failed for a passing reason, and gives up on sends a dead worker left open.
 */
export const deliverDueTask = (deps: JobDeps): Task => async () => {
  if (!deps.delivery) throw new Error("deliver-due needs the delivery providers");
  const { runDueRounds } = await import("../../delivery/sweep");
  const { markAbandoned, retryDueDeliveries } = await import("../../delivery/send");
  const delivery = deps.delivery();
  const started = Date.now();
  const { claimed, pushes, sms, letters, postponed, failed } = await runDueRounds(delivery, deps.clock, () => Date.now() - started <= RUN_BUDGET_MS);
  const totals = { claimed, pushes, sms, letters, postponed, failed };
  const retried = await retryDueDeliveries(delivery, deps.clock());
  const abandoned = await markAbandoned(delivery.pool, deps.clock());
  if (totals.claimed || retried.pushes || retried.sms || abandoned) deps.log.info({ ...totals, retried, abandoned }, "delivery steps");
};
