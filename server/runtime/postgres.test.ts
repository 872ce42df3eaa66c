import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { socketDirFor } from "./postgres";

describe("the embedded PostgreSQL", () => {
  let t: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    t = await createTestDatabase({ empty: true });
    client = new pg.Client({ connectionString: t.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await t.drop();
  });

  it("compares text with its builtin C.UTF-8 collation: code point order, Unicode case mapping", async () => {
    const { rows } = await client.query<{ provider: string; locale: string }>(
      `SELECT datlocprovider AS provider, datlocale AS locale FROM pg_database WHERE datname = current_database()`,
    );
    expect(rows[0]).toEqual({ provider: "b", locale: "C.UTF-8" });
    const sorted = await client.query<{ s: string }>(`SELECT s FROM unnest(ARRAY['가', 'é', 'a', 'B', 'Z', 'b']) s ORDER BY s`);
    expect(sorted.rows.map((r) => r.s)).toEqual(["B", "Z", "a", "b", "é", "가"]);
    expect((await client.query<{ u: string }>(`SELECT upper('éa') AS u`)).rows[0].u).toBe("ÉA");
  });

  it("is reached over its Unix socket, where the URL names one", async () => {
    expect(new URL(t.url).searchParams.get("host")).toMatch(/^\//);
    // No server address: the connection is not TCP.
    expect((await client.query<{ addr: string | null }>(`SELECT inet_server_addr() AS addr`)).rows[0].addr).toBeNull();
  });

  it("keeps to TCP when the socket's path would be too long or unsafe to spell in a URL", () => {
    expect(socketDirFor("/tmp/moa/pg", 54329)).toBe("/tmp/moa/pg");
    expect(socketDirFor(`/tmp/${"d".repeat(100)}/pg`, 54329)).toBeNull();
    expect(socketDirFor("/tmp/with space/pg", 54329)).toBeNull();
    expect(socketDirFor("/tmp/a,b/pg", 54329)).toBeNull();
  });
});
