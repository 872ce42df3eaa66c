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
