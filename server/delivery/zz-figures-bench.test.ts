import { afterAll, beforeAll, it } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../test/db";

let t: TestDatabase;
let pool: pg.Pool;
const A = "00000000-0000-4000-8000-00000000000a";
beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 1 });
  await pool.query(`INSERT INTO "Agency" (id, code, name) VALUES ($1, 'A', '{}'), ('00000000-0000-4000-8000-00000000000b', 'B', '{}')`, [A]);
  await pool.query(`INSERT INTO "Template" (id, "agencyId", kind, version, name, "fieldSchema", messages) VALUES ('00000000-0000-4000-8000-0000000000f1', $1, 'k', 1, '{}', '{}', '{}')`, [A]);
  await pool.query(`INSERT INTO "NoticeBatch" (id, "agencyId", state, format, "createdAt", "finishedAt") VALUES ('00000000-0000-4000-8000-0000000000b1', $1, 'done', 'csv', now() - interval '200 days', now() - interval '199 days')`, [A]);
  await pool.query(`INSERT INTO "Notice" (id, "agencyId", "templateId", "recipientCi", reference, "requestHash", "recipientName", fields, "originalKo", "originalSha256", route, "acceptedAt", "readAt", "batchId", "testMode")
    SELECT gen_random_uuid(), $1, '00000000-0000-4000-8000-0000000000f1', 'x', 'r' || i, 'h', 'n', '{}', 'o', 's', 'electronic',
      now() - (i * interval '30 seconds'), CASE WHEN i % 3 = 0 THEN now() - (i * interval '30 seconds') + interval '2 days' END,
      CASE WHEN i BETWEEN 576000 AND 576400 THEN '00000000-0000-4000-8000-0000000000b1'::uuid END, i % 50 = 0
    FROM generate_series(1, 1000000) i`, [A]);
  await pool.query(`INSERT INTO "Delivery" (id, "noticeId", channel, target, status, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), id, 'push', 'dev', 'sent', "acceptedAt", "acceptedAt" FROM "Notice" WHERE random() < 0.7`);
  await pool.query(`INSERT INTO "Delivery" (id, "noticeId", channel, target, status, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), id, 'sms', '010', 'delivered', "acceptedAt" + interval '1 day', "acceptedAt" FROM "Notice" WHERE random() < 0.5`);
  await pool.query(`INSERT INTO "Delivery" (id, "noticeId", channel, target, status, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), id, 'letter', 'letter', CASE WHEN random() < 0.1 THEN 'returned' ELSE 'dispatched' END, "acceptedAt" + interval '3 day', "acceptedAt" FROM "Notice" WHERE random() < 0.3`);
  await pool.query(`VACUUM ANALYZE "Notice"`);
  await pool.query(`VACUUM ANALYZE "Delivery"`);
}, 600_000);
afterAll(async () => { await pool?.end(); await t?.drop(); });

const scope = (w: string) => `n."agencyId" = '${A}' AND NOT n."testMode" ${w}`;
const exists = (ch: string, st: string, extra = "") => `EXISTS (SELECT 1 FROM "Delivery" d WHERE d."noticeId" = n.id AND d.channel = '${ch}' AND d.status IN (${st}) ${extra})`;
const SENT = `'sent','delivered'`;
const LET = `'queued','sent','printed','dispatched','returned'`;
const variantA = (w: string) => `SELECT count(*) AS accepted,
  count(*) FILTER (WHERE ${exists("push", SENT)}) AS pushed,
  count(*) FILTER (WHERE n."readAt" IS NOT NULL) AS read,
  count(*) FILTER (WHERE n."readAt" IS NOT NULL AND ${exists("sms", SENT, `AND d."createdAt" < n."readAt"`)}) AS ras,
  count(*) FILTER (WHERE ${exists("sms", SENT)}) AS sms,
  count(*) FILTER (WHERE ${exists("letter", LET)}) AS letters,
  count(*) FILTER (WHERE ${exists("letter", "'returned'")}) AS returned,
  count(*) FILTER (WHERE n."readAt" IS NOT NULL AND NOT ${exists("letter", LET, `AND d."createdAt" < n."readAt"`)}) AS re
  FROM "Notice" n WHERE ${scope(w)}`;
const variantB = (w: string) => `SELECT count(*) AS accepted,
  count(*) FILTER (WHERE pushed) AS pushed, count(*) FILTER (WHERE "readAt" IS NOT NULL) AS read,
  count(*) FILTER (WHERE "readAt" > sms_at) AS ras, count(*) FILTER (WHERE sms_at IS NOT NULL) AS sms,
  count(*) FILTER (WHERE letter_at IS NOT NULL) AS letters, count(*) FILTER (WHERE returned) AS returned,
  count(*) FILTER (WHERE "readAt" IS NOT NULL AND NOT ("readAt" > letter_at)) AS re
  FROM (SELECT n."readAt", ${exists("push", SENT)} AS pushed,
    (SELECT min(d."createdAt") FROM "Delivery" d WHERE d."noticeId" = n.id AND d.channel = 'sms' AND d.status IN (${SENT})) AS sms_at,
    (SELECT min(d."createdAt") FROM "Delivery" d WHERE d."noticeId" = n.id AND d.channel = 'letter' AND d.status IN (${LET})) AS letter_at,
    ${exists("letter", "'returned'")} AS returned
  FROM "Notice" n WHERE ${scope(w)}) s`;
