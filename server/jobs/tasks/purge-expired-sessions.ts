import type { Task } from "graphile-worker";
import type { JobDeps } from "../deps";

export const purgeExpiredSessionsTask = (deps: JobDeps): Task => async () => {
  const { purgeExpiredSessions } = await import("../../identity/sessions");
  const count = await purgeExpiredSessions(deps.db, deps.clock());
  if (count > 0) deps.log.info({ count }, "purged expired sessions");
};
