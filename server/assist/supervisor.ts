import type { Db } from "../db";
import { appendAuditWith } from "../audit/chain";
import { assistError } from "./errors";
import { lockGrant } from "./lock";

/** A citizen's standing helpers, as a supervisor at the counter sees them; null for other staff. */
export async function proxiesFor(db: Db, staffId: string, personId: string) {
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: { supervisor: true } });
  if (!staff?.supervisor) return null;
  const grants = await db.grant.findMany({ where: { personId, kind: "proxy", status: { in: ["pending", "active"] } }, orderBy: { createdAt: "desc" }, include: { helper: { select: { name: true } } } });
  return grants.map((g) => ({ id: g.id, helper: g.helper?.name ?? null, status: g.status, scopes: g.scopes, expiresAt: g.expiresAt }));
}

/** A supervisor ends a proxy grant (say, a guardian's that a court withdrew): effective on the helper's next request. */
export async function supervisorRevoke(db: Db, staffId: string, grantId: string, now: Date): Promise<void> {
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: { supervisor: true } });
  if (!staff?.supervisor) throw assistError("FORBIDDEN", "NOT_SUPERVISOR");
  await db.$transaction(async (tx) => {
    const grant = await lockGrant(tx, grantId);
    if (!grant || grant.kind !== "proxy") throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
    if (grant.status !== "pending" && grant.status !== "active") return;
    await tx.grant.update({ where: { id: grantId }, data: { status: "revoked", revokedBy: "supervisor", endedAt: now } });
    await tx.session.updateMany({ where: { actingGrantId: grantId }, data: { actingGrantId: null } });
    await appendAuditWith(tx, { actorType: "staff", actorId: staffId, onBehalfOf: grant.personId, action: "grant.revoked", targetType: "grant", targetId: grantId, detail: { grantId, by: "supervisor", kind: "proxy" } }, now);
  });
}
