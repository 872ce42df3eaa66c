import pg from "pg";
import { seedDemo } from "../prisma/seed/seed";
import { createSession } from "../server/identity/sessions";
import { createCallerFactory } from "../server/trpc/init";
import { appRouter } from "../server/trpc/router";
import { DEFAULT_PREFERENCES } from "../server/preferences/preferences";
import { resolveSession } from "../server/identity/sessions";
import http from "node:http";
import { sessionCookieName } from "../server/identity/cookies";
import { cpuMs, runConcurrently, startBenchProcess, timed, type Benchmark } from "./harness";

/**
 * `npm run bench -- inbox [citizens=100000] [perCitizen=10] [requests=20000] [http]`: the first
 * inbox page of random citizens, 50 at a time after 1,000 not counted (JIT, each connection's
 * prepared statements): through the tRPC caller (session lookup, procedure, query), or with `http`
 * as GET /api/trpc/notices.list with the session cookie over kept-alive HTTP connections to
 * bench/processes/web.ts.
 * The scale is 1,000,000 citizens × 10 notices: `npm run bench -- inbox 1000000`.
 */
const inbox: Benchmark = async ({ databaseUrl, db, args, print }) => {
  const citizens = Number(args[0] ?? 100_000);
  const perCitizen = Number(args[1] ?? 10);
  const requests = Number(args[2] ?? 20_000);
  const overHttp = args[3] === "http";
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
  // In process: the session lookup and the tRPC caller. Over HTTP: what a browser's request does,
  // through the route handler in a server process of its own, on kept-alive connections.
  process.env.DATABASE_URL = databaseUrl;
  const web = overHttp ? await startBenchProcess("web.ts") : null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const input = encodeURIComponent(JSON.stringify({ filter: "all" }));
  const inProcess = async (token: string) => {
    const principal = await resolveSession(db, token, new Date());
    return (await caller({ db, principal, locale: "ko", preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() }).notices.list({ filter: "all" })).items;
  };
  const viaHttp = (token: string) =>
    new Promise<unknown[]>((resolve, reject) => {
      const req = http.get(`${web!.url}/api/trpc/notices.list?input=${input}`, { agent, headers: { cookie: `${sessionCookieName()}=${token}`, "x-moa-locale": "ko" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString()}`));
          resolve((JSON.parse(Buffer.concat(chunks).toString()) as { result: { data: { items: unknown[] } } }).result.data.items);
        });
      });
      req.on("error", reject);
    });
  let latencies: number[] = [];
  const firstPage = async (i: number) => {
    const start = performance.now();
    const items = await (web ? viaHttp : inProcess)(principals[i % principals.length]);
    latencies.push(performance.now() - start);
    if (items.length === 0) throw new Error("empty inbox");
  };
  // Warm-up (JIT, each connection's prepared statements), not counted.
  await runConcurrently(1000, 50, firstPage);
  latencies = [];
  const pgPids = async () => (await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity`)).rows.map((r) => r.pid);
  const before = new Map((await pgPids()).map((pid) => [pid, cpuMs(pid)]));
  const webBefore = web ? cpuMs(web.pid) : 0;
  const cpu = process.cpuUsage();
  const [, totalMs] = await timed(() => runConcurrently(requests, 50, firstPage));
  const used = process.cpuUsage(cpu);
  const webMs = web ? cpuMs(web.pid) - webBefore : 0;
  const pgCpuMs = (await pgPids()).reduce((sum, pid) => sum + cpuMs(pid) - (before.get(pid) ?? 0), 0);
  agent.destroy();
  await web?.stop();
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
  console.log(`# ${web ? "over HTTP: node:http and the tRPC route handler in a process of their own" : "in process: session lookup and tRPC caller"}`);
  if (web) print("CPU per request: Moa's web process", (webMs / requests) * 1000, "µs");
  print(web ? "CPU per request: the 50 clients" : "CPU per request: Moa (and the driver)", ((used.user + used.system) / 1000 / requests) * 1000, "µs");
  print("CPU per request: PostgreSQL", (pgCpuMs / requests) * 1000, "µs");
};

export default inbox;
