import type { Db } from "../db";

/** What was done in one assisted session or under one grant, oldest first: the citizen's report. */
export async function sessionActions(db: Db, grantId: string) {
  const rows = await db.auditEvent.findMany({
    where: { detail: { path: ["grantId"], equals: grantId }, action: { notIn: ["assist.requested", "assist.started", "assist.ended", "assist.approved", "assist.lookup"] } },
    orderBy: { id: "asc" },
    select: { at: true, action: true, targetType: true, targetId: true },
  });
  return rows;
}
