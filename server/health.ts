import type { Db } from "./db";
import { isAlive } from "./jobs/heartbeat";

export type PartStatus = "ok" | "down";
export interface Health {
  status: "ok" | "error";
  db: PartStatus;
  worker: PartStatus;
}

export async function checkHealth(db: Db, now: Date): Promise<Health> {
  let dbOk = false;
  let workerOk = false;
  try {
    await db.$queryRaw`SELECT 1`;
    dbOk = true;
    workerOk = await isAlive(db, "worker", now);
  } catch {
    /* reported below */
  }
  const part = (ok: boolean): PartStatus => (ok ? "ok" : "down");
  return { status: dbOk && workerOk ? "ok" : "error", db: part(dbOk), worker: part(workerOk) };
}
