import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../server/db";
import { migrate } from "../server/db/migrate";
import { startEmbeddedPostgres } from "../server/runtime/postgres";
import { formatFigure, timed, type Benchmark } from "./harness";
import { benchBatchReader } from "./batch-reader";
import { benchRender } from "./render";

/** Benchmarks that need no database: run without starting PostgreSQL. */
const STANDALONE: Record<string, () => Promise<void>> = { render: benchRender, "batch-reader": benchBatchReader };

/** `npm run bench -- <name> [args]`: one benchmark from bench/, on a fresh embedded PostgreSQL. */
async function main() {
  const [name, ...args] = process.argv.slice(2);
  const available = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith(".ts") && !["run.ts", "harness.ts"].includes(f) && !f.endsWith(".test.ts"))
    .map((f) => f.replace(/\.ts$/, ""));
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run bench -- <name> [args]\nbenchmarks: ${available.join(", ")}`);
    process.exit(name ? 1 : 0);
  }
  if (Object.hasOwn(STANDALONE, name)) {
    console.log(`# ${name} on ${os.cpus().length} cores, no database`);
    return STANDALONE[name]();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "moa-bench-"));
  chmodSync(dir, 0o755);
  const database = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), password: "bench" });
  const db = createDb(database.url, 10);
  try {
    const [, ms] = await timed(() => migrate(database.url));
    console.log(`# ${name} on ${os.cpus().length} cores, PostgreSQL embedded (migrated in ${Math.round(ms)} ms)`);
    const run: Benchmark = (await import(`./${name}.ts`)).default;
    await run({ databaseUrl: database.url, db, args, print: (f, v, u) => console.log(formatFigure(f, v, u)) });
  } catch (error) {
    // Printed before PostgreSQL stops: a pool the benchmark left open then fails loudly on its own.
    console.error(error);
    process.exit(1);
  } finally {
    await db.$disconnect();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
