import { afterAll, beforeAll, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "./test/db";
import { createDb, poolOf, type Db } from "./db";

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await createTestDatabase({ empty: true });
  // node-postgres's own Pool: the tests' (server/test/setup.ts) ignores exactly this error.
  const TestPool = pg.Pool;
  pg.Pool = Object.getPrototypeOf(TestPool) as typeof pg.Pool;
  try {
    db = createDb(t.url, 2);
  } finally {
    pg.Pool = TestPool;
  }
});
afterAll(async () => {
  await poolOf(db)?.end();
  await t?.drop();
});

it("survives the server ending an idle connection of the pool before any Prisma query, and answers again", async () => {
  const pool = poolOf(db);
  const client = await pool.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const ended = new Promise((resolve) => client.once("end", resolve));
  client.release();
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
  await admin.end();
  // The pool emits 'error' for its idle client: with no listener of createDb's own, an uncaught exception.
  await ended;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pool.totalCount).toBe(0);
  expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows[0].one).toBe(1);
});
