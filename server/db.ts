import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

export function createDb(connectionString: string, max = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
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