const variantC = (w: string) => `SELECT count(*) AS accepted,
  count(*) FILTER (WHERE pushed) AS pushed, count(*) FILTER (WHERE "readAt" IS NOT NULL) AS read,
  count(*) FILTER (WHERE "readAt" > sms_at) AS ras, count(*) FILTER (WHERE sms_at IS NOT NULL) AS sms,
  count(*) FILTER (WHERE letter_at IS NOT NULL) AS letters, count(*) FILTER (WHERE returned) AS returned,
  count(*) FILTER (WHERE "readAt" IS NOT NULL AND NOT coalesce("readAt" > letter_at, false)) AS re
  FROM "Notice" n CROSS JOIN LATERAL (SELECT
    coalesce(bool_or(d.channel = 'push' AND d.status IN (${SENT})), false) AS pushed,
    min(d."createdAt") FILTER (WHERE d.channel = 'sms' AND d.status IN (${SENT})) AS sms_at,
    min(d."createdAt") FILTER (WHERE d.channel = 'letter' AND d.status IN (${LET})) AS letter_at,
    coalesce(bool_or(d.channel = 'letter' AND d.status = 'returned'), false) AS returned
    FROM "Delivery" d WHERE d."noticeId" = n.id) d
  WHERE ${scope(w)}`;

const variantD = (w: string) => `WITH scope AS (SELECT n.id, n."readAt" FROM "Notice" n WHERE ${scope(w)}),
  per AS (SELECT d."noticeId",
    bool_or(d.channel = 'push' AND d.status IN (${SENT})) AS pushed,
    min(d."createdAt") FILTER (WHERE d.channel = 'sms' AND d.status IN (${SENT})) AS sms_at,
    min(d."createdAt") FILTER (WHERE d.channel = 'letter' AND d.status IN (${LET})) AS letter_at,
    bool_or(d.channel = 'letter' AND d.status = 'returned') AS returned
    FROM "Delivery" d JOIN scope s ON s.id = d."noticeId" GROUP BY d."noticeId")
  SELECT count(*) AS accepted,
  count(*) FILTER (WHERE pushed) AS pushed, count(*) FILTER (WHERE "readAt" IS NOT NULL) AS read,
  count(*) FILTER (WHERE "readAt" > sms_at) AS ras, count(*) FILTER (WHERE sms_at IS NOT NULL) AS sms,
  count(*) FILTER (WHERE letter_at IS NOT NULL) AS letters, count(*) FILTER (WHERE returned) AS returned,
  count(*) FILTER (WHERE "readAt" IS NOT NULL AND NOT coalesce("readAt" > letter_at, false)) AS re
  FROM scope s LEFT JOIN per p ON p."noticeId" = s.id`;
const variantN = (w: string) => `SELECT count(*), count(*) FILTER (WHERE n."readAt" IS NOT NULL) FROM "Notice" n WHERE ${scope(w)}`;
const variantB3 = (w: string) => `SELECT count(*) AS accepted,
  count(*) FILTER (WHERE pushed) AS pushed, count(*) FILTER (WHERE "readAt" IS NOT NULL) AS read,
  count(*) FILTER (WHERE "readAt" > sms_at) AS ras, count(*) FILTER (WHERE sms_at IS NOT NULL) AS sms,
  count(*) FILTER (WHERE (letter).at IS NOT NULL) AS letters, count(*) FILTER (WHERE (letter).status = 'returned') AS returned,
  count(*) FILTER (WHERE "readAt" IS NOT NULL AND NOT coalesce("readAt" > (letter).at, false)) AS re
  FROM (SELECT n."readAt", ${exists("push", SENT)} AS pushed,
    (SELECT min(d."createdAt") FROM "Delivery" d WHERE d."noticeId" = n.id AND d.channel = 'sms' AND d.status IN (${SENT})) AS sms_at,
    (SELECT row(d.status, d."createdAt")::letter_t FROM "Delivery" d WHERE d."noticeId" = n.id AND d.channel = 'letter' AND d.status IN (${LET}) LIMIT 1) AS letter
  FROM "Notice" n WHERE ${scope(w)}) s`;
const WHERES: Record<string, string> = {
  "7d": `AND n."acceptedAt" >= now() - interval '7 days'`,
  "30d": `AND n."acceptedAt" >= now() - interval '30 days'`,
  all: "",
  batchNoWindow: `AND n."batchId" = '00000000-0000-4000-8000-0000000000b1'`,
  batchWindow: `AND n."batchId" = '00000000-0000-4000-8000-0000000000b1' AND n."acceptedAt" BETWEEN (SELECT b."createdAt" - interval '1 hour' FROM "NoticeBatch" b WHERE b.id = '00000000-0000-4000-8000-0000000000b1') AND (SELECT coalesce(b."finishedAt", 'infinity') + interval '1 hour' FROM "NoticeBatch" b WHERE b.id = '00000000-0000-4000-8000-0000000000b1')`,
};

it("bench", async () => {
  await pool.query(`CREATE TYPE letter_t AS (status text, at timestamp(3))`);
  const out: string[] = [];
  for (const [name, v] of Object.entries({ B3: variantB3, D: variantD, C: variantC, A: variantA })) {
    for (const [w, where] of Object.entries(WHERES)) {
      if (w.startsWith("batch") || w === "7d") continue;
      await pool.query(v(where));
      const t0 = performance.now();
      const r = await pool.query(v(where));
      out.push(`${name} ${w} ${(performance.now() - t0).toFixed(0)}ms ${JSON.stringify(r.rows[0])}`);
      if (false) {
        const plan = await pool.query(`EXPLAIN ANALYZE ${v(where)}`);
        out.push(plan.rows.map((x) => x["QUERY PLAN"]).join("\n"));
      }
    }
  }
  console.log(out.join("\n"));
}, 600_000);
