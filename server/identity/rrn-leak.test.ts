import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import pg from "pg";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { seedDemo } from "../../prisma/seed/seed";
import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import type { AgencyCaller } from "../agencies/api-keys";
import { ingestBatch } from "../notices/batch-ingest";
import { receiveBatch } from "../notices/batches";
import { submitNotice } from "../notices/submit";
import { logger } from "../logger";
import { checkRrn } from "./rrn";

/**
 * The RRN is converted to CI on arrival and dropped: after seeding, single notices, CSV (CP949)
 * and JSON Lines batches with good and bad numbers, no RRN-shaped string is anywhere in the
 * database (every row of every table, as text), in the server log, or in what the process logged.
 * pg_dump is not used: Debian's client (15) refuses to dump the embedded server (18).
 */
const SECRET = "r".repeat(40);
const RRN_SHAPE = /(?<![\w-])\d{6}-?[0-9]\d{6}(?![\w-])/g;
const tax = DEMO_TEMPLATES.find((x) => x.kind === "national-income-tax")!;
/** Two invalid numbers, and one valid but for the legacy check digit (accepted). */
const BAD_RRNS = ["900230-1234567", "801399-2234567", "9005201234560"];
const INVALID = BAD_RRNS.filter((r) => !checkRrn(r).ok);

let t: TestDatabase;
let pool: pg.Pool;
let dataDir: string;
const logged: string[] = [];
const restore: (() => void)[] = [];

function capture(stream: NodeJS.WriteStream) {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
  restore.push(() => (stream.write = original));
}

beforeAll(async () => {
  capture(process.stdout);
  capture(process.stderr);
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-leak-"));
  await runMigrations({ pgPool: pool });
  await seedDemo(t.db, SECRET);
});
afterAll(async () => {
  restore.forEach((r) => r());
  await pool?.end();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("RRN leakage", () => {
  it("leaves no RRN in the database, the PostgreSQL log or the process's logs after ingest", async () => {
    const agency = await t.db.agency.findUniqueOrThrow({ where: { code: "NTS" } });
    const caller: AgencyCaller = { agencyId: agency.id, agencyCode: "NTS", keyId: "k", kind: "live" };
    const now = new Date();
    let n = 0;
    for (const rrn of [...DEMO_CITIZENS.map((c) => c.rrn), ...BAD_RRNS]) {
      const result = await submitNotice(pool, caller, { reference: `L-${n++}`, template: tax.kind, recipient: { rrn, name: "Leak Test" }, fields: tax.example }, SECRET, now);
      logger.info({ result }, "notice submitted");
    }
    // An RRN where none belongs (a reference made from it, shifted columns) refuses the notice.
    const someone = DEMO_CITIZENS[0].rrn;
    for (const input of [
      { reference: someone.replace("-", ""), template: tax.kind, recipient: { rrn: someone, name: "Leak Test" }, fields: tax.example },
      { reference: "L-name", template: tax.kind, recipient: { rrn: someone, name: someone }, fields: tax.example },
      { reference: "L-address", template: tax.kind, recipient: { rrn: someone, name: "Leak Test", postalAddress: `서울 ${someone}` }, fields: tax.example },
    ]) {
      const result = await submitNotice(pool, caller, input, SECRET, now);
      logger.info({ result }, "notice submitted");
    }
    const header = "reference,template,recipient.rrn,recipient.name,fields.taxYear,fields.taxAmount,fields.dueDate,fields.taxOffice";
    const csvRows = [...DEMO_CITIZENS.map((c) => c.rrn), ...BAD_RRNS].map((rrn, i) => `C-${i},${tax.kind},${rrn},홍길동,2025,1000,2026-11-30,종로세무서`);
    csvRows.push(`${someone.replace("-", "")},${tax.kind},${someone},홍길동,2025,1000,2026-11-30,종로세무서`, `C-name,${tax.kind},${someone},${someone},2025,1000,2026-11-30,종로세무서`);
    const jsonl = [...DEMO_CITIZENS.map((c) => c.rrn), ...BAD_RRNS]
      .map((rrn, i) => JSON.stringify({ reference: `J-${i}`, template: tax.kind, recipient: { rrn, name: "Hong" }, fields: tax.example }))
      .concat(JSON.stringify({ reference: someone, template: tax.kind, recipient: { rrn: someone, name: "Hong" }, fields: tax.example }))
      .concat(JSON.stringify({ reference: "J-name", template: tax.kind, recipient: { rrn: someone, name: `Hong ${someone}` }, fields: tax.example }))
      .join("\n");
    for (const [bytes, format] of [
      [iconv.encode([header, ...csvRows].join("\n"), "cp949"), "csv"],
      [Buffer.from(jsonl), "jsonl"],
      // A column named with an RRN: reported, and kept, masked.
      [Buffer.from(`${header},fields.${someone}\nH-0,${tax.kind},${someone},홍길동,2025,1000,2026-11-30,종로세무서,x`), "csv"],
    ] as const) {
      const received = await receiveBatch(t.db, pool, caller, { body: new Blob([new Uint8Array(bytes)]).stream(), format, encoding: null }, dataDir);
      if (!received.ok) throw new Error("upload refused");
      await ingestBatch(t.db, pool, received.id, { dataDir, ciSecret: SECRET, clock: () => new Date() });
      logger.info({ batch: await t.db.noticeBatch.findUnique({ where: { id: received.id } }) }, "batch done");
    }
    expect(INVALID).toHaveLength(2);
    expect(await t.db.notice.count()).toBe(3 * (DEMO_CITIZENS.length + BAD_RRNS.length - INVALID.length));
    expect(await t.db.noticeBatchError.count()).toBe(2 * INVALID.length + 2 + 2 + 1);
    expect(await t.db.noticeBatchError.count({ where: { reason: "contains_rrn" } })).toBe(4);
    expect(await t.db.noticeBatchError.count({ where: { column: "fields.**************" } })).toBe(1);

    // Every row of every table, as text.
    const { rows: tables } = await pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 'ratelimit', 'graphile_worker', 'graphile_worker_private') AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(15);
    let dump = "";
    for (const table of tables) {
      const { rows } = await pool.query<{ row: string }>(`SELECT to_jsonb(x)::text AS row FROM "${table.schema}"."${table.name}" x`);
      dump += rows.map((r) => r.row).join("\n");
    }
    const { rows: dirs } = await pool.query<{ data_directory: string }>("SHOW data_directory");
    const pgLog = path.join(path.dirname(dirs[0].data_directory), "postgres.log");
    const serverLog = existsSync(pgLog) ? readFileSync(pgLog, "utf8") : "";
    const processLog = logged.join("");

    for (const [where, text] of [["database", dump], ["PostgreSQL log", serverLog], ["process log", processLog]] as const) {
      expect(text.match(RRN_SHAPE) ?? [], where).toEqual([]);
      for (const rrn of [...DEMO_CITIZENS.map((c) => c.rrn), ...BAD_RRNS]) expect(text.includes(rrn.replace("-", "")) || text.includes(rrn), `${where}: ${rrn.slice(0, 2)}…`).toBe(false);
    }
    expect(dump).toContain("invalid_rrn");
    expect(readdirSync(path.join(dataDir, "batches"))).toEqual([]);
  });
});
