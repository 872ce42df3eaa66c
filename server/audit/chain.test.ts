import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { appendAudit, eventHash, GENESIS_HASH } from "./chain";

describe("audit hash chain", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("links each event to the one before, even under concurrent appends", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(t.db, { actorType: "system", action: "test.event", detail: { i, nested: { b: 1, a: 2 } } }),
      ),
    );
    const events = await t.db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events).toHaveLength(20);
    let prev = GENESIS_HASH;
    for (const e of events) {
      expect(e.prevHash).toBe(prev);
      const recomputed = eventHash(prev, e.at, {
        actorType: e.actorType as "system",
        actorId: e.actorId,
        onBehalfOf: e.onBehalfOf,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        detail: e.detail as object,
      });
      expect(recomputed).toBe(e.hash);
      prev = e.hash;
    }
  });
});
