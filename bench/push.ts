import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import webpush from "web-push";
import { pushPayload } from "../server/delivery/messages";
import { threadEncryptor } from "../server/providers/push/encrypt-pool";
import { createWebPushSender } from "../server/providers/push/web-push";
import { decryptPush } from "../server/sandbox/push-decrypt";
import type { RelaySubscription } from "../server/sandbox/push-relay";
import { cpuMs, postgresCpuClock, machineCpuMs, runConcurrently, startBenchProcess, timed, type Benchmark } from "./harness";

/** 10:00 in Seoul: outside quiet hours, so every push is due at once. */
const NOW = new Date("2026-11-23T01:00:00Z");
const NAME = { ko: "국세청", en: "National Tax Service", ja: "国税庁", zh: "国税厅", th: "กรมสรรพากร", vi: "Tổng cục Thuế" };
const KIND = { ko: "종합소득세 고지", en: "Income tax notice", ja: "総合所得税", zh: "综合所得税", th: "ภาษีเงินได้", vi: "Thuế thu nhập" };
/** What the worker runs with (server/delivery/send.ts): pushes in flight at once. */
const CONCURRENCY = 64;
const PUSH_TTL = 3 * 24 * 3600;

async function startPushService() {
  const { url, pid, stop } = await startBenchProcess("push-service.ts");
  const json = async (p: string, body?: unknown) => (await fetch(`${url}${p}`, body ? { method: "POST", body: JSON.stringify(body) } : {})).json();
  return {
    subscribe: async (key: string, count: number) => (await json("/subscribe", { applicationServerKey: key, count })) as RelaySubscription[],
    received: async (id: string) => (await json(`/subscriptions/${id}`)) as { count: number; messages: string[] },
    pid,
    stop,
  };
}

/**
 * `npm run bench -- push [n=100000] [perCitizen=2]`: N due notices to citizens with one device each
 * on a local push service (server/sandbox/push-relay.ts in a child process: checks the VAPID JWT and
 * the headers, keeps ciphertexts, never decrypts — as FCM or autopush). Real path, in a worker
 * process of its own: `runDueRounds` (the deliver-due task's loop) until nothing is due (claim,
 * record, encrypt, sign, POST, record outcomes). Bare loops, same devices and concurrency, no
 * database: web-push's `generateRequestDetails` + fetch, then our sender alone (as the worker's).
 */
