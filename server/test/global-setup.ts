import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runMigrations } from "graphile-worker";
import type { TestProject } from "vitest/node";
import { migrate } from "../db/migrate";
import { startEmbeddedPostgres } from "../runtime/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/** One real PostgreSQL for the run; a migrated template database that each test file clones. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "moa-test-pg-"));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), password: "test", database: "moa_template", durable: false });
  await migrate(server.url);
  // The app queues jobs (add_job) in the same transactions as its writes: the queue's schema too.
  const queue = new pg.Pool({ connectionString: server.url, max: 1 });
  await runMigrations({ pgPool: queue });
  await queue.end();
  const admin = new URL(server.url);
  admin.pathname = "/postgres";
  // A template must have no open connections when cloned.
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`ALTER DATABASE moa_template WITH IS_TEMPLATE true`);
  await client.end();
  project.provide("pgAdminUrl", admin.toString());
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
