import pg from "pg";
import { appendAudit } from "../server/audit/chain";
import { runConcurrently, timed, type Benchmark } from "./harness";

/**
 * Audit appends per second through the hash chain (one transaction and chain lock each), against
 * plain single-row INSERTs of the same shape in the same run: the price of tamper evidence.
 */
const audit: Benchmark = async ({ db, databaseUrl, args, print }) => {
  const n = Number(args[0] ?? 2000);
  const concurrency = 8;
  const [, chainMs] = await timed(() =>
    runConcurrently(n, concurrency, (i) => appendAudit(db, { actorType: "system", action: "bench.event", targetType: "bench", targetId: String(i) })),
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  const [, rawMs] = await timed(() =>
    runConcurrently(n, concurrency, (i) =>
      pool.query(
        `INSERT INTO "AuditEvent" ("actorType", action, "targetType", "targetId", "prevHash", hash) VALUES ('system', 'bench.raw', 'bench', $1, $2, md5($1) || md5($1 || 'x'))`,
        [String(i), "0".repeat(64)],
      ),
    ),
  );
  await pool.end();
  print("audit events", n, "events");
  print("chained appends", (n / chainMs) * 1000, "events/s");
  print("plain inserts", (n / rawMs) * 1000, "rows/s");
  print("ratio to plain insert", rawMs / chainMs);
};

export default audit;
