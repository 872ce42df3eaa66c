import type { Db } from "../db";

export const HEARTBEAT_INTERVAL_MS = 5_000;
/** /api/health calls a process dead when its last beat is older than this. */
export const HEARTBEAT_STALE_MS = 30_000;

export async function beat(db: Db, name: string, now: Date): Promise<void> {
  await db.processHeartbeat.upsert({
    where: { name },
    create: { name, beatAt: now, pid: process.pid },
    update: { beatAt: now, pid: process.pid },
  });
}

export async function isAlive(db: Db, name: string, now: Date): Promise<boolean> {
  const row = await db.processHeartbeat.findUnique({ where: { name } });
  return row !== null && now.getTime() - row.beatAt.getTime() < HEARTBEAT_STALE_MS;
}
