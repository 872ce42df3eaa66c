import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import webpush from "web-push";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { startLocalPushService, type LocalPushService, type TestSubscription } from "../sandbox/push-service";

const NOTICES = 10_000;
const DEVICES = 400;
const T0 = new Date("2026-11-23T01:00:00Z"); // 10:00 in Seoul
const vapid = webpush.generateVAPIDKeys();

let t: TestDatabase;
let pool: pg.Pool;
let push: LocalPushService;
const devices: TestSubscription[] = [];

function sweeper(now: Date): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../test/sweep-process.ts")], {
    env: { ...process.env, DATABASE_URL: t.url, SWEEP_NOW: now.toISOString(), VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function receivedCount(): Promise<number> {
  let total = 0;
  for (const d of devices) total += (await push.notifications(d.clientHash)).length;
  return total;
}

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  push = await startLocalPushService();
  const agency = await t.db.agency.create({ data: { code: "CRASH", name: { ko: "시험기관", en: "Test agency", ja: "試験", zh: "测试", th: "ทดสอบ", vi: "Thử" } } });
  const name = { ko: "안내", en: "Notice", ja: "通知", zh: "通知", th: "แจ้ง", vi: "Thông báo" };
  const template = await t.db.template.create({ data: { agencyId: agency.id, kind: "crash", version: 1, name, fieldSchema: {}, messages: {} } });
  for (let i = 0; i < DEVICES; i++) devices.push(await push.subscribe(vapid.publicKey));
  const { rows: people } = await pool.query<{ id: string }>(
    `INSERT INTO "Person" (id, ci, name, locale, "updatedAt") SELECT gen_random_uuid(), rpad(g::text, 88, 'x'), 'P' || g, 'ko', now() FROM generate_series(1, $1) g RETURNING id`,
    [DEVICES],
  );
  await pool.query(`INSERT INTO "Consent" (id, "personId", purpose, "termsVersion", channel) SELECT gen_random_uuid(), id, 'electronic-delivery', 'v1', 'web' FROM unnest($1::uuid[]) id`, [people.map((p) => p.id)]);
  await pool.query(
    `INSERT INTO "PushSubscription" (id, "personId", endpoint, p256dh, auth, label) SELECT gen_random_uuid(), p, e, k, a, 'Test' FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(p, e, k, a)`,
    [people.map((p) => p.id), devices.map((d) => d.endpoint), devices.map((d) => d.keys.p256dh), devices.map((d) => d.keys.auth)],
  );
  await pool.query(
    `INSERT INTO "Notice" (id, "agencyId", "templateId", "recipientCi", "personId", reference, "requestHash", "recipientName", fields, "originalKo", "originalSha256", route, "nextStep", "nextStepAt", "acceptedAt", "deliveredAt")
     SELECT gen_random_uuid(), $1, $2, rpad(((g % $4) + 1)::text, 88, 'x'), ($3::uuid[])[(g % $4) + 1], 'C-' || g, $5, 'P', '{}', '-', $5, 'electronic', 'push', $6, $6, $6
     FROM generate_series(0, $7 - 1) g`,
    [agency.id, template.id, people.map((p) => p.id), DEVICES, randomBytes(32).toString("hex"), T0, NOTICES],
  );
}, 120_000);
afterAll(async () => {
  await push?.close();
  await pool?.end();
  await t?.drop();
});

describe("a worker killed in the middle of 10,000 deliveries", () => {
  it("leaves each notice one push and no device a push twice once another worker has finished", async () => {
    const first = sweeper(T0);
    // Kill it hard once a good part of the pushes has reached the push service.
    await expect.poll(receivedCount, { timeout: 60_000, interval: 200 }).toBeGreaterThan(NOTICES / 4);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const atKill = await receivedCount();
    expect(atKill).toBeLessThan(NOTICES);

    // The next worker starts later, when what the dead one left `sending` counts as abandoned.
    const second = sweeper(new Date(T0.getTime() + 15 * 60_000));
    const output = await new Promise<string>((resolve) => {
      let text = "";
      second.stdout!.on("data", (chunk) => (text += chunk));
      second.once("exit", () => resolve(text));
    });
    const { abandoned } = JSON.parse(output) as { abandoned: number };

    const { rows } = await pool.query<{ notices: number; pushes: number; most: number; left: number }>(
      `SELECT count(DISTINCT n.id)::int AS notices, count(d.id)::int AS pushes, max(c)::int AS most,
              (SELECT count(*)::int FROM "Notice" WHERE "nextStep" = 'push') AS left
       FROM "Notice" n LEFT JOIN "Delivery" d ON d."noticeId" = n.id AND d.channel = 'push'
       LEFT JOIN LATERAL (SELECT count(*) AS c FROM "Delivery" x WHERE x."noticeId" = n.id AND x.channel = 'push') k ON true`,
    );
    expect(rows[0]).toEqual({ notices: NOTICES, pushes: NOTICES, most: 1, left: 0 });

    const seen = new Set<string>();
    let duplicates = 0;
    for (const d of devices) {
      for (const message of await push.notifications(d.clientHash)) {
        const key = `${d.clientHash}:${(JSON.parse(message) as { noticeId: string }).noticeId}`;
        if (seen.has(key)) duplicates++;
        seen.add(key);
      }
    }
    expect(duplicates).toBe(0);
    const { rows: statuses } = await pool.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM "Delivery" GROUP BY status`);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    // Only what was claimed at the kill is unknown: the round being sent and, as rounds overlap
    // (runDueRounds), the next one already claimed — at most two rounds of 200 (sweep-process.ts).
    // Every push the service got is accounted for.
    expect(byStatus.unknown ?? 0).toBe(abandoned);
    expect(abandoned).toBeLessThanOrEqual(2 * 200);
    expect(byStatus.sent + (byStatus.unknown ?? 0)).toBe(NOTICES);
    expect(seen.size).toBeGreaterThanOrEqual(byStatus.sent);
    expect(seen.size).toBeLessThanOrEqual(NOTICES);
  }, 180_000);
});
