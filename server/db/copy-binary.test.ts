import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { BinaryCopyRows } from "./copy-binary";

let t: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  t = await createTestDatabase({ empty: true });
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await t?.drop();
});

function copy(table: string, rows: BinaryCopyRows): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT binary)`));
    stream.on("finish", resolve).on("error", reject);
    stream.end(rows.contents());
  });
}

describe("BinaryCopyRows", () => {
  it("stores every type as PostgreSQL reads it back, NULLs and awkward text included", async () => {
    await client.query(`CREATE TABLE every_type (id uuid, ci char(8), name text, doc jsonb, ok boolean, amount bigint, due date, at timestamp(3))`);
    const rows = new BinaryCopyRows();
    const awkward = "탭\t줄\n바꿈\r\\역슬래시 \"따옴표\" 🎉 \\N";
    rows.row(8);
    rows.uuid("0192f5c4-8a1b-7c3d-9e4f-a0b1c2d3e4f5");
    rows.text("ABCD+/==");
    rows.text(awkward);
    rows.jsonb(JSON.stringify({ 세목: "종합소득세", amount: 1_234_567, nested: [awkward] }));
    rows.bool(true);
    rows.int8(10 ** 13);
    rows.date("2028-02-29");
    rows.timestamp(Date.parse("2026-11-23T01:02:03.456Z"));
    rows.row(8);
    rows.uuid(null);
    rows.text(null);
    rows.text("");
    rows.jsonb("{}");
    rows.bool(false);
    rows.int8(-5_000_000_000);
    rows.date("1999-12-31");
    rows.timestamp(Date.parse("1970-01-01T00:00:00.000Z"));
    rows.row(8);
    rows.uuid(null);
    rows.text(null);
    rows.text(null);
    rows.jsonb("null");
    rows.bool(false);
    rows.int8(null);
    rows.date(null);
    rows.timestamp(null);
    await copy("every_type", rows);

    const { rows: stored } = await client.query(
      `SELECT id::text, ci, name, doc, ok, amount::text, due::text, at::text FROM every_type ORDER BY amount DESC NULLS LAST`,
    );
    expect(stored).toEqual([
      { id: "0192f5c4-8a1b-7c3d-9e4f-a0b1c2d3e4f5", ci: "ABCD+/==", name: awkward, doc: { 세목: "종합소득세", amount: 1_234_567, nested: [awkward] }, ok: true, amount: "10000000000000", due: "2028-02-29", at: "2026-11-23 01:02:03.456" },
      { id: null, ci: null, name: "", doc: {}, ok: false, amount: "-5000000000", due: "1999-12-31", at: "1970-01-01 00:00:00" },
      { id: null, ci: null, name: null, doc: null, ok: false, amount: null, due: null, at: null },
    ]);
  });

  it("refuses what it cannot encode instead of sending a corrupt row", () => {
    const rows = new BinaryCopyRows();
    expect(() => rows.uuid("not-a-uuid")).toThrow(RangeError);
    expect(() => rows.uuid("0192f5c4-8a1b-7c3d-9e4f-a0b1c2d3e4fz")).toThrow(RangeError);
    expect(() => rows.int8(2 ** 60)).toThrow(RangeError);
    expect(() => rows.date("2026-13-45")).toThrow(RangeError);
  });

  it("grows past its first megabyte without losing rows", async () => {
    await client.query(`CREATE TABLE wide (n bigint, body text)`);
    const rows = new BinaryCopyRows();
    const body = "가".repeat(10_000); // 30 KB of UTF-8 per row
    for (let n = 0; n < 100; n++) {
      rows.row(2);
      rows.int8(n);
      rows.text(body);
    }
    await copy("wide", rows);
    const { rows: [sum] } = await client.query(`SELECT count(*)::int AS count, sum(n)::int AS total, bool_and(body = $1) AS intact FROM wide`, [body]);
    expect(sum).toEqual({ count: 100, total: 4950, intact: true });
  });
});
