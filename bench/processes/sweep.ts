import { once } from "node:events";
import pg from "pg";
import { runDueRounds } from "../../server/delivery/sweep";
import { threadEncryptor } from "../../server/providers/push/encrypt-pool";
import { createWebPushSender } from "../../server/providers/push/web-push";

/**
 * The worker side of `npm run bench -- push`, alone in its process so that its RSS and CPU are a
 * worker's: says "ready", waits for a line on stdin, then sweeps due steps at SWEEP_NOW with the
 * worker's defaults (`runDueRounds`, as the deliver-due task) until none is left, and prints its figures as one JSON line.
 */
async function main() {
  const env = process.env as Record<string, string>;
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 6 });
  // As the worker's (server/delivery/runtime.ts): encryption on a thread of its own.
  const push = createWebPushSender({ publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT }, { encrypt: threadEncryptor() });
  const deps = { pool, push, sms: null, publicUrl: "https://moa.example.kr", linkSecret: "bench-link-secret-0123456789abcdef" };
  const now = new Date(env.SWEEP_NOW);
  await pool.query("SELECT 1");
  process.stdout.write("ready\n");
  await once(process.stdin, "data");

  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const [cpu, start] = [process.cpuUsage(), performance.now()];
  const { pushes, rounds } = await runDueRounds(deps, () => now);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, pushes, rounds, startRss, peakRss }) + "\n");
  // Connections stay open until stdin closes: the benchmark reads their CPU time first.
  await once(process.stdin, "end");
  await pool.end();
  process.exit(0);
}

void main();
