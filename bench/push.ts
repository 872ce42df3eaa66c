import { spawn } from "node:child_process";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import webpush from "web-push";
import { runDueSteps } from "../server/delivery/sweep";
import { pushPayload } from "../server/delivery/messages";
import { createWebPushSender } from "../server/providers/push/web-push";
import type { TestSubscription } from "../server/sandbox/push-service";
import { runConcurrently, timed, type Benchmark } from "./harness";

/** 10:00 in Seoul: outside quiet hours, so every push is due at once. */
const NOW = new Date("2026-11-23T01:00:00Z");
const NAME = { ko: "국세청", en: "National Tax Service", ja: "国税庁", zh: "国税厅", th: "กรมสรรพากร", vi: "Tổng cục Thuế" };
const KIND = { ko: "종합소득세 고지", en: "Income tax notice", ja: "総合所得税", zh: "综合所得税", th: "ภาษีเงินได้", vi: "Thuế thu nhập" };
/** What the worker runs with (server/delivery/send.ts): pushes in flight at once. */
const CONCURRENCY = 64;
const CLOCK_TICKS = 100;

/** CPU time a process has used so far, in ms (Linux; 0 once it has exited). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

async function startPushService() {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "processes/push-service.ts")], { stdio: ["pipe", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { url } = JSON.parse(line) as { url: string };
  const post = async (p: string, body: unknown) => ((await (await fetch(`${url}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as { data: unknown }).data;
  return {
    subscribe: async (key: string) => (await post("/subscribe", { applicationServerKey: key })) as TestSubscription,
    received: async (clientHash: string) => ((await post("/get-notifications", { clientHash })) as { messages: string[] }).messages.length,
    pid: child.pid!,
    stop: () => new Promise((resolve) => child.once("exit", resolve).stdin!.end()),
  };
}

/**
 * `npm run bench -- push [n=100000] [perCitizen=2]`: N due notices to citizens with one device each
 * on a local push service (web-push-testing in a child process: checks the VAPID JWT, decrypts and
 * keeps every message). Real path: `runDueSteps` rounds until nothing is due (claim, record, encrypt,
 * sign, POST, record outcomes); bare loop: `generateRequestDetails` + fetch to the same devices, no database.
 */
