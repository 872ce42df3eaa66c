import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { newLetterNumber } from "./letter-number";
import { markLetterReturned } from "./returned";

const NOW = new Date("2026-11-25T03:00:00Z");
const LATER = new Date("2026-11-26T03:00:00Z");

let t: TestDatabase;
let pool: pg.Pool;
let agencyId: string;
let otherAgencyId: string;
let templateId: string;
let count = 0;

/** A notice of the agency, with a letter in `status` unless null; returns the notice id. */
async function notice(status: string | null): Promise<string> {
  const { id } = await t.db.notice.create({
    data: {
      agencyId,
      templateId,
      recipientCi: "C".repeat(86) + "==",
      reference: `NTS-${++count}`,
      requestHash: "0".repeat(64),
      recipientName: "김순자",
      fields: {},
      originalKo: "안내",
      originalSha256: "0".repeat(64),
      route: "postal",
    },
  });
  if (status) await t.db.delivery.create({ data: { noticeId: id, channel: "letter", target: "letter", status, letterNumber: newLetterNumber() } });
  return id;
}

const letterOf = (noticeId: string) => t.db.delivery.findFirstOrThrow({ where: { noticeId, channel: "letter" } });
const eventsOf = (noticeId: string) => t.db.webhookEvent.findMany({ where: { noticeId, type: "notice.returned" } });
const report = (noticeId: string, body: unknown, now = NOW, agency = agencyId) => markLetterReturned(pool, agency, noticeId, body, now);

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  agencyId = (await t.db.agency.create({ data: { code: "NTS", name: { ko: "국세청" } } })).id;
  otherAgencyId = (await t.db.agency.create({ data: { code: "KNPA", name: { ko: "경찰청" } } })).id;
  templateId = (await t.db.template.create({ data: { agencyId, kind: "income-tax", version: 1, name: { ko: "종합소득세 납부 안내" }, fieldSchema: {}, messages: {} } })).id;
});
afterAll(async () => {
  await pool?.end();
  await t?.drop();
});

describe("markLetterReturned", () => {
  it("marks the letter returned and queues notice.returned once; a repeated report changes nothing", async () => {
    const id = await notice("dispatched");
    expect(await report(id, { reason: "unknown-address", returnedAt: "2026-11-24T09:30:00+09:00" })).toEqual({ outcome: "returned", first: true });
    expect(await letterOf(id)).toMatchObject({ status: "returned", error: "unknown-address", updatedAt: NOW });
    const [event] = await eventsOf(id);
    expect(event.payload).toEqual({
      type: "notice.returned",
      timestamp: NOW.toISOString(),
      data: { noticeId: id, reference: `NTS-${count}`, reason: "unknown-address", returnedAt: "2026-11-24T00:30:00.000Z" },
    });

    expect(await report(id, { reason: "refused" }, LATER)).toEqual({ outcome: "returned", first: false });
    expect(await letterOf(id)).toMatchObject({ status: "returned", error: "unknown-address", updatedAt: NOW });
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it.each(["sent", "printed"])("accepts a %s letter, returnedAt defaulting to the report's time", async (status) => {
    const id = await notice(status);
    expect(await report(id, { reason: "moved" })).toEqual({ outcome: "returned", first: true });
    expect((await eventsOf(id))[0].payload).toMatchObject({ data: { reason: "moved", returnedAt: NOW.toISOString() } });
  });

  it.each([null, "queued", "permanent-failure"])("refuses a notice whose letter is %s: no letter with the post", async (status) => {
    const id = await notice(status);
    expect(await report(id, { reason: "moved" })).toEqual({ outcome: "no-letter-sent" });
    if (status) expect((await letterOf(id)).status).toBe(status);
    expect(await eventsOf(id)).toEqual([]);
  });

  it("finds only the agency's own notices", async () => {
    const id = await notice("dispatched");
    expect(await report(id, { reason: "moved" }, NOW, otherAgencyId)).toEqual({ outcome: "not-found" });
    expect(await report(randomUUID(), { reason: "moved" })).toEqual({ outcome: "not-found" });
    expect((await letterOf(id)).status).toBe("dispatched");
  });

  it("rejects a malformed report before touching anything", async () => {
    const id = await notice("dispatched");
    expect(await report(id, { reason: "lost" })).toEqual({ outcome: "invalid", errors: [{ column: "reason", reason: "invalid_value" }] });
    expect(await report(id, { reason: "moved", returnedAt: "yesterday" })).toEqual({ outcome: "invalid", errors: [{ column: "returnedAt", reason: "invalid_format" }] });
    expect(await report(id, { reason: "moved", returnedAt: "2026-11-26T03:00:00Z" })).toEqual({ outcome: "invalid", errors: [{ column: "returnedAt", reason: "in_future" }] });
    expect(await report(id, null)).toMatchObject({ outcome: "invalid" });
    expect((await letterOf(id)).status).toBe("dispatched");
  });

  it("counts two simultaneous reports once", async () => {
    const id = await notice("dispatched");
    const results = await Promise.all([report(id, { reason: "moved" }), report(id, { reason: "refused" })]);
    expect(results.map((r) => r.outcome === "returned" && r.first).sort()).toEqual([false, true]);
    expect(await eventsOf(id)).toHaveLength(1);
  });
});
