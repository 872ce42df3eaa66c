import type { TaskList } from "graphile-worker";
import type { JobDeps } from "./deps";
import { assistMessageTask } from "./tasks/assist-message";
import { deliverDueTask } from "./tasks/deliver-due";
import { deliverWebhooksTask } from "./tasks/deliver-webhooks";
import { ingestBatchTask } from "./tasks/ingest-batch";
import { expirePaymentsTask, reconcilePaymentsTask } from "./tasks/payments";
import { collectPrintReceiptsTask, printLettersTask } from "./tasks/print-letters";
import { purgeExpiredSessionsTask } from "./tasks/purge-expired-sessions";

export function taskList(deps: JobDeps): TaskList {
  return {
    "purge-expired-sessions": purgeExpiredSessionsTask(deps),
    "ingest-batch": ingestBatchTask(deps),
    "assist-message": assistMessageTask(deps),
    "deliver-webhooks": deliverWebhooksTask(deps),
    "deliver-due": deliverDueTask(deps),
    "print-letters": printLettersTask(deps),
    "collect-print-receipts": collectPrintReceiptsTask(deps),
    "expire-payments": expirePaymentsTask(deps),
    "reconcile-payments": reconcilePaymentsTask(deps),
  };
}

/** graphile-worker crontab: minute hour day month weekday task. */
export const CRONTAB = ["*/15 * * * * purge-expired-sessions", "* * * * * deliver-webhooks", "* * * * * deliver-due",
  // 16:00 in Seoul (07:00 UTC): the print house collects the day's letters in the evening.
  "0 7 * * * print-letters",
  "*/10 * * * * collect-print-receipts",
  "*/5 * * * * expire-payments",
  // 02:00 in Seoul (17:00 UTC): the day before, against the gateway.
  "0 17 * * * reconcile-payments",
].join("\n");

/** Tasks the app queues itself (with add_job), not on a schedule. */
export const QUEUED_TASKS = ["ingest-batch", "assist-message"];

