import { run } from "graphile-worker";
import pg from "pg";
import { getDb } from "../db";
import { createDeliveryDeps } from "../delivery/runtime";
import type { DeliveryDeps } from "../delivery/send";
import { logger } from "../logger";
import { beat, HEARTBEAT_INTERVAL_MS } from "./heartbeat";
import { CRONTAB, taskList } from "./schedule";

/** The background worker process: graphile-worker on Moa's PostgreSQL, plus a heartbeat. */
async function main() {
  const db = getDb();
  const log = logger.child({ process: "worker" });
  // Our own pool, so a connection dropped by a restarting database is logged, not fatal.
  const pgPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const lost = (error: Error) => log.warn({ err: error.message }, "database connection lost");
  pgPool.on("error", lost);
  pgPool.on("connect", (client) => client.on("error", lost));
  let delivery: DeliveryDeps | undefined;
  const runner = await run({
    pgPool,
    concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: taskList({ db, clock: () => new Date(), log, delivery: () => (delivery ??= createDeliveryDeps(pgPool, process.env, log)) }),
    crontab: CRONTAB,
  });
  const tick = () => beat(db, "worker", new Date()).catch((e) => log.error({ err: e }, "heartbeat failed"));
  await tick();
  const timer = setInterval(tick, HEARTBEAT_INTERVAL_MS);
  log.info("worker started");

  let stopping = false;
  const stop = async () => {
    // Ctrl-C reaches us both from the terminal (SIGINT) and from `npm start` (SIGTERM).
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    await runner.stop();
    await delivery?.sms?.close().catch(() => {});
    await pgPool.end().catch(() => {});
    await db.processHeartbeat.deleteMany({ where: { name: "worker", pid: process.pid } }).catch(() => {});
    await db.$disconnect();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  await runner.promise;
}

main().catch((error) => {
  logger.fatal({ err: error }, "worker failed");
  process.exit(1);
});
