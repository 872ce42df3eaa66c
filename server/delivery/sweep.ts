import type { Locale, Localized } from "../../locales/config";
import type { PushTarget } from "../providers/push/web-push";
import { inTransaction } from "../db/transaction";
import { enqueueWebhookEvents } from "../webhooks/events";
import { newLetterNumber } from "./letter-number";
import { planStep, type DueNotice, type PlannedDelivery } from "./plan";
import { sendDeliveries, type DeliveryDeps, type SendResult } from "./send";

export interface SweepResult extends SendResult {
  claimed: number;
  postponed: number;
  letters: number;
}

const CLAIM = `
  WITH due AS (
    SELECT id FROM "Notice" WHERE "nextStepAt" <= $1 AND "readAt" IS NULL
    ORDER BY "nextStepAt" LIMIT $2 FOR UPDATE SKIP LOCKED
  )
  SELECT n.id, n."agencyId", n.reference, n."nextStep", n."testMode", n.certified, n.route, n."acceptedAt", n."deliveredAt",
         n."recipientPhone", n."postalAddress", n."personId", p.locale, p."pushEnabled", p."smsEnabled", p.phone,
         p."postalAddress" AS "personAddress", t.name AS "kindName", t."deliveryPolicy", a.name AS "agencyName",
         EXISTS (SELECT 1 FROM "Consent" c WHERE c."personId" = p.id AND c.purpose = 'electronic-delivery' AND c."withdrawnAt" IS NULL) AS consent
  FROM due JOIN "Notice" n USING (id)
  JOIN "Template" t ON t.id = n."templateId" JOIN "Agency" a ON a.id = n."agencyId"
  LEFT JOIN "Person" p ON p.id = n."personId"`;

/**
 * One round of escalation: claims up to `limit` notices whose next step is due (rows locked, read
 * ones excluded — reading clears `nextStepAt` under the same row lock), records the deliveries of
 * the step and the step after it, commits, and only then sends. A delivery row is unique per
 * notice, channel and target, so a claim that runs twice (a crash, a second worker) sends nothing twice.
 */
export async function runDueSteps(deps: DeliveryDeps, now: Date, limit = 500): Promise<SweepResult> {
  return sendClaimed(deps, await claimDueSteps(deps, now, limit), now);
}

const NOTHING: SweepResult = { claimed: 0, postponed: 0, letters: 0, pushes: 0, sms: 0, failed: 0, retrying: 0 };

/**
 * Rounds of `runDueSteps` until fewer than `limit` were due or `keepGoing()` says stop; each
 * round's claim (its own committed transaction) runs while the previous round's messages are
 * being sent, so the database and the sender work at the same time.
 */
export async function runDueRounds(deps: DeliveryDeps, clock: () => Date, keepGoing: () => boolean = () => true, limit = 500): Promise<SweepResult & { rounds: number }> {
  const totals = { ...NOTHING, rounds: 0 };
  let next: Promise<Claimed> | null = claimDueSteps(deps, clock(), limit);
  while (next) {
    const round: Claimed = await next;
    if (round.due.length === 0) break;
    next = round.due.length === limit && keepGoing() ? claimDueSteps(deps, clock(), limit) : null;
    // Rethrown by the await above in the next turn; not an unhandled rejection meanwhile.
    next?.catch(() => undefined);
    const result = await sendClaimed(deps, round, round.now).catch(async (error: unknown) => {
      // The next round is claimed and committed already: send it too rather than leave it to be abandoned.
      const pending = await next?.catch(() => null);
      if (pending) await sendClaimed(deps, pending, pending.now).catch(() => undefined);
      throw error;
    });
    for (const key of Object.keys(NOTHING) as (keyof SweepResult)[]) totals[key] += result[key];
    totals.rounds++;
  }
  return totals;
}

interface Claimed {
  now: Date;
  due: DueNotice[];
  created: { id: string; noticeId: string; channel: string; target: string }[];
  /** The push subscriptions of the claimed citizens, read in the claim. */
  targets: Map<string, PushTarget>;
  postponed: number;
  letters: number;
}

