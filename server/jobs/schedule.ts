import type { TaskList } from "graphile-worker";
import type { JobDeps } from "./deps";
import { purgeExpiredSessionsTask } from "./tasks/purge-expired-sessions";

export function taskList(deps: JobDeps): TaskList {
  return {
    "purge-expired-sessions": purgeExpiredSessionsTask(deps),
  };
}

/** graphile-worker crontab: minute hour day month weekday task. */
export const CRONTAB = ["*/15 * * * * purge-expired-sessions"].join("\n");
