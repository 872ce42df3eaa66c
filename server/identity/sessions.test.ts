import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { purgeExpiredSessions } from "./sessions";

describe("purge expired sessions (the scheduled job's service)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("removes only sessions past their expiry", async () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const make = (id: string, expiresAt: Date) =>
      t.db.session.create({ data: { id: id.padEnd(64, "0"), principalType: "citizen", principalId: randomUUID(), expiresAt } });
    await make("a", new Date(now.getTime() - 1));
    await make("b", new Date(now.getTime() - 86_400_000));
    await make("c", new Date(now.getTime() + 1));
    expect(await purgeExpiredSessions(t.db, now)).toBe(2);
    expect((await t.db.session.findMany()).map((s) => s.id[0])).toEqual(["c"]);
  });
});
