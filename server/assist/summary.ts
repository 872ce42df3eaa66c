import type { Db } from "../db";

const BOOKKEEPING = ["assist.requested", "assist.started", "assist.ended", "assist.approved", "assist.lookup"];

/**
 * What staff did for the citizen in one counter session, oldest first: every event by that staff
 * member on her behalf between the session's start and its end (payments settled by the gateway's
 * answer included, which do not name the grant).
 */
export async function sessionActions(db: Db, grantId: string) {
  const grant = await db.grant.findUnique({ where: { id: grantId } });
  if (!grant?.staffId || !grant.activatedAt) return [];
  return db.auditEvent.findMany({
    where: {
      actorType: "staff",
      actorId: grant.staffId,
      onBehalfOf: grant.personId,
      at: { gte: grant.activatedAt, lte: grant.endedAt ?? grant.expiresAt ?? new Date() },
      action: { notIn: BOOKKEEPING },
    },
    orderBy: { id: "asc" },
    select: { at: true, action: true, targetType: true, targetId: true },
  });
}
