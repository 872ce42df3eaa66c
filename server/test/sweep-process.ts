import pg from "pg";
import { threadEncryptor } from "../providers/push/encrypt-pool";
import { createWebPushSender } from "../providers/push/web-push";
import { markAbandoned } from "../delivery/send";
import { runDueRounds } from "../delivery/sweep";

/**
 * A worker stand-in for the crash test (server/delivery/crash.test.ts): sweeps due steps at the
 * clock given in SWEEP_NOW as the worker does (overlapping rounds, encryption on a thread) until none is left, so the test can SIGKILL it mid-way and start another.
 */
async function main() {
  const now = new Date(process.env.SWEEP_NOW!);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const push = createWebPushSender({ publicKey: process.env.VAPID_PUBLIC_KEY!, privateKey: process.env.VAPID_PRIVATE_KEY!, subject: "mailto:test@moa.example" }, { encrypt: threadEncryptor() });
  const deps = { pool, push, sms: null, publicUrl: "https://moa.example.kr", linkSecret: "crash-test-link-secret-0123456789", concurrency: 32 };
  const abandoned = await markAbandoned(pool, now);
  const { pushes } = await runDueRounds(deps, () => now, () => true, 200);
  process.stdout.write(JSON.stringify({ abandoned, pushes }) + "\n");
  await pool.end();
}

void main();
