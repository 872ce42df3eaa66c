import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../env";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { runningDatabaseUrl } from "./running-database";

describe("the database of a running Moa", () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), "moa-running-"));
    mkdirSync(path.join(dir, "pg"));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.drop();
  });

  it("is DATABASE_URL when set", () => {
    expect(runningDatabaseUrl(readEnv({ DATA_DIR: dir, DATABASE_URL: "postgresql://x@db.example/moa" }))).toBe("postgresql://x@db.example/moa");
  });

  it("is the embedded server from postmaster.pid and secrets.json while it runs, and none otherwise", async () => {
    const env = readEnv({ DATA_DIR: dir });
    const name = new URL(t.url).pathname.slice(1);
    expect(runningDatabaseUrl(env, name)).toBeNull();
    writeFileSync(path.join(dir, "secrets.json"), JSON.stringify({ PG_PASSWORD: "test" }));
    // The test cluster stands in for Moa's: a live pid (ours) and its port.
    writeFileSync(path.join(dir, "pg", "postmaster.pid"), `${process.pid}\n${dir}/pg\n1700000000\n${new URL(t.url).port}\n\n127.0.0.1\n`);
    const url = runningDatabaseUrl(env, name)!;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query("SELECT current_database() AS db")).rows[0].db).toBe(name);
    await client.end();
    writeFileSync(path.join(dir, "pg", "postmaster.pid"), `2147483646\n${dir}/pg\n1700000000\n${new URL(t.url).port}\n`);
    expect(runningDatabaseUrl(env, name)).toBeNull();
  });
});
