import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "../db/pg-utc";
import { inTransaction } from "../db/transaction";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { appendAudit, appendAuditIn, eventHash, GENESIS_HASH } from "./chain";

describe("audit hash chain", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("links each event to the one before, even under concurrent appends, in or out of a caller's transaction", async () => {
    const pool = new pg.Pool({ connectionString: t.url, max: 4 });
    const event = (i: number) => ({ actorType: "system" as const, action: "test.event", detail: { i, nested: { b: 1, a: 2 } } });
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => appendAudit(t.db, event(i))),
      ...Array.from({ length: 5 }, (_, i) => inTransaction(pool, (client) => appendAuditIn(client, [{ ...event(100 + i), detail: { reason: "가산금 환불 — \"김순자\"", i } }, { ...event(200 + i), detail: null }], new Date()))),
      // Rolled back: nothing of it stays in the chain.
      inTransaction(pool, async (client) => {
        await appendAuditIn(client, [event(999)], new Date());
        throw new Error("rolled back");
      }).catch(() => undefined),
    ]);
    await pool.end();
    const events = await t.db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events).toHaveLength(30);
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
