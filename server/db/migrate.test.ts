import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { migrate, MIGRATIONS_DIR, readMigrations } from "./migrate";

let t: TestDatabase | undefined;
afterEach(async () => {
  await t?.drop();
  t = undefined;
});

async function rows(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("migration runner", () => {
  it("applies every migration once and records it as Prisma does", async () => {
    t = await createTestDatabase({ empty: true });
    const all = await readMigrations();
    const first = await migrate(t.url);
    expect(first.applied).toEqual(all.map((m) => m.name));
    expect((await migrate(t.url)).applied).toEqual([]);
    const recorded = await rows(t.url, `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    const firstName = all[0].name;
    const sha = createHash("sha256").update(readFileSync(path.join(MIGRATIONS_DIR, firstName, "migration.sql"))).digest("hex");
    expect(recorded[0]).toMatchObject({ migration_name: firstName, checksum: sha, applied_steps_count: 1 });
    expect(recorded[0].finished_at).toBeInstanceOf(Date);
  });

  it("leaves nothing behind when a migration fails, and reports which", async () => {
    t = await createTestDatabase({ empty: true });
    const dir = mkdtempSync(path.join(os.tmpdir(), "moa-migrations-"));
    mkdirSync(path.join(dir, "001_good"));
    writeFileSync(path.join(dir, "001_good", "migration.sql"), `CREATE TABLE "A" ("id" INTEGER PRIMARY KEY);`);
    mkdirSync(path.join(dir, "002_bad"));
    writeFileSync(path.join(dir, "002_bad", "migration.sql"), `CREATE TABLE "B" ("id" INTEGER PRIMARY KEY);\nSELECT * FROM "Nope";`);
    await expect(migrate(t.url, dir)).rejects.toThrow(/002_bad failed/);
    const tables = await rows(t.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(tables.map((r) => r.tablename)).toEqual(["A", "_prisma_migrations"]);
    const recorded = await rows(t.url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).toEqual(["001_good"]);
  });

  it("reports a migration edited after it was applied", async () => {
    t = await createTestDatabase({ empty: true });
    const dir = mkdtempSync(path.join(os.tmpdir(), "moa-migrations-"));
    mkdirSync(path.join(dir, "001_a"));
    writeFileSync(path.join(dir, "001_a", "migration.sql"), `CREATE TABLE "A" ("id" INTEGER);`);
    await migrate(t.url, dir);
    writeFileSync(path.join(dir, "001_a", "migration.sql"), `CREATE TABLE "A" ("id" BIGINT);`);
    expect(await migrate(t.url, dir)).toEqual({ applied: [], modified: ["001_a"] });
  });
});