const push: Benchmark = async ({ databaseUrl, db, args, print }) => {
  const n = Number(args[0] ?? 100_000);
  const citizens = Math.ceil(n / Number(args[1] ?? 2));
  const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:bench@moa.example" };
  const service = await startPushService();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 6 });
  // Devices sampled at the end for what the service decrypted (the rest stay in the database only).
  const sample = Array.from({ length: Math.min(200, citizens) }, (_, k) => Math.floor((k * citizens) / Math.min(200, citizens)));
  const sampled: RelaySubscription[] = [];
  const [, seedMs] = await timed(async () => {
    const agency = await db.agency.create({ data: { code: "BENCH", name: NAME } });
    const template = await db.template.create({ data: { agencyId: agency.id, kind: "bench", version: 1, name: KIND, fieldSchema: {}, messages: {} } });
    await pool.query(`INSERT INTO "Person" (id, ci, name, "updatedAt") SELECT gen_random_uuid(), rpad(g::text, 88, 'x'), 'P' || g, now() FROM generate_series(1, $1) g`, [citizens]);
    await pool.query(`INSERT INTO "Consent" (id, "personId", purpose, "termsVersion", channel) SELECT gen_random_uuid(), id, 'electronic-delivery', 'v1', 'web' FROM "Person"`);
    // In chunks of 5,000, so memory stays bounded at any N.
    for (let from = 0; from < citizens; from += 5000) {
      const devices = await service.subscribe(vapid.publicKey, Math.min(5000, citizens - from));
      for (const i of sample) if (i >= from && i < from + devices.length) sampled.push(devices[i - from]);
      await pool.query(
        `INSERT INTO "PushSubscription" (id, "personId", endpoint, p256dh, auth, label)
         SELECT gen_random_uuid(), p.id, e, k, a, 'Bench' FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(e, k, a, i) JOIN "Person" p ON p.ci = rpad((i + $4)::text, 88, 'x')`,
        [devices.map((d) => d.endpoint), devices.map((d) => d.keys.p256dh), devices.map((d) => d.keys.auth), from],
      );
    }
    await pool.query(
      `INSERT INTO "Notice" (id, "agencyId", "templateId", "recipientCi", "personId", reference, "requestHash", "recipientName", fields, "originalKo", "originalSha256", route, "nextStep", "nextStepAt", "acceptedAt", "deliveredAt")
       SELECT gen_random_uuid(), $1, $2, p.ci, p.id, 'B-' || g, $3, p.name, '{}', '-', $3, 'electronic', 'push', $4, $4, $4
       FROM generate_series(0, $5 - 1) g JOIN "Person" p ON p.ci = rpad(((g % $6) + 1)::text, 88, 'x')`,
      [agency.id, template.id, randomBytes(32).toString("hex"), NOW, n, citizens],
    );
    await pool.query("VACUUM ANALYZE");
  });

  // PostgreSQL's processes (this cluster is the benchmark's own), by pid, for their CPU time.
  const pgCpu = await postgresCpuClock(pool);
  /** Wall time and CPU time (ms) of this process, PostgreSQL and the push service over `fn`. */
  const phase = async <T>(fn: () => Promise<T>) => {
    const before = pgCpu();
    const [cpu, svc, machine] = [process.cpuUsage(), cpuMs(service.pid), machineCpuMs()];
    const [result, ms] = await timed(fn);
    const used = process.cpuUsage(cpu);
    const all = machineCpuMs() - machine;
    const db = pgCpu() - before;
    return { result, ms, worker: (used.user + used.system) / 1000, db, service: cpuMs(service.pid) - svc, all };
  };

  // The real path in a worker process of its own (bench/processes/sweep.ts): its RSS is a worker's only.
  const env = { ...process.env, DATABASE_URL: databaseUrl, SWEEP_NOW: NOW.toISOString(), VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: vapid.subject };
  // BENCH_WORKER_ARGS: node options for the worker only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_WORKER_ARGS ?? "").split(" ").filter(Boolean);
  const worker = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(import.meta.dirname, "processes/sweep.ts")], { env, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: worker.stdout! })[Symbol.asyncIterator]();
  await lines.next();
  const loadBefore = os.loadavg()[0];
  const sweep = await phase(async () => {
    worker.stdin!.write("go\n");
    return JSON.parse((await lines.next()).value as string) as { ms: number; cpuMs: number; pushes: number; rounds: number; startRss: number; peakRss: number };
  });
  const realPhase = { ...sweep, ms: sweep.result.ms, worker: sweep.result.cpuMs };
  const loadAfter = os.loadavg()[0];
  // What other work took from the 2 cores meanwhile: the machine's busy time less this benchmark's.
  const others = Math.max(0, (sweep.all - realPhase.worker - sweep.db - sweep.service - sweep.worker) / sweep.ms);
  await new Promise((resolve) => worker.once("exit", resolve).stdin!.end());

  // The same pushes without the database, one continuous lane per slot: web-push as documented
  // (generateRequestDetails + fetch), then our sender alone.
  const { rows: subs } = await pool.query<{ endpoint: string; p256dh: string; auth: string }>(
    `SELECT endpoint, p256dh, auth FROM "PushSubscription" s JOIN "Person" p ON p.id = s."personId" ORDER BY rtrim(p.ci, 'x')::int`,
  );
  const bareLoop = (send: (sub: (typeof subs)[number], payload: string, topic: string) => Promise<boolean>) =>
    phase(async () => {
      let ok = 0;
      await runConcurrently(n, CONCURRENCY, async (i) => {
        const noticeId = crypto.randomUUID();
        if (await send(subs[i % citizens], JSON.stringify(pushPayload(noticeId, "ko", NAME, KIND)), noticeId.replace(/-/g, ""))) ok++;
      });
      return ok;
    });
  const barePhase = await bareLoop(async (sub, payload, topic) => {
    const request = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: sub }, payload, { vapidDetails: vapid, TTL: PUSH_TTL, urgency: "normal", topic });
    const res = await fetch(request.endpoint, { method: "POST", headers: request.headers as Record<string, string>, body: request.body as Uint8Array<ArrayBuffer>, redirect: "manual" });
    await res.arrayBuffer();
    return res.ok;
  });
  const encrypt = threadEncryptor();
  const sender = createWebPushSender(vapid, { encrypt });
  const senderPhase = await bareLoop(async (sub, payload, topic) => (await sender(sub, { payload, ttl: PUSH_TTL, urgency: "normal", topic })).kind === "sent");

  // Each device got its notices three times: through the real path and both bare loops.
  const expected = sample.reduce((sum, i) => sum + 3 * Math.ceil((n - i) / citizens), 0);
  // The relay keeps each device's last two ciphertexts: a browser with the device's keys reads them.
  let [received, decrypted, kept] = [0, 0, 0];
  for (const sub of sampled) {
    const got = await service.received(sub.id);
    received += got.count;
    for (const m of got.messages) {
      kept++;
      const payload = JSON.parse(decryptPush(sub, Buffer.from(m, "base64url"))) as { v: number; title: string; url: string };
      if (payload.v === 1 && payload.title === NAME.ko && payload.url.startsWith("/ko/inbox/")) decrypted++;
    }
  }
  const { rows } = await pool.query<{ status: string; count: number }>(`SELECT status, count(*)::int AS count FROM "Delivery" GROUP BY status ORDER BY status`);
  await pool.end();
  await service.stop();
  await encrypt.close();

  const rate = (p: { ms: number }) => (n / p.ms) * 1000;
  const [real, bare] = [rate(realPhase), rate(barePhase)];
  const mark = (ok: boolean) => (ok ? "✓" : "✗");
  const { pushes, rounds, startRss, peakRss } = sweep.result;
  const cpu = (label: string, p: { worker: number; db: number; service: number }) =>
    print(`CPU per push, ${label}`, (p.worker / n) * 1000, `µs worker (PostgreSQL ${Math.round((p.db / n) * 1000)} µs, push service ${Math.round((p.service / n) * 1000)} µs)`);
  print("load average (1 min) before / after the real path", loadBefore, `/ ${loadAfter.toFixed(2)} (this benchmark's processes included)`);
  print("other processes during the real path", others, "cores busy on average (of 2)");
  print("notices", n);
  print("citizens, one device each", citizens);
  print("seed: subscribe devices, insert rows", seedMs / 1000, "s");
  print("deliveries", rows.reduce((a, r) => a + r.count, 0), `(${rows.map((r) => `${r.status} ${r.count}`).join(", ")})`);
  print("real path: runDueRounds until nothing is due", real, `pushes/s (${pushes} sent in ${(realPhase.ms / 1000).toFixed(1)} s, ${rounds} rounds; target ≥ 2,000 ${mark(real >= 2000)})`);
  print("bare loop: generateRequestDetails + fetch", bare, `pushes/s (${barePhase.result} accepted, ${CONCURRENCY} in flight)`);
  print("bare loop: our sender alone", rate(senderPhase), `pushes/s (${senderPhase.result} accepted)`);
  print("ratio real / bare", real / bare, `(target ≥ 0.6 ${mark(real / bare >= 0.6)})`);
  print("ratio real / our sender alone", real / rate(senderPhase));
  cpu("real path", realPhase);
  cpu("bare loop", barePhase);
  cpu("our sender alone", senderPhase);
  const own = 2000 / ((realPhase.worker + realPhase.db) / n);
  print("real path on 2 cores of its own (from worker + PostgreSQL CPU)", own, `pushes/s (target ≥ 2,000 ${mark(own >= 2000)})`);
  print("worker process peak RSS", peakRss / 1024 / 1024, `MB (${Math.round(startRss / 1024 / 1024)} MB before the first round; target ≤ 300 ${mark(peakRss <= 300 * 1024 * 1024)})`);
  print("sampled devices: messages received / expected", received / expected);
  print("sampled ciphertexts that decrypt to the expected payload", decrypted, `of ${kept}`);
  console.log("# worker, PostgreSQL and the push service (the relay: checks VAPID and headers, keeps ciphertexts) share the 2 cores");
};

export default push;
