import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../db/transaction";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { appendAudit, appendAuditIn, eventHash, GENESIS_HASH } from "./chain";
import { verifyChain } from "./verify";

const T0 = Date.parse("2026-11-23T01:00:00.123Z");
const at = (i: number) => new Date(T0 + i * 60_000);

function runScript(env: Record<string, string | undefined>) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../../scripts/audit-verify.ts")], {
    env: { ...inherited, ...env },
    encoding: "utf8",
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}`.trim() };
}

describe("audit chain verification", () => {
  let t: TestDatabase;
  let pool: pg.Pool;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await createTestDatabase();
    pool = new pg.Pool({ connectionString: t.url, max: 2 });
    for (let i = 0; i < 6; i++) {
      await appendAudit(t.db, { actorType: "staff", actorId: `s${i}`, onBehalfOf: "p1", action: "test.read", detail: { i, name: "김민준", nested: { b: [1, 2.5], a: null } } }, at(i));
    }
    // A rolled-back append leaves an id unused: not a break.
    await inTransaction(pool, async (client) => {
      await appendAuditIn(client, [{ actorType: "system", action: "test.lost" }], at(6));
      throw new Error("rolled back");
    }).catch(() => undefined);
    await inTransaction(pool, (client) => appendAuditIn(client, [
      { actorType: "system", action: "test.batch", detail: null },
      { actorType: "agency", actorId: "a1", action: "test.batch", targetType: "Notice", targetId: "n1", detail: { z: 1, y: "ข" } },
    ], at(7)));
    for (let i = 8; i < 12; i++) await appendAudit(t.db, { actorType: "citizen", actorId: "p1", action: "test.self" }, at(i));
    const { rows } = await pool.query<{ id: string }>(`SELECT id::text FROM "AuditEvent" ORDER BY "AuditEvent".id`);
    ids.push(...rows.map((r) => r.id));
  });
  afterAll(async () => {
    await pool.end();
    await t.drop();
  });

  it("finds a whole chain whole, across batches and skipped ids", async () => {
    expect(ids).toHaveLength(12);
    expect(await verifyChain(pool, { batch: 5 })).toEqual({ whole: true, events: 12 });
    expect(await verifyChain(pool)).toEqual({ whole: true, events: 12 });
  });

  it("stops at exactly the event whose detail was edited", async () => {
    const edited = ids[4];
    const { rows } = await pool.query<{ detail: unknown }>(`SELECT detail FROM "AuditEvent" WHERE id = $1`, [edited]);
    await pool.query(`UPDATE "AuditEvent" SET detail = jsonb_set(detail, '{i}', '40') WHERE id = $1`, [edited]);
    expect(await verifyChain(pool, { batch: 3 })).toEqual({ whole: false, firstBroken: { id: edited, at: at(4), reason: "hash-mismatch" }, checked: 5 });
    await pool.query(`UPDATE "AuditEvent" SET detail = $2 WHERE id = $1`, [edited, JSON.stringify(rows[0].detail)]);
    expect(await verifyChain(pool, { batch: 3 })).toEqual({ whole: true, events: 12 });
  });

  it("stops at the event after a deleted one; the script says so with exit 1, and exit 0 once it is back", async () => {
    const { rows } = await pool.query(`DELETE FROM "AuditEvent" WHERE id = $1 RETURNING *`, [ids[8]]);
    const next = ids[9];
    expect(await verifyChain(pool, { batch: 4 })).toEqual({ whole: false, firstBroken: { id: next, at: at(9), reason: "gap" }, checked: 9 });
    expect(runScript({ DATABASE_URL: t.url })).toEqual({ code: 1, out: `Audit chain broken at event ${next} (${at(9).toISOString()}): gap; 9 events checked` });

    const r = rows[0];
    await pool.query(
      `INSERT INTO "AuditEvent" (id, at, "actorType", "actorId", "onBehalfOf", action, "targetType", "targetId", detail, "prevHash", hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [r.id, r.at, r.actorType, r.actorId, r.onBehalfOf, r.action, r.targetType, r.targetId, r.detail, r.prevHash, r.hash],
    );
    expect(runScript({ DATABASE_URL: t.url })).toEqual({ code: 0, out: "Audit chain whole: 12 events" });
  });

  it("reports an event relinked to an earlier one, hash recomputed, as prev-mismatch", async () => {
    const { rows } = await pool.query(`SELECT * FROM "AuditEvent" WHERE id = $1`, [ids[2]]);
    const e = rows[0];
    const relinked = eventHash(GENESIS_HASH, e.at, e);
    await pool.query(`UPDATE "AuditEvent" SET "prevHash" = $2, hash = $3 WHERE id = $1`, [ids[2], GENESIS_HASH, relinked]);
    expect(await verifyChain(pool)).toEqual({ whole: false, firstBroken: { id: ids[2], at: at(2), reason: "prev-mismatch" }, checked: 3 });
    await pool.query(`UPDATE "AuditEvent" SET "prevHash" = $2, hash = $3 WHERE id = $1`, [ids[2], e.prevHash, e.hash]);
    expect(await verifyChain(pool)).toEqual({ whole: true, events: 12 });
  });

  it("says in one line that Moa is not running, with exit 2, when there is neither DATABASE_URL nor a running embedded database", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "moa-audit-"));
    try {
      const { code, out } = runScript({ DATA_DIR: dir });
      expect(code).toBe(2);
      expect(out.split("\n")).toHaveLength(1);
      expect(out).toMatch(/Moa is not running/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
