import type { Db } from "../db";

/** Deletes sessions past their absolute expiry. Returns how many went. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
