import { describe, expect, it } from "vitest";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { fullMonthsOverdue, lateCharge, parseLateChargeRule, seoulDate, type LateChargeRule } from "./late-charge";

const TAX: LateChargeRule = { kind: "tax" };

describe("tax late charge", () => {
  it.each([
    // principal, due, today, total
    [500_000, "2026-03-10", "2026-03-10", 500_000], // due today: not overdue
    [500_000, "2026-03-10", "2026-03-11", 515_000], // first overdue day: 3 %
    [500_000, "2026-03-10", "2026-03-20", 515_000], // 10 days
    [500_000, "2026-03-10", "2026-04-10", 515_000], // one day short of a full month
    [500_000, "2026-03-10", "2026-04-11", 518_300], // one full month: + 0.66 %
    [400_000, "2026-03-10", "2026-06-20", 412_000], // 3 months, under 450,000: no monthly part
    [450_000, "2026-03-10", "2026-04-11", 450_000 + 13_500 + 2_970], // the threshold itself counts
    [449_999, "2026-03-10", "2027-03-10", 449_999 + 13_499], // 3 % truncated, never monthly
    [1_000_000, "2020-01-10", "2025-01-11", 1_000_000 + 30_000 + 60 * 6_600], // exactly 60 months
    [1_000_000, "2020-01-10", "2031-01-01", 1_000_000 + 30_000 + 60 * 6_600], // capped at 60
    [450_150, "2026-03-10", "2026-05-11", 450_150 + 13_504 + 2 * 2_970], // each month truncated (not 5,941)
    [0, "2026-03-10", "2027-03-10", 0],
  ])("%d won due %s, on %s → %d", (principal, due, today, total) => {
    expect(principal + lateCharge(TAX, principal, due, today)).toBe(total);
  });

  it("is exact for amounts past 2^53 / 66", () => {
    const principal = 9_000_000_000_000_000;
    expect(lateCharge(TAX, principal, "2026-01-10", "2026-02-11")).toBe(270_000_000_000_000 + 59_400_000_000_000);
  });
});

describe("full months overdue (Civil Act month counting, Seoul days)", () => {
  it.each([
    ["2026-01-31", "2026-02-28", 0],
    ["2026-01-31", "2026-03-01", 1], // from 02-01: a month has passed on 03-01
    ["2026-01-30", "2026-02-28", 0],
    ["2026-01-30", "2026-03-01", 1], // from 01-31: February has no 31st, so the month ends 02-28
    ["2026-01-30", "2026-03-30", 1],
    ["2026-01-30", "2026-03-31", 2],
    ["2024-01-28", "2024-02-28", 0],
    ["2024-01-28", "2024-02-29", 1], // leap year: from 01-29, 02-29 exists
    ["2025-01-28", "2025-03-01", 1], // common year: no 02-29, so 03-01
    ["2024-02-28", "2025-02-28", 11], // from 2024-02-29
    ["2024-02-28", "2025-03-01", 12], // 2025 has no 02-29
    ["2026-04-30", "2026-05-31", 0], // due at a month end: from 05-01
    ["2026-04-30", "2026-06-01", 1],
    ["2026-12-31", "2027-02-01", 1], // across the year
    ["2026-12-31", "2027-01-31", 0],
    ["2026-03-10", "2026-03-09", 0], // before the due date
  ])("due %s, on %s → %d", (due, today, months) => {
    expect(fullMonthsOverdue(due, today)).toBe(months);
  });

  it("refuses dates that are not calendar dates", () => {
    expect(() => fullMonthsOverdue("2026-02-30", "2026-03-01")).toThrow(RangeError);
    expect(() => lateCharge(TAX, 1000, "2026-02-01", "2026/03/01")).toThrow(RangeError);
  });
});

describe("other rules", () => {
  it("percent: once, truncated, from the first overdue day", () => {
    const rule: LateChargeRule = { kind: "percent", percent: 3 };
    expect(lateCharge(rule, 128_540, "2026-11-10", "2026-11-10")).toBe(0);
    expect(lateCharge(rule, 128_540, "2026-11-10", "2026-11-11")).toBe(3_856); // 3,856.2
    expect(lateCharge(rule, 128_540, "2026-11-10", "2029-11-11")).toBe(3_856);
    expect(lateCharge({ kind: "percent", percent: 2.5 }, 99_999, "2026-11-10", "2026-12-01")).toBe(2_499); // 2,499.975
  });

  it("none, and no due date, charge nothing", () => {
    expect(lateCharge({ kind: "none" }, 500_000, "2020-01-01", "2026-01-01")).toBe(0);
    expect(lateCharge(TAX, 500_000, null, "2026-01-01")).toBe(0);
  });

  it("parses a template's rule, null as none", () => {
    expect(parseLateChargeRule(null)).toEqual({ kind: "none" });
    expect(parseLateChargeRule({ kind: "tax" })).toEqual({ kind: "tax" });
    expect(parseLateChargeRule({ kind: "percent", percent: 3 })).toEqual({ kind: "percent", percent: 3 });
    expect(() => parseLateChargeRule({ kind: "percent", percent: 0.00001 })).toThrow();
    expect(() => parseLateChargeRule({ kind: "percent-once", percent: 3 })).toThrow();
    expect(() => parseLateChargeRule({ kind: "percent" })).toThrow();
    for (const t of DEMO_TEMPLATES) expect(parseLateChargeRule(t.lateChargeRule)).toEqual(t.lateChargeRule);
  });

  it("takes today in Seoul", () => {
    expect(seoulDate(new Date("2026-03-10T14:59:59Z"))).toBe("2026-03-10");
    expect(seoulDate(new Date("2026-03-10T15:00:00Z"))).toBe("2026-03-11");
  });
});
