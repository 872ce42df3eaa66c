import type { Db } from "../db";

/** The console's view: endpoint, whether a secret exists (never the secret) and the 50 latest events. */
export async function webhookOverview(db: Db, agencyId: string) {
  const agency = await db.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { webhookUrl: true, webhookSecret: true } });
  const events = await db.webhookEvent.findMany({
    where: { agencyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: { id: true, type: true, noticeId: true, payload: true, status: true, attempts: true, nextAttemptAt: true, createdAt: true, attemptLog: { orderBy: [{ attemptedAt: "desc" }, { id: "desc" }], take: 1 } },
  });
  return {
    url: agency.webhookUrl,
    hasSecret: agency.webhookSecret !== null,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      noticeId: e.noticeId,
      reference: ((e.payload as { data?: { reference?: unknown } }).data?.reference as string | undefined) ?? null,
      status: e.status as "pending" | "delivered" | "failed" | "skipped",
      attempts: e.attempts,
      nextAttemptAt: e.status === "pending" ? (e.nextAttemptAt?.toISOString() ?? null) : null,
      createdAt: e.createdAt.toISOString(),
      lastStatusCode: e.attemptLog[0]?.statusCode ?? null,
      lastAttemptAt: e.attemptLog[0]?.attemptedAt.toISOString() ?? null,
      lastError: e.attemptLog[0]?.error ?? null,
    })),
  };
}
