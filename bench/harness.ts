import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Db } from "../server/db";

export interface BenchContext {
  /** A fresh, migrated database for this run only. */
  databaseUrl: string;
  db: Db;
  args: string[];
  /** Prints one figure as `<figure>: <value> <unit>`. */
  print(figure: string, value: number, unit?: string): void;
}

export type Benchmark = (ctx: BenchContext) => Promise<void>;

export function formatFigure(figure: string, value: number, unit = ""): string {
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 1 ? 1 : 2;
  const text = value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `${figure}: ${text}${unit ? ` ${unit}` : ""}`;
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

/** Runs `fn(i)` for i in 0..n-1 with at most `concurrency` calls in flight. */
export async function runConcurrently(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

const CLOCK_TICKS = 100;

/** /proc/<pid>/stat's fields after the command name (state first), or null once it has exited. */
function statFields(pid: number | string): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  } catch {
    return null;
  }
}

/** CPU time a process has used so far, in ms (Linux /proc; 0 once it has exited). */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS : 0;
}

/** CPU time of a process and its children (a web primary's cluster workers), in ms. */
export function processTreeCpuMs(pid: number): number {
  let ms = cpuMs(pid);
  for (const entry of readdirSync("/proc")) {
    if (/^\d+$/.test(entry) && Number(statFields(entry)?.[1]) === pid) ms += cpuMs(Number(entry));
  }
  return ms;
}

/**
 * A clock of the CPU time of a whole PostgreSQL cluster, in ms: the postmaster, every process it
 * runs (backends, WAL writer, checkpointer, autovacuum) and those that have exited, whose time the
 * postmaster's counters take over when it reaps them. Counting the backends in pg_stat_activity
 * missed connections that closed before the end.
 */
export async function postgresCpuClock(pool: { query: (sql: string) => Promise<{ rows: { pid: number }[] }> }): Promise<() => number> {
  const { rows } = await pool.query("SELECT pg_backend_pid() AS pid");
  const postmaster = Number(statFields(rows[0].pid)?.[1]);
  return () => {
    const fields = statFields(postmaster);
    const reaped = fields ? ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS : 0;
    return processTreeCpuMs(postmaster) + reaped;
  };
}

/** CPU time all processes of the machine have used so far (busy time from /proc/stat), in ms. */
export function machineCpuMs(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS;
}

/** Extra node flags for the bench's own processes, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
export function benchNodeArgs(): string[] {
  return process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
}

/**
 * Starts bench/processes/<script> in its own process (so its CPU is measured apart) and waits for
 * the JSON line with its `url`; closing its stdin stops it.
 */
export async function startBenchProcess(script: string, args: string[] = []) {
  const child = spawn(process.execPath, [...benchNodeArgs(), "--import", "tsx", path.join(import.meta.dirname, "processes", script), ...args], { stdio: ["pipe", "pipe", "inherit"] });
  // Lines before it (Next's banner) are skipped; the stream is read to its end.
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => line.startsWith('{"url"') && resolve((JSON.parse(line) as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`bench/processes/${script} exited with ${code}`)));
  });
  return { url, pid: child.pid!, stop: () => new Promise((resolve) => child.once("exit", resolve).stdin!.end()) };
}