const push: Benchmark = async ({ databaseUrl, db, args, print }) => {
  const n = Number(args[0] ?? 100_000);
  const citizens = Math.ceil(n / Number(args[1] ?? 2));
  const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:bench@moa.example" };
  const service = await startPushService();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 6 });
  const devices: TestSubscription[] = new Array(citizens);
  const [, seedMs] = await timed(async () => {
    await runConcurrently(citizens, 16, async (i) => void (devices[i] = await service.subscribe(vapid.publicKey)));
    const agency = await db.agency.create({ data: { code: "BENCH", name: NAME } });
    const template = await db.template.create({ data: { agencyId: agency.id, kind: "bench", version: 1, name: KIND, fieldSchema: {}, messages: {} } });
    await pool.query(`INSERT INTO "Person" (id, ci, name, "updatedAt") SELECT gen_random_uuid(), rpad(g::text, 88, 'x'), 'P' || g, now() FROM generate_series(1, $1) g`, [citizens]);
    await pool.query(`INSERT INTO "Consent" (id, "personId", purpose, "termsVersion", channel) SELECT gen_random_uuid(), id, 'electronic-delivery', 'v1', 'web' FROM "Person"`);
    await pool.query(
      `INSERT INTO "PushSubscription" (id, "personId", endpoint, p256dh, auth, label)
       SELECT gen_random_uuid(), p.id, e, k, a, 'Bench' FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(e, k, a, i) JOIN "Person" p ON p.ci = rpad(i::text, 88, 'x')`,
      [devices.map((d) => d.endpoint), devices.map((d) => d.keys.p256dh), devices.map((d) => d.keys.auth)],
    );
    await pool.query(
      `INSERT INTO "Notice" (id, "agencyId", "templateId", "recipientCi", "personId", reference, "requestHash", "recipientName", fields, "originalKo", "originalSha256", route, "nextStep", "nextStepAt", "acceptedAt", "deliveredAt")
       SELECT gen_random_uuid(), $1, $2, p.ci, p.id, 'B-' || g, $3, p.name, '{}', '-', $3, 'electronic', 'push', $4, $4, $4
       FROM generate_series(0, $5 - 1) g JOIN "Person" p ON p.ci = rpad(((g % $6) + 1)::text, 88, 'x')`,
      [agency.id, template.id, randomBytes(32).toString("hex"), NOW, n, citizens],
    );
    await pool.query("VACUUM ANALYZE");
  });

  // PostgreSQL's processes (this cluster is the benchmark's own), by pid, for their CPU time.
  const pgPids = async () => (await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity`)).rows.map((r) => r.pid);
  /** Wall time and CPU time (ms) of the worker (this process), PostgreSQL and the push service over `fn`. */
  const phase = async (fn: () => Promise<unknown>) => {
    const before = new Map((await pgPids()).map((pid) => [pid, cpuMs(pid)]));
    const [cpu, svc] = [process.cpuUsage(), cpuMs(service.pid)];
    const [, ms] = await timed(fn);
    const used = process.cpuUsage(cpu);
    const db = (await pgPids()).reduce((sum, pid) => sum + cpuMs(pid) - (before.get(pid) ?? 0), 0);
    return { ms, worker: (used.user + used.system) / 1000, db, service: cpuMs(service.pid) - svc };
  };
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const deps = { pool, push: createWebPushSender(vapid), sms: null, publicUrl: "https://moa.example.kr", linkSecret: "bench-link-secret-0123456789abcdef" };
  let pushes = 0;
  let rounds = 0;
  const realPhase = await phase(async () => {
    for (let round = await runDueSteps(deps, NOW); round.claimed > 0; round = await runDueSteps(deps, NOW)) {
      pushes += round.pushes;
      rounds++;
    }
  });
  clearInterval(sampler);

  // The same pushes, as bare as sending them gets: no database, one continuous lane per slot.
  let bareOk = 0;
  const barePhase = await phase(() =>
    runConcurrently(n, CONCURRENCY, async (i) => {
      const d = devices[i % citizens];
      const noticeId = crypto.randomUUID();
      const payload = JSON.stringify(pushPayload(noticeId, "ko", NAME, KIND));
      const request = webpush.generateRequestDetails(d, payload, { vapidDetails: vapid, TTL: 3 * 24 * 3600, urgency: "normal", topic: noticeId.replace(/-/g, "") });
      const res = await fetch(request.endpoint, { method: "POST", headers: request.headers as Record<string, string>, body: request.body as Uint8Array<ArrayBuffer>, redirect: "manual" });
      await res.arrayBuffer();
      if (res.ok) bareOk++;
    }),
  );

  // Each device got its notices twice: once through the real path, once through the bare loop.
  const sample = Array.from({ length: Math.min(200, citizens) }, (_, k) => Math.floor((k * citizens) / Math.min(200, citizens)));
  const expected = sample.reduce((sum, i) => sum + 2 * Math.ceil((n - i) / citizens), 0);
  const received = (await Promise.all(sample.map((i) => service.received(devices[i].clientHash)))).reduce((a, b) => a + b, 0);
  const { rows } = await pool.query<{ status: string; count: number }>(`SELECT status, count(*)::int AS count FROM "Delivery" GROUP BY status ORDER BY status`);
  await pool.end();
  await service.stop();

  const real = (n / realPhase.ms) * 1000;
  const bare = (n / barePhase.ms) * 1000;
  const perPush = (p: typeof realPhase) => `µs (PostgreSQL ${Math.round((p.db / n) * 1000)} µs, push service ${Math.round((p.service / n) * 1000)} µs)`;
  const mark = (ok: boolean) => (ok ? "✓" : "✗");
  print("notices", n);
  print("citizens (one device each)", citizens);
  print("seed (subscribe devices, insert rows)", seedMs / 1000, "s");
  print("deliveries", rows.reduce((a, r) => a + r.count, 0), `rows (${rows.map((r) => `${r.status} ${r.count}`).join(", ")})`);
  print("pushes sent by the real path", pushes, `in ${rounds} rounds`);
  print("real path", real, `pushes/s (target ≥ 2,000 ${mark(real >= 2000)})`);
  print("real path time", realPhase.ms / 1000, "s");
  print("real path worker CPU per push", (realPhase.worker / n) * 1000, perPush(realPhase));
  const ours = (realPhase.worker + realPhase.db) / n;
  print("real path on 2 cores of its own (worker + PostgreSQL CPU only)", 2000 / ours, `pushes/s (target ≥ 2,000 ${mark(2000 / ours >= 2000)})`);
  print("bare loop", bare, `pushes/s (${bareOk} accepted, ${CONCURRENCY} in flight)`);
  print("bare loop CPU per push", (barePhase.worker / n) * 1000, perPush(barePhase));
  print("ratio real / bare", real / bare, `(target ≥ 0.6 ${mark(real / bare >= 0.6)})`);
  print("worker peak RSS", peakRss / 1024 / 1024, `MB (target ≤ 300 ${mark(peakRss <= 300 * 1024 * 1024)})`);
  print("sampled devices: messages decrypted / expected", received / expected);
  console.log("# the push service (web-push-testing: checks each JWT, decrypts each message) runs in a child process on the same 2 cores");
};

export default push;
