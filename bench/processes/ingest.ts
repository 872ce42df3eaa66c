import { once } from "node:events";
import { openAsBlob } from "node:fs";
import { performance } from "node:perf_hooks";
import { createDb } from "../../server/db";

/**
 * The server side of `npm run bench -- ingest`, alone in its process so that its RSS and CPU are
 * Moa's: says "ready", waits for a line on stdin, then posts the CSV at argv[2] to the batch
 * endpoint's route handler with the agency's key at argv[3], runs the worker's ingest of it, and
 * prints its figures as one JSON line.
 */
async function main() {
  const env = process.env as Record<string, string>;
  const [file, apiKey] = process.argv.slice(2);
  const db = createDb(env.DATABASE_URL, 4);
  const { POST } = (await import("../../app/api/v1/notice-batches/route")) as { POST: (req: Request, ctx: unknown) => Promise<Response> };
  const { ingestBatch } = await import("../../server/notices/batch-ingest");
  const { getPgPool } = await import("../../server/db/pool");
  await getPgPool().query("SELECT 1");
  process.stdout.write("ready\n");
  await once(process.stdin, "data");

  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const [cpu, start, loop] = [process.cpuUsage(), performance.now(), performance.eventLoopUtilization()];
  // Pulled as the route reads it, as a network upload would be (Readable.toWeb read ahead: 36 MB of buffers at once).
  const body = (await openAsBlob(file)).stream();
  const res = await POST(
    new Request("http://bench/api/v1/notice-batches", { method: "POST", body, duplex: "half", headers: { authorization: `Bearer ${apiKey}`, "content-type": "text/csv" } } as RequestInit),
    {},
  );
  const { id } = (await res.json()) as { id: string };
  await ingestBatch(db, getPgPool(), id, { dataDir: env.DATA_DIR, ciSecret: env.CI_SECRET, clock: () => new Date() });
  const { accepted } = await db.noticeBatch.findUniqueOrThrow({ where: { id } });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // The share of the time the main thread ran JavaScript rather than waited: near 1, it is the bottleneck.
  const mainThreadBusy = performance.eventLoopUtilization(loop).utilization;
  clearInterval(sampler);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, mainThreadBusy, accepted, startRss, peakRss }) + "\n");
  // Connections stay open until stdin closes: the benchmark reads their CPU time first.
  await once(process.stdin, "end");
  await db.$disconnect();
  await getPgPool().end();
  process.exit(0);
}

void main();
