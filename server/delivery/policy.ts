import { z } from "zod";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Days a letter needs from the print house to the door: a certified notice's letter leaves this much before its deadline. */
export const POSTAL_TRANSIT_DAYS = 3;

/** Per template (`Template.deliveryPolicy`); every field has the default of the policy. */
export const deliveryPolicySchema = z.object({
  smsAfterHours: z.number().min(0).max(24 * 30).default(24),
  letterAfterDays: z.number().min(0).max(90).default(7),
  /** Urgent notices (e.g. a disaster or a benefit about to lapse) ignore quiet hours. */
  urgent: z.boolean().default(false),
  /** Certified notices: the days by which the notice must legally have reached the recipient. */
  legalDeadlineDays: z.number().min(1).max(365).optional(),
});
export type DeliveryPolicy = z.infer<typeof deliveryPolicySchema>;

export function parsePolicy(value: unknown): DeliveryPolicy {
  const parsed = deliveryPolicySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : deliveryPolicySchema.parse({});
}

/** When the SMS step is due once the push step has gone out at `pushedAt`. */
export function smsDueAt(policy: DeliveryPolicy, pushedAt: Date): Date {
  return new Date(pushedAt.getTime() + policy.smsAfterHours * HOUR);
}

/** When the letter is due: after `letterAfterDays`, and for a certified notice early enough to arrive by its deadline. */
export function letterDueAt(policy: DeliveryPolicy, acceptedAt: Date, certified: boolean): Date {
  let due = acceptedAt.getTime() + policy.letterAfterDays * DAY;
  if (certified && policy.legalDeadlineDays !== undefined) due = Math.min(due, acceptedAt.getTime() + (policy.legalDeadlineDays - POSTAL_TRANSIT_DAYS) * DAY);
  return new Date(Math.max(due, acceptedAt.getTime()));
}

const KST_OFFSET = 9 * HOUR;
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;

/** `at` itself outside quiet hours (21:00–08:00 in Korea, which has no daylight saving), else the next 08:00 KST. */
export function afterQuietHours(at: Date): Date {
  const local = new Date(at.getTime() + KST_OFFSET);
  const hour = local.getUTCHours();
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return at;
  const morning = new Date(local);
  morning.setUTCHours(QUIET_UNTIL_HOUR, 0, 0, 0);
  if (hour >= QUIET_FROM_HOUR) morning.setUTCDate(morning.getUTCDate() + 1);
  return new Date(morning.getTime() - KST_OFFSET);
}
