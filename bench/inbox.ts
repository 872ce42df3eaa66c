import pg from "pg";
import { seedDemo } from "../prisma/seed/seed";
import { createSession } from "../server/identity/sessions";
import { createCallerFactory } from "../server/trpc/init";
import { appRouter } from "../server/trpc/router";
import { DEFAULT_PREFERENCES } from "../server/preferences/preferences";
import { resolveSession } from "../server/identity/sessions";
import http from "node:http";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sessionCookieName } from "../server/identity/cookies";
import { webProcessCount } from "../server/runtime/web-cluster";
import { getDb, poolOf } from "../server/db";
import { postgresCpuClock, machineCpuMs, processTreeCpuMs, runConcurrently, startBenchProcess, timed, type Benchmark } from "./harness";

/**
 * `npm run bench -- inbox [citizens=100000] [perCitizen=10] [requests=20000] [http|http-fetch|http-next|route] [page]`: the
 * first inbox page of random citizens, 50 at a time after 1,000 not counted (JIT, each connection's
 * prepared statements): through the tRPC caller (session lookup, procedure, query), or with `http`
 * as GET /api/trpc/notices.list with the session cookie to Moa's production web process
 * (bench/processes/web.ts; needs `npm run build`), from wrk when installed (else 50 Node clients
 * here) for requests / 1,000 seconds. `http-fetch`: through tRPC's fetch adapter instead of
 * server/http/trpc-query.ts; `http-next`: through Next's router too, as before either.
 * `route`: tRPC's route handler called in this process with a fetch Request, no HTTP: what tRPC's
 * fetch adapter costs over the caller. `page` (after the mode; `-` for in process): what the inbox
 * page asks for, its counts and its list in one batched call, instead of the list alone;
 * `document` (over HTTP): the inbox page's HTML itself, rendered by Next.
 * The scale is 1,000,000 citizens × 10 notices: `npm run bench -- inbox 1000000`.
 */
