import { describe, expect, it } from "vitest";
import { parseUtcTimestamp } from "./pg-utc";

describe("reading PostgreSQL timestamps as UTC", () => {
  it("reads what Date's parser reads, to the millisecond", () => {
    for (const text of ["2026-11-23 09:41:07", "2026-11-23 09:41:07.1", "2026-11-23 09:41:07.123", "2026-11-23 09:41:07.123456", "0099-01-01 00:00:00", "2024-02-29 23:59:59.999"]) {
      expect(parseUtcTimestamp(text).toISOString()).toBe(new Date(`${text.replace(" ", "T")}Z`).toISOString());
    }
    expect(parseUtcTimestamp("2026-11-23 09:41:07.5").getTime()).toBe(Date.UTC(2026, 10, 23, 9, 41, 7, 500));
  });

  it("leaves other forms to Date", () => {
    expect(parseUtcTimestamp("infinity").getTime()).toBeNaN();
  });
});