/** The claim of one round, committed: due notices, the deliveries recorded for them (status `sending` for those to send now). */
async function claimDueSteps(deps: DeliveryDeps, now: Date, limit: number): Promise<Claimed> {
  let created: Claimed["created"] = [];
  let postponed = 0;
  let letters = 0;
  const targets = new Map<string, PushTarget>();
  const due = await inTransaction(deps.pool, async (client) => {
    const due = (await client.query<DueNotice>(CLAIM, [now, limit])).rows;
    if (due.length === 0) return due;
    const personIds = [...new Set(due.map((n) => n.personId).filter((id): id is string => id !== null))];
    const { rows: devices } = await client.query<PushTarget & { id: string; personId: string }>(
      `SELECT id, "personId", endpoint, p256dh, auth FROM "PushSubscription" WHERE "personId" = ANY($1::uuid[]) ORDER BY "createdAt"`,
      [personIds],
    );
    const devicesOf = new Map<string, string[]>();
    for (const d of devices) {
      devicesOf.set(d.personId, [...(devicesOf.get(d.personId) ?? []), d.id]);
      targets.set(d.id, d);
    }

    const rows: (PlannedDelivery & { noticeId: string; letterNumber: string | null })[] = [];
    const next: { id: string; step: string | null; at: Date | null }[] = [];
    const events: Parameters<typeof enqueueWebhookEvents>[1] = [];
    for (const n of due) {
      const plan = planStep(n, n.personId ? (devicesOf.get(n.personId) ?? []) : [], now, deps.sms !== null);
      if (plan.postponed) postponed++;
      next.push({ id: n.id, step: plan.nextStep, at: plan.nextStepAt });
      for (const d of plan.deliveries) {
        rows.push({ ...d, noticeId: n.id, letterNumber: d.channel === "letter" && d.status === "queued" ? newLetterNumber() : null });
        if (d.channel === "letter" && d.status === "permanent-failure") events.push({ agencyId: n.agencyId, type: "notice.failed", noticeId: n.id, data: { reference: n.reference, channel: "letter", reason: d.error }, at: now });
      }
      // The first step of an electronic notice: it has been in the inbox since it was accepted.
      if (n.nextStep === "push" && n.deliveredAt && !plan.postponed)
        events.push({ agencyId: n.agencyId, type: "notice.delivered", noticeId: n.id, data: { reference: n.reference, deliveredAt: n.deliveredAt.toISOString() }, at: now });
    }
    if (rows.length > 0) {
      const inserted = await client.query<{ id: string; noticeId: string; channel: string; target: string; status: string }>(
        `INSERT INTO "Delivery" (id, "noticeId", channel, target, status, error, "letterNumber", "providerRefs", "createdAt", "updatedAt")
         SELECT gen_random_uuid(), r.notice, r.channel, r.target,
                CASE WHEN n."testMode" AND r.status = 'queued' THEN 'dispatched' ELSE r.status END,
                r.error, r.letter, CASE WHEN n."testMode" AND r.status = 'queued' THEN ARRAY['sandbox'] ELSE ARRAY[]::text[] END, $7, $7
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r(notice, channel, target, status, error, letter)
         JOIN "Notice" n ON n.id = r.notice
         ON CONFLICT ("noticeId", channel, target) DO NOTHING
         RETURNING id, "noticeId", channel, target, status`,
        [rows.map((r) => r.noticeId), rows.map((r) => r.channel), rows.map((r) => r.target), rows.map((r) => r.status), rows.map((r) => r.error), rows.map((r) => r.letterNumber), now],
      );
      created = inserted.rows.filter((r) => r.status === "sending");
      letters = inserted.rows.filter((r) => r.channel === "letter" && r.status !== "permanent-failure").length;
    }
    await client.query(
      `UPDATE "Notice" n SET "nextStep" = u.step, "nextStepAt" = u.at
       FROM unnest($1::uuid[], $2::text[], $3::timestamp[]) AS u(id, step, at) WHERE n.id = u.id`,
      [next.map((x) => x.id), next.map((x) => x.step), next.map((x) => x.at)],
    );
    if (events.length > 0) await enqueueWebhookEvents(client, events);
    return due;
  });
  return { now, due, created, targets, postponed, letters };
}

async function sendClaimed(deps: DeliveryDeps, { due, created, targets, postponed, letters }: Claimed, now: Date): Promise<SweepResult> {
  if (due.length === 0) return NOTHING;
  const byId = new Map(due.map((n) => [n.id, n]));
  const sent = await sendDeliveries(
    deps,
    created.map((d) => {
      const n = byId.get(d.noticeId)!;
      return { ...d, channel: d.channel as "push" | "sms", testMode: n.testMode, locale: (n.locale ?? "ko") as Locale, agencyName: n.agencyName as Localized, kindName: n.kindName as Localized, urgent: false, attempts: 0 };
    }),
    now,
    targets,
  );
  return { claimed: due.length, postponed, letters, ...sent };
}
