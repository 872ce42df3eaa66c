import pg from "pg";
import { seedDemo } from "../prisma/seed/seed";
import { createSession } from "../server/identity/sessions";
import { createCallerFactory } from "../server/trpc/init";
import { appRouter } from "../server/trpc/router";
import { DEFAULT_PREFERENCES } from "../server/preferences/preferences";
import { resolveSession } from "../server/identity/sessions";
import { cpuMs, runConcurrently, timed, type Benchmark } from "./harness";

/**
 * `npm run bench -- inbox [citizens=100000] [perCitizen=10] [requests=20000]`: the first inbox page
 * of random citizens, through the tRPC caller (session lookup, procedure, query), 50 at a time,
 * after 1,000 not counted (JIT, each connection's prepared statements).
 * The scale is 1,000,000 citizens × 10 notices: `npm run bench -- inbox 1000000`.
 */
const inbox: Benchmark = async ({ databaseUrl, db, args, print }) => {
  const citizens = Number(args[0] ?? 100_000);
  const perCitizen = Number(args[1] ?? 10);
  const requests = Number(args[2] ?? 20_000);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  await seedDemo(db, "b".repeat(40));
  const [, loadMs] = await timed(async () => {
    await pool.query(`INSERT INTO "Person" (id, ci, name, "updatedAt") SELECT gen_random_uuid(), rpad(md5(i::text), 88, 'x'), 'P' || i, now() FROM generate_series(1, $1) i`, [citizens]);
    await pool.query(
      `INSERT INTO "Notice" (id, "agencyId", "templateId", "recipientCi", "personId", reference, "requestHash", "recipientName", fields, "originalKo", "originalSha256", route, "acceptedAt", "deliveredAt", "amountDue", "dueDate")
       SELECT gen_random_uuid(), t."agencyId", t.id, p.ci, p.id, p.id::text || '-' || n, md5(p.id::text || n) || md5(n::text), p.name, '{}'::jsonb, '본문', md5(p.id::text) || md5(p.name), 'electronic',
              now() - (n || ' days')::interval, now() - (n || ' days')::interval, CASE WHEN n % 3 = 0 THEN 10000 * n END, CASE WHEN n % 3 = 0 THEN current_date + n END
       FROM "Person" p CROSS JOIN generate_series(1, $1) n CROSS JOIN LATERAL (SELECT id, "agencyId" FROM "Template" ORDER BY kind OFFSET (n % 7) LIMIT 1) t`,
      [perCitizen],
    );
    await pool.query("VACUUM ANALYZE");
  });
  const { rows: people } = await pool.query<{ id: string }>(`SELECT id FROM "Person" ORDER BY random() LIMIT 500`);
  const principals = await Promise.all(
    people.map(async (p) => {
      const { token } = await createSession(db, { type: "citizen", id: p.id, now: new Date() });
      return token;
    }),
  );
  const caller = createCallerFactory(appRouter);
  let latencies: number[] = [];
  const firstPage = async (i: number) => {
    const start = performance.now();
    const principal = await resolveSession(db, principals[i % principals.length], new Date());
    const result = await caller({ db, principal, locale: "ko", preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() }).notices.list({ filter: "all" });
    latencies.push(performance.now() - start);
    if (result.items.length === 0) throw new Error("empty inbox");
  };
  // Warm-up (JIT, each connection's prepared statements), not counted.
  await runConcurrently(1000, 50, firstPage);
  latencies = [];
  const pgPids = async () => (await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity`)).rows.map((r) => r.pid);
  const before = new Map((await pgPids()).map((pid) => [pid, cpuMs(pid)]));
  const cpu = process.cpuUsage();
  const [, totalMs] = await timed(() => runConcurrently(requests, 50, firstPage));
  const used = process.cpuUsage(cpu);
  const pgCpuMs = (await pgPids()).reduce((sum, pid) => sum + cpuMs(pid) - (before.get(pid) ?? 0), 0);
  await pool.end();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  print("citizens", citizens);
  print("notices", citizens * perCitizen);
  print("data load", loadMs / 1000, "s");
  print("requests", requests);
  print("throughput", (requests / totalMs) * 1000, "req/s");
  print("first page p50", pct(50), "ms");
  print("first page p95", pct(95), "ms");
  print("first page p99", pct(99), "ms");
  print("CPU per request: Moa (and the driver)", ((used.user + used.system) / 1000 / requests) * 1000, "µs");
  print("CPU per request: PostgreSQL", (pgCpuMs / requests) * 1000, "µs");
};

export default inbox;
