import type { Logger } from "pino";
import type { Db } from "../db";

/** What every background task is given: tests pass a fake clock and their own database. */
export interface JobDeps {
  db: Db;
  clock: () => Date;
  log: Logger;
}
