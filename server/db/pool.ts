import pg from "pg";
import "./pg-utc";
import { logger } from "../logger";

const holder = globalThis as unknown as { moaPgPool?: pg.Pool };

/** Plain node-postgres for what Prisma cannot do: COPY and hand-tuned bulk statements. */
export function getPgPool(): pg.Pool {
  if (!holder.moaPgPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Moa with `npm start`.");
    holder.moaPgPool = new pg.Pool({ connectionString: url, max: 6 });
    holder.moaPgPool.on("error", (error) => logger.warn({ err: error.message }, "database connection lost"));
  }
  return holder.moaPgPool;
}
