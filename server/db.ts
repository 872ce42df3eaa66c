import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import "./db/pg-utc";
import { PrismaClient } from "./generated/prisma/client";
import { logger } from "./logger";

export type Db = PrismaClient;

// On globalThis: Next may bundle this module more than once, and getDb's client must be found by
// every copy.
const shared = globalThis as unknown as { moaDbPools?: WeakMap<Db, pg.Pool> };
const pools = (shared.moaDbPools ??= new WeakMap<Db, pg.Pool>());

export function createDb(connectionString: string, max = 10): Db {
  // `min: max` keeps connections once made: otherwise pg-pool arms an idle timer at every release and
  // clears it at every checkout, ≈ 3 % of the inbox's requests a second over HTTP (five paired runs).
  const pool = new pg.Pool({ connectionString, max, min: max });
  // An idle connection the server ends (a restart, a terminated backend) is an 'error' on the pool:
  // without a listener it would take the process down. Prisma's adapter listens only once it has
  // connected, and the session and inbox queries use this pool before any Prisma query has.
  pool.on("error", (error) => logger.warn({ err: error.message }, "database connection lost"));
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * The node-postgres pool under a client, for the few queries on every page (the session, the
 * inbox) where Prisma's own work per query would be most of their cost.
 */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("poolOf: a client made without createDb");
  return pool;
}

const holder = globalThis as unknown as { moaDb?: Db };

/** The process-wide client, created on first use so that `next build` needs no database. */
export function getDb(): Db {
  if (!holder.moaDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Moa with `npm start`.");
    holder.moaDb = createDb(url);
  }
  return holder.moaDb;
}
