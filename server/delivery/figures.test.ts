import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { deliveryFunnel } from "./figures";

const NOW = new Date("2026-11-20T03:00:00Z");
const HOUR = 3_600_000;
const ago = (days: number, plusHours = 0) => new Date(NOW.getTime() - days * 24 * HOUR + plusHours * HOUR);
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const BATCH_A = "00000000-0000-4000-8000-0000000000ba";
const BATCH_B = "00000000-0000-4000-8000-0000000000bb";

let t: TestDatabase;
let pool: pg.Pool;
let seq = 0;

type Sent = [channel: "push" | "sms" | "letter", status: string, afterHours: number, target?: string];

/** One notice accepted `daysAgo`, read `readAfterHours` later (or never), with its deliveries. */
async function notice(agencyId: string, daysAgo: number, o: { read?: number; deliveries?: Sent[]; testMode?: boolean; batchId?: string } = {}) {
  const accepted = ago(daysAgo);
  const at = (h: number) => new Date(accepted.getTime() + h * HOUR);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Notice" (id, "agencyId", "templateId", "recipientCi", reference, "requestHash", "recipientName", fields, "originalKo", "originalSha256", route, "acceptedAt", "readAt", "testMode", "batchId")
     SELECT gen_random_uuid(), $1, t.id, 'x', $2, 'h', 'n', '{}', 'o', 's', 'electronic', $3, $4, $5, $6 FROM "Template" t WHERE t."agencyId" = $1 RETURNING id`,
    [agencyId, `R-${++seq}`, accepted, o.read === undefined ? null : at(o.read), o.testMode ?? false, o.batchId ?? null],
  );
  for (const [channel, status, h, target] of o.deliveries ?? [])
    await pool.query(`INSERT INTO "Delivery" (id, "noticeId", channel, target, status, "createdAt", "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $5)`, [rows[0].id, channel, target ?? channel, status, at(h)]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  await pool.query(`INSERT INTO "Agency" (id, code, name) VALUES ($1, 'AAA', '{}'), ($2, 'BBB', '{}')`, [A, B]);
  await pool.query(`INSERT INTO "Template" (id, "agencyId", kind, version, name, "fieldSchema", messages) SELECT gen_random_uuid(), id, 'k', 1, '{}', '{}', '{}' FROM "Agency"`);
  await pool.query(
    `INSERT INTO "NoticeBatch" (id, "agencyId", state, format, "createdAt", "finishedAt") VALUES ($1, $3, 'done', 'csv', $4, $5), ($2, $6, 'done', 'csv', $4, $5)`,
    [BATCH_A, BATCH_B, A, ago(5, -0.5), ago(5, 0.5), B],
  );
  // Agency A, live: eight notices.
  await notice(A, 1, { read: 2, deliveries: [["push", "sent", 0], ["sms", "sending", 1]] }); // an SMS still sending is not an SMS sent
  await notice(A, 2, { read: 30, deliveries: [["push", "delivered", 0, "d1"], ["push", "permanent-failure", 0, "d2"], ["sms", "delivered", 24]] });
  await notice(A, 3, { deliveries: [["push", "permanent-failure", 0], ["sms", "sent", 24], ["letter", "queued", 48]] });
  await notice(A, 10, { deliveries: [["letter", "returned", 0]] });
  await notice(A, 20, { read: 9 * 24, deliveries: [["sms", "delivered", 24], ["letter", "printed", 7 * 24]] }); // read only after the letter
  await notice(A, 40, { deliveries: [["letter", "permanent-failure", 0]] }); // no address: nothing posted
  await notice(A, 5, { batchId: BATCH_A, read: 1, deliveries: [["push", "sent", 0]] });
  await notice(A, 5, { batchId: BATCH_A, deliveries: [["letter", "dispatched", 0]] });
  // Sent with a test key: never counted.
  await notice(A, 2, { testMode: true, read: 1, deliveries: [["push", "sent", 0], ["sms", "sent", 0.5], ["letter", "queued", 0.5]] });
  // Agency B: never in A's figures.
  await notice(B, 1, { read: 1, deliveries: [["push", "sent", 0], ["letter", "returned", 0]] });
  await notice(B, 5, { batchId: BATCH_B, deliveries: [["letter", "queued", 0]] });
});
afterAll(async () => {
  await pool?.end();
  await t?.drop();
});

const funnel = (scope: Partial<Parameters<typeof deliveryFunnel>[1]> = {}) => deliveryFunnel(t.db, { agencyId: A, unitCostKrw: 520, ...scope });

describe("delivery funnel", () => {
  it("counts every stage of the agency's live notices, all time", async () => {
    expect(await funnel()).toEqual({
      accepted: 8,
      pushed: 3,
      sms: 3,
      read: 4,
      readAfterSms: 2,
      readElectronically: 3,
      letters: 4,
      returned: 1,
      lettersAvoided: 4,
      unitCostKrw: 520,
      postageSavedKrw: 2080,
    });
  });

  it("limits itself to a period of acceptance", async () => {
    expect(await funnel({ from: ago(7), to: NOW })).toMatchObject({ accepted: 5, pushed: 3, sms: 2, read: 3, readAfterSms: 1, readElectronically: 3, letters: 2, returned: 0, lettersAvoided: 3 });
    expect(await funnel({ from: ago(30), to: NOW })).toMatchObject({ accepted: 7, sms: 3, read: 4, readAfterSms: 2, readElectronically: 3, letters: 4, returned: 1 });
    expect(await funnel({ from: ago(2), to: ago(2, 1) })).toMatchObject({ accepted: 1, pushed: 1, sms: 1, read: 1, readAfterSms: 1 });
    expect((await funnel({ from: ago(2, -1), to: ago(2) })).accepted).toBe(0); // `to` is exclusive
  });

  it("limits itself to one batch, of the agency's own", async () => {
    expect(await funnel({ batchId: BATCH_A })).toMatchObject({ accepted: 2, pushed: 1, read: 1, readElectronically: 1, letters: 1, lettersAvoided: 1, postageSavedKrw: 520 });
    expect(await funnel({ batchId: BATCH_B })).toMatchObject({ accepted: 0, letters: 0, lettersAvoided: 0, postageSavedKrw: 0 });
    expect(await deliveryFunnel(t.db, { agencyId: B, batchId: BATCH_B, unitCostKrw: 520 })).toMatchObject({ accepted: 1, letters: 1, lettersAvoided: 0 });
  });

  it("keeps each agency to its own notices", async () => {
    expect(await deliveryFunnel(t.db, { agencyId: B, unitCostKrw: 520 })).toMatchObject({ accepted: 2, pushed: 1, read: 1, letters: 2, returned: 1, lettersAvoided: 0 });
  });

  it("prices letters avoided at the configured unit cost", async () => {
    expect((await funnel({ unitCostKrw: 1000 })).postageSavedKrw).toBe(4000);
    vi.stubEnv("POSTAGE_UNIT_COST_KRW", "600");
    try {
      expect(await funnel({ unitCostKrw: undefined })).toMatchObject({ unitCostKrw: 600, postageSavedKrw: 2400 });
    } finally {
      vi.unstubAllEnvs();
    }
    const unset = process.env.POSTAGE_UNIT_COST_KRW === undefined;
    if (unset) expect((await funnel({ unitCostKrw: undefined })).unitCostKrw).toBe(520);
  });
});
