import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { runMigrations } from "graphile-worker";
import { seedDemo, demoApiKey } from "../prisma/seed/seed";
import { DEMO_TEMPLATES } from "../prisma/seed/templates";
import { rrnToCi, checkDigit } from "../server/identity/rrn";
import { MEMORY_ENV } from "../server/runtime/processes";
import { benchNodeArgs, postgresCpuClock, timed, type Benchmark } from "./harness";

const SECRET = "b".repeat(40);
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;

/** The i-th synthetic resident: a valid RRN (born 1950–1999, check digit right). */
function rrn(i: number): string {
  const yy = 50 + (i % 50);
  const mm = 1 + (Math.floor(i / 50) % 12);
  const dd = 1 + (Math.floor(i / 600) % 28);
  const serial = String(100_000 + (Math.floor(i / 16_800) % 900_000)).padStart(6, "0");
  const first12 = `${yy}${String(mm).padStart(2, "0")}${String(dd).padStart(2, "0")}${1 + (i % 2)}${serial.slice(1)}`;
  return `${first12.slice(0, 6)}-${first12.slice(6)}${checkDigit(first12)}`;
}

async function* csvRows(n: number) {
  yield "reference,template,recipient.rrn,recipient.name,fields.taxYear,fields.taxAmount,fields.dueDate,fields.taxOffice\n";
  let block = "";
  for (let i = 0; i < n; i++) {
    block += `BENCH-${i},${tax.kind},${rrn(i % 200_000)},주민${i % 1000},2025,${10_000 + (i % 90_000)},2026-11-30,종로세무서\n`;
    if (block.length > 256 * 1024) {
      yield block;
      block = "";
    }
  }
  if (block) yield block;
}

/**
 * `npm run bench -- ingest [N]`: N notices (default 1,000,000) for 200,000 seeded residents, a CSV
 * file the agency made beforehand, through the real batch endpoint (route handler, spool, worker
 * ingest), against a raw COPY of equivalent rows into the same PostgreSQL in the same run.
 */
const ingest: Benchmark = async ({ databaseUrl, db, args, print }) => {
  const n = Number(args[0] ?? 1_000_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-bench-ingest-"));
  Object.assign(process.env, { DATABASE_URL: databaseUrl, CI_SECRET: SECRET, DATA_DIR: dataDir, LOG_LEVEL: "warn" });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  await runMigrations({ pgPool: pool });
  await seedDemo(db, SECRET);

  // 200,000 enrolled residents, half of them with consent.
  const client = await pool.connect();
  const persons = Readable.from(
    (function* () {
      for (let i = 0; i < 200_000; i++) yield `${crypto.randomUUID()}\t${rrnToCi(rrn(i), SECRET)}\t주민${i}\tko\t${new Date().toISOString()}\n`;
    })(),
  );
  await new Promise<void>((resolve, reject) => {
    const s = client.query(copyFrom(`COPY "Person" (id, ci, name, locale, "updatedAt") FROM STDIN`));
    s.on("finish", resolve).on("error", reject);
    persons.pipe(s);
  });
  await client.query(`INSERT INTO "Consent" (id, "personId", purpose, "termsVersion", channel) SELECT gen_random_uuid(), id, 'electronic-delivery', '2026-11', 'bench' FROM "Person" WHERE random() < 0.5`);
  await client.query("ANALYZE");
  client.release();

  // The agency's file, made before the clock starts: generating it is the agency's work, not Moa's.
  const upload = path.join(dataDir, "upload.csv");
  await pipeline(Readable.from(csvRows(n)), createWriteStream(upload));

  // Moa's side in a process of its own (bench/processes/ingest.ts), with the worker's environment;
  // PostgreSQL's CPU from its backends.
  const child = spawn(process.execPath, [...benchNodeArgs(), "--import", "tsx", path.join(import.meta.dirname, "processes/ingest.ts"), upload, demoApiKey("live", "NTS")], {
    env: { ...MEMORY_ENV, ...process.env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  if ((await lines.next()).value !== "ready") throw new Error("the ingest process did not start");
  const pgCpu = await postgresCpuClock(pool);
  const before = pgCpu();
  child.stdin!.write("go\n");
  const figures = JSON.parse((await lines.next()).value as string) as { ms: number; cpuMs: number; mainThreadBusy: number; accepted: number; startRss: number; peakRss: number };
  const pgCpuMs = pgCpu() - before;
  await new Promise((resolve) => child.once("exit", resolve).stdin!.end());
  const { accepted, ms } = figures;

  // The very rows the pipeline stored, exported to a file and loaded back with a raw COPY into a
  // table of the same shape and indexes: the floor no ingest path can beat. Binary, as Moa sends
  // them (PostgreSQL reads COPY text ≈ 30 % slower).
  const exportFile = path.join(dataDir, "notices.copy");
  const c = await pool.connect();
  await pipeline(c.query(copyTo(`COPY "Notice" TO STDOUT (FORMAT binary)`)), createWriteStream(exportFile));
  await c.query(`CREATE TABLE notice_copy (LIKE "Notice" INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const [, copyMs] = await timed(() => pipeline(createReadStream(exportFile, { highWaterMark: 256 * 1024 }), c.query(copyFrom(`COPY notice_copy FROM STDIN (FORMAT binary)`))));
  c.release();
  await pool.end();
  rmSync(dataDir, { recursive: true, force: true });
  print("notices sent", n, "rows");
  print("accepted", accepted, "rows");
  print("ingest", (n / ms) * 1000, "rows/s");
  print("ingest time", ms / 1000, "s");
  print("CPU per row: Moa", (figures.cpuMs / n) * 1000, "µs");
  print("CPU per row: PostgreSQL", (pgCpuMs / n) * 1000, "µs");
  print("Moa's main thread busy", figures.mainThreadBusy * 100, "%");
  print("peak RSS of Moa's process", figures.peakRss / 1024 / 1024, "MB");
  print("RSS of Moa's process before the upload", figures.startRss / 1024 / 1024, "MB");
  print("raw COPY (binary) of the same rows", (accepted / copyMs) * 1000, "rows/s");
  print("ratio to raw COPY", copyMs / ms);
};

export default ingest;
