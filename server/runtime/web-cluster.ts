import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { readEnv } from "../env";
import { logger } from "../logger";

/** One per core, at most four, unless WEB_PROCESSES (checked by env.ts) says. */
export function webProcessCount(env: Record<string, string | undefined> = process.env, cores = os.availableParallelism()): number {
  return readEnv(env).WEB_PROCESSES ?? Math.min(cores, 4);
}

/** Crashes in this window beyond this many stop the web side instead of restarting forever. */
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 5;

/**
 * The primary of `count` web processes (each running `exec`) sharing one port: one JavaScript thread
 * serves only one core, and a page render (≈ 35 ms of CPU) would hold up every request queued
 * behind it. A process that dies unasked is replaced; SIGTERM or SIGINT stops them all, then this
 * one. A worker exits by itself if this process dies (node:cluster).
 */
export function runWebCluster(count: number, exec: string): void {
  cluster.setupPrimary({ exec });
  let stopping = false;
  const crashes: number[] = [];
  const fork = (): Worker => cluster.fork().on("exit", (code, signal) => {
    if (stopping) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes[0] < now - CRASH_WINDOW_MS) crashes.shift();
    logger.error({ code, signal, crashes: crashes.length }, "web process exited; starting another");
    if (crashes.length > MAX_CRASHES) {
      logger.fatal({ crashes: crashes.length }, "web processes keep failing");
      stop(1);
      return;
    }
    setTimeout(fork, 1000).unref();
  });
  const stop = (exitCode: number) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    if (workers.length === 0) process.exit(exitCode);
    let left = workers.length;
    for (const w of workers) {
      w.once("exit", () => --left === 0 && process.exit(exitCode));
      w.process.kill("SIGTERM");
    }
  };
  for (let i = 0; i < count; i++) fork();
  process.once("SIGTERM", () => stop(0));
  process.once("SIGINT", () => stop(0));
}
