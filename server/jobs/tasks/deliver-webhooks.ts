import type { Task } from "graphile-worker";
import type { JobDeps } from "../deps";

/** Stop taking new rounds after this, so a run ends before the next minute's run starts. */
const BUDGET_MS = 45_000;
const ROUND = 100;

/** Posts due webhook events; runs every minute, in rounds of 100 while a full round was due. */
export const deliverWebhooksTask = (deps: JobDeps): Task => async () => {
  const { deliverDueWebhooks } = await import("../../webhooks/deliver");
  const { getPgPool } = await import("../../db/pool");
  const started = Date.now();
  const total = { delivered: 0, retried: 0, failed: 0, skipped: 0 };
  let claimed = ROUND;
  while (claimed === ROUND && Date.now() - started < BUDGET_MS) {
    const round = await deliverDueWebhooks({ pool: getPgPool(), now: deps.clock(), limit: ROUND });
    claimed = round.delivered + round.retried + round.failed + round.skipped;
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += round[key];
  }
  if (total.delivered + total.retried + total.failed > 0) deps.log.info({ ...total, ms: Date.now() - started }, "webhooks sent");
};