const inbox: Benchmark = async ({ databaseUrl, db, args, print }) => {
  const citizens = Number(args[0] ?? 100_000);
  const perCitizen = Number(args[1] ?? 10);
  const requests = Number(args[2] ?? 20_000);
  const overHttp = args[3] === "http" || args[3] === "http-next" || args[3] === "http-fetch";
  const throughRoute = args[3] === "route";
  // wrk when it is installed: Node clients would take a third of the two cores from the server.
  const nodeClients = spawnSync("wrk", ["--version"]).error !== undefined;
  const seconds = Math.max(5, Math.round(requests / 1000));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  await seedDemo(db, "b".repeat(40));
  const [, loadMs] = await timed(async () => {
    await pool.query(`INSERT INTO "Person" (id, ci, name, "updatedAt") SELECT gen_random_uuid(), rpad(md5(i::text), 88, 'x'), 'P' || i, now() FROM generate_series(1, $1) i`, [citizens]);
    // Loaded as a restore would be: foreign-key triggers off (every reference is made right here), the
    // secondary indexes built once after the rows rather than row by row (10,000,000 rows took 21
    // minutes that way), ids as Moa makes them (UUIDv7, in time order).
    const c = await pool.connect();
    try {
      await c.query(`SET session_replication_role = replica; SET maintenance_work_mem = '1GB'`);
      const { rows: indexes } = await c.query<{ name: string; def: string }>(`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'Notice' AND indexname <> 'Notice_pkey'`);
      for (const i of indexes) await c.query(`DROP INDEX "${i.name}"`);
      await c.query(
        `INSERT INTO "Notice" (id, "agencyId", "templateId", "recipientCi", "personId", reference, "requestHash", "recipientName", fields, "originalKo", "originalSha256", route, "acceptedAt", "deliveredAt", "amountDue", "dueDate")
         SELECT uuidv7(), t."agencyId", t.id, p.ci, p.id, p.id::text || '-' || n, md5(p.id::text || n) || md5(n::text), p.name, '{}'::jsonb, '본문', md5(p.id::text) || md5(p.name), 'electronic',
                now() - (n || ' days')::interval, now() - (n || ' days')::interval, CASE WHEN n % 3 = 0 THEN 10000 * n END, CASE WHEN n % 3 = 0 THEN current_date + n END
         FROM "Person" p CROSS JOIN generate_series(1, $1) n
         JOIN (SELECT id, "agencyId", row_number() OVER (ORDER BY kind) - 1 AS k FROM "Template") t ON t.k = n % (SELECT count(*) FROM "Template")`,
        [perCitizen],
      );
      for (const i of indexes) await c.query(i.def);
      await c.query(`RESET session_replication_role; RESET maintenance_work_mem`);
    } finally {
      c.release();
    }
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
  const web = overHttp ? await startBenchProcess("web.ts", args[3] === "http-next" ? ["next"] : args[3] === "http-fetch" ? ["fetch"] : []) : null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  // `page`: what the inbox page itself asks for (inbox-list.tsx): its counts and its list in one batched GET.
  // `document`: the inbox page's HTML, rendered by Next (over HTTP only).
  const asPage = args[4] === "page";
  const asDocument = args[4] === "document";
  if (asDocument && !web) throw new Error("`document` is measured over HTTP only: give http as the mode");
  const call = asDocument
    ? "/ko/inbox"
    : asPage
      ? `/api/trpc/notices.counts,notices.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: { filter: "all", direction: "forward" } }))}`
      : `/api/trpc/notices.list?input=${encodeURIComponent(JSON.stringify({ filter: "all" }))}`;
  type Answer = { result: { data: { items: unknown[] } } };
  const itemsOf = (body: string) => {
    if (asDocument) return body.includes("</h1>") ? [body] : [];
    const json: unknown = JSON.parse(body);
    return (asPage ? (json as [unknown, Answer])[1] : (json as Answer)).result.data.items;
  };
  const route = throughRoute ? await import("../app/api/trpc/[trpc]/route") : null;
  const viaRoute = async (token: string) => {
    const request = new Request(`http://127.0.0.1${call}`, { headers: { cookie: `${sessionCookieName()}=${token}`, "x-moa-locale": "ko" } });
    const res = await route!.GET(request, {});
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    return itemsOf(await res.text());
  };
  const inProcess = async (token: string) => {
    const principal = await resolveSession(db, token, new Date());
    const calls = caller({ db, principal, locale: "ko", preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() });
    const [, list] = await Promise.all([asPage ? calls.notices.counts() : null, calls.notices.list({ filter: "all" })]);
    return list.items;
  };
  const viaHttp = (token: string) =>
    new Promise<unknown[]>((resolve, reject) => {
      const req = http.get(`${web!.url}${call}`, { agent, headers: { cookie: cookieFor(token), "x-moa-locale": "ko" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString()}`));
          resolve(itemsOf(Buffer.concat(chunks).toString()));
        });
      });
      req.on("error", reject);
    });
  let latencies: number[] = [];
  const firstPage = async (i: number) => {
    const start = performance.now();
    const items = await (web ? viaHttp : route ? viaRoute : inProcess)(principals[i % principals.length]);
    latencies.push(performance.now() - start);
    if (items.length === 0) throw new Error("empty inbox");
  };
  // Warm-up (JIT, each connection's prepared statements, every session answering), not counted.
  await runConcurrently(1000, 50, firstPage);
  latencies = [];
  const generator = web && !nodeClients ? "wrk" : web ? "node" : "in-process";
  const wrk = generator === "wrk" ? wrkRunner(`${web!.url}${call}`, principals) : null;
  // wrk's own 50 connections warm up for 3 s before anything is counted, CPU included.
  wrk?.run(3);
  const pgCpu = await postgresCpuClock(pool);
  const before = pgCpu();
  const webBefore = web ? processTreeCpuMs(web.pid) : 0;
  const machineBefore = machineCpuMs();
  const cpu = process.cpuUsage();
  let result: { requests: number; ms: number; p50: number; p95: number; p99: number };
  if (wrk) {
    try {
      const r = wrk.run(seconds);
      result = { requests: r.requests, ms: r.us / 1000, p50: r.p50 / 1000, p95: r.p95 / 1000, p99: r.p99 / 1000 };
    } finally {
      wrk.close();
    }
  } else {
    const [, totalMs] = await timed(() => runConcurrently(requests, 50, firstPage));
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    result = { requests, ms: totalMs, p50: pct(50), p95: pct(95), p99: pct(99) };
  }
  const used = process.cpuUsage(cpu);
  const machineMs = machineCpuMs() - machineBefore;
  const webMs = web ? processTreeCpuMs(web.pid) - webBefore : 0;
  const pgCpuMs = pgCpu() - before;
  agent.destroy();
  // The route handler's own connections (getDb's pool), before PostgreSQL stops.
  if (route) await poolOf(getDb()).end();
  await web?.stop();
  await pool.end();
  const perRequest = (ms: number) => (ms / result.requests) * 1000;
  print("citizens", citizens);
  print("notices", citizens * perCitizen);
  print("data load", loadMs / 1000, "s");
  print("requests", result.requests);
  print("throughput", (result.requests / result.ms) * 1000, "req/s");
  print("first page p50", result.p50, "ms");
  print("first page p95", result.p95, "ms");
  print("first page p99", result.p99, "ms");
  const served =
    args[3] === "http-next" ? "tRPC through Next's router" : args[3] === "http-fetch" ? "tRPC's fetch adapter past Next's router" : "tRPC's queries answered from the Node request";
  console.log(
    generator === "wrk"
      ? `# over HTTP: Moa's production web process (${served}); 50 connections from wrk (one thread)`
      : generator === "node"
        ? `# over HTTP: Moa's production web process (${served}); 50 Node clients in the bench's process`
        : route
        ? "# in process: tRPC's route handler (fetch adapter: context, session lookup, procedure), no HTTP"
        : "# in process: session lookup and tRPC caller",
  );
  console.log(
    asDocument
      ? "# each request: the inbox page's HTML (GET /ko/inbox), rendered by Next"
      : asPage
        ? "# each request: the inbox page's own batch, notices.counts and notices.list"
        : "# each request: notices.list alone",
  );
  if (web) print("web processes (WEB_PROCESSES)", webProcessCount());
  if (web) print("CPU per request: Moa's web processes", perRequest(webMs), "µs");
  if (generator === "wrk") print("CPU per request: wrk and the rest of the machine", perRequest(machineMs - webMs - pgCpuMs), "µs");
  else print(web ? "CPU per request: the 50 clients" : "CPU per request: Moa (and the driver)", perRequest((used.user + used.system) / 1000), "µs");
  print("CPU per request: PostgreSQL", perRequest(pgCpuMs), "µs");
};

/** The session cookie as the web process names it: it runs in production mode, this process does not. */
const cookieFor = (token: string) => `${sessionCookieName(true)}=${token}`;

/**
 * wrk (Debian's package), 50 connections on one thread for a given number of seconds per run, each
 * request with the next session's cookie; any answer but a 2xx fails the run.
 */
function wrkRunner(url: string, tokens: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "moa-wrk-"));
  const script = path.join(dir, "inbox.lua");
  writeFileSync(
    script,
    `local tokens = {${tokens.map((t) => JSON.stringify(t)).join(",")}}
local i = 0
request = function()
  i = i + 1
  local t = tokens[(i % #tokens) + 1]
  return wrk.format("GET", nil, { ["Cookie"] = "${cookieFor("TOKEN").replaceAll("TOKEN", '" .. t .. "')}", ["X-Moa-Locale"] = "ko" })
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\n{"requests":%d,"us":%d,"bad":%d,"p50":%d,"p95":%d,"p99":%d}\\n', summary.requests, summary.duration,
    e.status + e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`,
  );
  const run = (duration: number) => {
    const out = spawnSync("wrk", ["-t1", "-c50", `-d${duration}s`, "--timeout", "10s", "-s", script, url], { encoding: "utf8" });
    if (out.status !== 0) throw new Error(`wrk failed: ${out.stderr}`);
    const line = out.stdout.split("\n").find((l) => l.startsWith('{"requests"'));
    if (!line) throw new Error(`wrk printed no summary:\n${out.stdout}\n${out.stderr}`);
    const r = JSON.parse(line) as { requests: number; us: number; bad: number; p50: number; p95: number; p99: number };
    if (r.bad > 0) throw new Error(`${r.bad} of ${r.requests} requests failed:\n${out.stdout}`);
    return r;
  };
  return { run, close: () => rmSync(dir, { recursive: true, force: true }) };
}

export default inbox;
