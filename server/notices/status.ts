import type { Db } from "../db";

/** What an agency may see of its own notice: state and delivery history, never the recipient's CI. */
export async function noticeStatus(db: Db, agencyId: string, where: { id: string } | { reference: string }) {
  const notice = await db.notice.findFirst({
    where: { agencyId, ...where },
    include: { template: { select: { kind: true, version: true } }, deliveries: { orderBy: { createdAt: "asc" } } },
  });
  if (!notice) return null;
  return {
    id: notice.id,
    reference: notice.reference,
    template: notice.template.kind,
    templateVersion: notice.template.version,
    certified: notice.certified,
    testMode: notice.testMode,
    route: notice.route,
    originalSha256: notice.originalSha256,
    acceptedAt: notice.acceptedAt.toISOString(),
    deliveredAt: notice.deliveredAt?.toISOString() ?? null,
    readAt: notice.readAt?.toISOString() ?? null,
    readMethod: notice.readMethod,
    deliveries: notice.deliveries.map((d) => ({ channel: d.channel, status: d.status, at: d.updatedAt.toISOString(), error: d.error })),
  };
}

export type NoticeStatus = NonNullable<Awaited<ReturnType<typeof noticeStatus>>>;
