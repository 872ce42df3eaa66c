import pg from "pg";
import "../server/db/pg-utc";
import { confirmPayment } from "../server/payments/confirm";
import { quoteNotices } from "../server/payments/quote";
import { startPayment } from "../server/payments/start";
import { createTossGateway } from "../server/providers/payment/toss";
import type { PaymentGateway } from "../server/providers/payment/types";
import type { SandboxStats } from "../server/sandbox/payment-gateway";
import { payInWindow } from "../server/test/payments";
import { cpuMs, machineCpuMs, postgresCpuClock, runConcurrently, startBenchProcess, timed, type Benchmark } from "./harness";

const SECRET = "test_sk_bench_pay";
const L = (ko: string, en: string) => ({ ko, en, ja: en, zh: en, th: en, vi: en });


async function startGateway() {
  const { url, pid, stop } = await startBenchProcess("payment-gateway.ts", [SECRET]);
  const auth = { authorization: `Basic ${Buffer.from(`${SECRET}:`).toString("base64")}` };
  return {
    url,
    pid,
    stats: async () => (await (await fetch(`${url}/sandbox/stats`, { headers: auth })).json()) as SandboxStats,
    stop,
  };
}

/** The gateway, adding the time spent waiting on each of its calls to `spent.ms`. */
function timedGateway(gateway: PaymentGateway, spent: { ms: number }): PaymentGateway {
  const time =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const start = process.hrtime.bigint();
      try {
        return await fn(...args);
      } finally {
        spent.ms += Number(process.hrtime.bigint() - start) / 1e6;
      }
    };
  return { confirm: time(gateway.confirm), get: time(gateway.get), getByOrderId: time(gateway.getByOrderId), cancel: time(gateway.cancel) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/**
 * `npm run bench -- pay [n=10000] [billsPerPayment=2] [concurrency=8]`: N baskets of bills from two
 * agencies, each quoted, started and paid in the sandbox gateway's window beforehand; then the
 * measured part, N confirmations through `confirmPayment` (lock, checks, gateway confirm, paid
 * notices, notice.paid events, stored answer, audit). The sandbox gateway runs in a child process;
 * the time spent waiting on it is measured per confirmation and taken out of the latency.
 */
const pay: Benchmark = async ({ databaseUrl, db, args, print }) => {
  const n = Number(args[0] ?? 10_000);
  const bills = Number(args[1] ?? 2);
  const concurrency = Number(args[2] ?? 8);
  const gatewayProcess = await startGateway();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency + 2 });
  const gateway = createTossGateway({ secretKey: SECRET, baseUrl: gatewayProcess.url });
  const config = { windowBaseUrl: gatewayProcess.url, clientKey: "test_ck_bench", publicUrl: "https://moa.example" };
  const people = Math.ceil(n / 10);

  const paying: { personId: string; quoteId: string; back: Awaited<ReturnType<typeof payInWindow>> }[] = new Array(n);
  const [, seedMs] = await timed(async () => {
    const agencies = [await db.agency.create({ data: { code: "NTS", name: L("국세청", "National Tax Service") } }), await db.agency.create({ data: { code: "NHIS", name: L("국민건강보험공단", "NHIS") } })];
    const templates = await Promise.all(
      agencies.map((a, i) => db.template.create({ data: { agencyId: a.id, kind: `bill-${i}`, version: 1, name: L("고지서", "Bill"), fieldSchema: {}, messages: {}, payable: true, lateChargeRule: { kind: "tax" } } })),
    );
    await pool.query(`INSERT INTO "Person" (id, ci, name, "updatedAt") SELECT gen_random_uuid(), rpad(g::text, 88, 'x'), 'P' || g, now() FROM generate_series(1, $1) g`, [people]);
    // Bill b of payment i belongs to person i % people, from agency b % 2.
    await pool.query(
      `INSERT INTO "Notice" (id, "agencyId", "templateId", "recipientCi", "personId", reference, "requestHash", "recipientName", fields, "originalKo", "originalSha256", route, "paymentNumber", "amountDue", "dueDate", "nextStep", "nextStepAt")
       SELECT gen_random_uuid(), (ARRAY[$1, $2]::uuid[])[b % 2 + 1], (ARRAY[$3, $4]::uuid[])[b % 2 + 1], p.ci, p.id, 'PAY-' || i || '-' || b, repeat('0', 64), p.name, '{}', '-', repeat('0', 64), 'electronic',
              lpad((i * 10 + b)::text, 16, '0'), 10000 + (i % 97) * 1000 + b, current_date + 30, 'sms', now() + interval '1 day'
       FROM generate_series(0, $5 - 1) i CROSS JOIN generate_series(0, $6 - 1) b JOIN "Person" p ON p.ci = rpad(((i % $7) + 1)::text, 88, 'x')`,
      [agencies[0].id, agencies[1].id, templates[0].id, templates[1].id, n, bills, people],
    );
    await pool.query("VACUUM ANALYZE");
    const { rows } = await pool.query<{ i: number; personId: string; ids: string[] }>(
      `SELECT split_part(reference, '-', 2)::int AS i, "personId", array_agg(id ORDER BY reference) AS ids FROM "Notice" GROUP BY 1, 2`,
    );
    await runConcurrently(rows.length, 16, async (k) => {
      const { i, personId, ids } = rows[k];
      const now = new Date();
      const quote = await quoteNotices(db, personId, ids, now);
      const { windowUrl } = await startPayment(db, { id: personId, steppedUpAt: now }, { quoteId: quote.quoteId, idempotencyKey: `bench-start-${i}`, locale: "ko" }, now, config);
      paying[i] = { personId, quoteId: quote.quoteId, back: await payInWindow(windowUrl) };
    });
  });

  // The measured part starts from a settled database: statistics for the seeded rows, nothing left to write back.
  await pool.query("VACUUM ANALYZE");
  await pool.query("CHECKPOINT");
  // PostgreSQL's processes (this cluster is the benchmark's own), by pid, for their CPU time.
  const pgCpuClock = await postgresCpuClock(pool);
  const pgBefore = pgCpuClock();
  const machineBefore = machineCpuMs();
  const [benchCpu, gatewayCpu] = [process.cpuUsage(), cpuMs(gatewayProcess.pid)];
  const own: number[] = new Array(n);
  const waited: number[] = new Array(n);
  const states = new Map<string, number>();
  const [, wallMs] = await timed(() =>
    runConcurrently(n, concurrency, async (i) => {
      const spent = { ms: 0 };
      const deps = { db, pool, gateway: timedGateway(gateway, spent) };
      const { personId, back } = paying[i];
      const [answer, ms] = await timed(() => confirmPayment(deps, { id: personId }, { ...back, idempotencyKey: `bench-confirm-${i}` }, new Date()));
      states.set(answer.state, (states.get(answer.state) ?? 0) + 1);
      own[i] = ms - spent.ms;
      waited[i] = spent.ms;
    }),
  );
  const cpu = process.cpuUsage(benchCpu);
  const pgCpu = pgCpuClock() - pgBefore;
  const sandboxCpu = cpuMs(gatewayProcess.pid) - gatewayCpu;
  const othersCpu = machineCpuMs() - machineBefore - (cpu.user + cpu.system) / 1000 - pgCpu - sandboxCpu;
  const stats = await gatewayProcess.stats();
  const { rows: counts } = await pool.query<{ paid: number; events: number; audits: number }>(
    `SELECT (SELECT count(*)::int FROM "Notice" WHERE "paidAt" IS NOT NULL) AS paid,
            (SELECT count(*)::int FROM "WebhookEvent" WHERE type = 'notice.paid') AS events,
            (SELECT count(*)::int FROM "AuditEvent" WHERE action = 'payment.succeeded') AS audits`,
  );
  await pool.end();
  await gatewayProcess.stop();

  const sortedOwn = [...own].sort((a, b) => a - b);
  const sortedGateway = [...waited].sort((a, b) => a - b);
  const rate = (n / wallMs) * 1000;
  const p95 = percentile(sortedOwn, 0.95);
  const meanOwn = own.reduce((a, b) => a + b, 0) / n;
  const mark = (ok: boolean) => (ok ? "✓" : "✗");
  print("payments", n, `(${bills} bills from two agencies each, ${people} citizens, ${concurrency} confirmations in flight)`);
  print("seed (notices, quote, start, window)", seedMs / 1000, "s");
  print("confirmations", rate, `payments/s (target ≥ 200 ${mark(rate >= 200)})`);
  print("confirmations without the gateway's time (in flight / mean latency)", (concurrency / meanOwn) * 1000, "payments/s");
  print("latency without the gateway's time, p50", percentile(sortedOwn, 0.5), "ms");
  print("latency without the gateway's time, p95", p95, `ms (target ≤ 50 ${mark(p95 <= 50)})`);
  print("latency without the gateway's time, p99", percentile(sortedOwn, 0.99), "ms");
  print("gateway time per confirmation, p50", percentile(sortedGateway, 0.5), "ms");
  print("gateway time per confirmation, p95", percentile(sortedGateway, 0.95), "ms");
  print("CPU per payment: bench (Moa's code)", ((cpu.user + cpu.system) / 1000 / n) * 1000, "µs");
  print("CPU per payment: PostgreSQL", (pgCpu / n) * 1000, "µs");
  print("CPU per payment: sandbox gateway", (sandboxCpu / n) * 1000, "µs");
  print("CPU of other processes on the machine meanwhile", (Math.max(0, othersCpu) / wallMs) * 100, "% of one core");
  print("answers", states.get("success") ?? 0, `success (${[...states].map(([s, c]) => `${s} ${c}`).join(", ")})`);
  print("gateway confirm requests / captures", stats.confirmRequests, `/ ${stats.captures}`);
  const [c] = counts;
  print("notices paid / notice.paid events / audit events", c.paid, `/ ${c.events} / ${c.audits}`);
  console.log("# the sandbox gateway runs in a child process; it, PostgreSQL and this process share the machine's 2 cores");
};

export default pay;
