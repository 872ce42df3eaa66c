import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "../env";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // PostgreSQL runs as its own user when Moa runs as root.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The database `npm start` uses, for tools that run beside it: DATABASE_URL, or the embedded
 * server running on DATA_DIR/pg (port from its postmaster.pid, password from secrets.json).
 * Reads only: never starts a server, takes the DATA_DIR lock or writes secrets. Null when the
 * embedded server is not running.
 */
export function runningDatabaseUrl(env: Env, database = "moa"): string | null {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const pidFile = path.join(env.DATA_DIR, "pg", "postmaster.pid");
  const secretsFile = path.join(env.DATA_DIR, "secrets.json");
  if (!existsSync(pidFile) || !existsSync(secretsFile)) return null;
  // postmaster.pid: pid, data directory, start time, port, …
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  const password = (JSON.parse(readFileSync(secretsFile, "utf8")) as { PG_PASSWORD?: string }).PG_PASSWORD;
  if (!Number(pid) || !alive(Number(pid)) || !Number(port) || !password) return null;
  return `postgresql://moa:${encodeURIComponent(password)}@127.0.0.1:${Number(port)}/${database}`;
}
