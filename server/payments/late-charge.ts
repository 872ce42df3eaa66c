import { z } from "zod";

/**
 * Late-payment charges (가산금), pure. Money is in whole won; each charge is truncated below 1 won
 * (원 미만 절사). Dates are Seoul calendar days as "YYYY-MM-DD": a notice is overdue from the day after
 * its due date. The due date is taken as given: moving it past weekends and holidays is the agency's job.
 *
 * - `none`: no charge.
 * - `percent`: `percent` % of the principal, once, as soon as overdue.
 * - `tax` (지방세 납부지연가산세 on a notified tax): 3 % once overdue, plus, for a principal of at least
 *   450,000 won, 0.66 % for each full month overdue, at most 60 months. Each month's 0.66 % is a charge
 *   of its own, truncated before it is added (so 60 months never exceed 60 × one month).
 */

export const LateChargeRule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({
    kind: z.literal("percent"),
    percent: z.number().min(0).max(100).refine((p) => Math.abs(p * 1e4 - Math.round(p * 1e4)) < 1e-6, "at most 4 decimals"),
  }),
  z.object({ kind: z.literal("tax") }),
]);
export type LateChargeRule = z.infer<typeof LateChargeRule>;

export const TAX_ONCE_BP = 300n; // 3 % in basis points
export const TAX_MONTHLY_BP = 66n; // 0.66 %
export const TAX_MONTHLY_THRESHOLD = 450_000;
export const TAX_MAX_MONTHS = 60;

/** A template's rule (Template.lateChargeRule): null means none; anything unreadable throws. */
export function parseLateChargeRule(json: unknown): LateChargeRule {
  return json === null || json === undefined ? { kind: "none" } : LateChargeRule.parse(json);
}

const DAY_MS = 86_400_000;
const SEOUL_OFFSET_MS = 9 * 3_600_000; // Korea has kept UTC+9 without daylight saving since 1988

/** The Seoul calendar day of an instant, "YYYY-MM-DD". */
export function seoulDate(at: Date): string {
  return new Date(at.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

function dayMs(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms;
}

/**
 * The day on which n months counted from day (y, m, d) have passed, as the Civil Act (민법 제160조)
 * counts them: the period ends the day before the same day-of-month n months later, so the months
 * have passed on that day itself; when that month has no such day, the period ends on its last day
 * and the months have passed on the 1st of the month after.
 */
function monthsPassedOn(y: number, m: number, d: number, n: number): number {
  const daysInMonth = new Date(Date.UTC(y, m + n + 1, 0)).getUTCDate();
  return d <= daysInMonth ? Date.UTC(y, m + n, d) : Date.UTC(y, m + n + 1, 1);
}

/**
 * Full months overdue on `today`, counted from the first overdue day (due date + 1). Examples: due
 * 2026-01-31 → first overdue day 02-01 → one full month on 03-01; due 2026-01-30 → from 01-31 → one
 * full month on 03-01 (February has no 31st), two on 03-31.
 */
export function fullMonthsOverdue(dueDate: string, today: string): number {
  const start = new Date(dayMs(dueDate) + DAY_MS);
  const t = dayMs(today);
  if (t < start.getTime()) return 0;
  const end = new Date(t);
  const [y, m, d] = [start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()];
  const n = (end.getUTCFullYear() - y) * 12 + end.getUTCMonth() - m;
  return t < monthsPassedOn(y, m, d, n) ? n - 1 : n;
}

const share = (principal: bigint, basisPoints: bigint) => (principal * basisPoints) / 10_000n;

/** The late charge in won on `principal` due on `dueDate`, as of the Seoul day `today`. */
export function lateCharge(rule: LateChargeRule, principal: number, dueDate: string | null, today: string): number {
  if (!Number.isSafeInteger(principal) || principal < 0) throw new RangeError(`principal must be whole won: ${principal}`);
  if (dueDate === null || rule.kind === "none" || dayMs(today) <= dayMs(dueDate)) return 0;
  const p = BigInt(principal);
  if (rule.kind === "percent") return Number((p * BigInt(Math.round(rule.percent * 1e4))) / 1_000_000n);
  const months = principal >= TAX_MONTHLY_THRESHOLD ? Math.min(fullMonthsOverdue(dueDate, today), TAX_MAX_MONTHS) : 0;
  return Number(share(p, TAX_ONCE_BP) + share(p, TAX_MONTHLY_BP) * BigInt(months));
}
