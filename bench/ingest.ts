import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
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
import { timed, type Benchmark } from "./harness";

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
 * `npm run bench -- ingest [N]`: N notices (default 1,000,000) for 200,000 seeded residents,
 * through the real batch endpoint (route handler, spool, worker ingest), against a raw COPY of
 * equivalent rows into the same PostgreSQL in the same run.
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

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const { POST } = (await import("../app/api/v1/notice-batches/route")) as { POST: (req: Request, ctx: unknown) => Promise<Response> };
  const { ingestBatch } = await import("../server/notices/batches");
  const { getPgPool } = await import("../server/db/pool");
  const [accepted, ms] = await timed(async () => {
    const body = Readable.toWeb(Readable.from(csvRows(n))) as ReadableStream<Uint8Array>;
    const res = await POST(
      new Request("http://bench/api/v1/notice-batches", { method: "POST", body, duplex: "half", headers: { authorization: `Bearer ${demoApiKey("live", "NTS")}`, "content-type": "text/csv" } } as RequestInit),
      {},
    );
    const { id } = (await res.json()) as { id: string };
    await ingestBatch(db, getPgPool(), id, { dataDir, ciSecret: SECRET, clock: () => new Date() });
    return (await db.noticeBatch.findUniqueOrThrow({ where: { id } })).accepted;
  });
  clearInterval(sampler);

  // The very rows the pipeline stored, exported to a file and loaded back with a raw COPY into a
  // table of the same shape and indexes: the floor no ingest path can beat.
  const exportFile = path.join(dataDir, "notices.copy");
  const c = await pool.connect();
  await pipeline(c.query(copyTo(`COPY "Notice" TO STDOUT`)), createWriteStream(exportFile));
  await c.query(`CREATE TABLE notice_copy (LIKE "Notice" INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const [, copyMs] = await timed(() => pipeline(createReadStream(exportFile, { highWaterMark: 256 * 1024 }), c.query(copyFrom(`COPY notice_copy FROM STDIN`))));
  c.release();
  await pool.end();
  rmSync(dataDir, { recursive: true, force: true });
  print("notices sent", n, "rows");
  print("accepted", accepted, "rows");
  print("ingest", (n / ms) * 1000, "rows/s");
  print("ingest time", ms / 1000, "s");
  print("peak RSS", peakRss / 1024 / 1024, "MB");
  print("raw COPY of the same rows", (accepted / copyMs) * 1000, "rows/s");
  print("ratio to raw COPY", copyMs / ms);
};

export default ingest;
