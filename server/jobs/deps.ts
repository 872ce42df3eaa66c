import type { Logger } from "pino";
import type { Db } from "../db";
import type { DeliveryDeps } from "../delivery/send";

/** What every background task is given: tests pass a fake clock and their own database. */
export interface JobDeps {
  db: Db;
  clock: () => Date;
  log: Logger;
  /** Push, SMS and links for the delivery tasks; made once per worker (the SMPP session stays bound). */
  delivery?: () => DeliveryDeps;
}
