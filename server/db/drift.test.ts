import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { actualSchema, diffSchemas, expectedSchema } from "./drift";

const schemaText = readFileSync("prisma/schema.prisma", "utf8");

describe("migrations match schema.prisma", () => {
  let t: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    t = await createTestDatabase();
    client = new pg.Client({ connectionString: t.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await t.drop();
  });

  it("has every table, column, default, index and foreign key, and nothing else", async () => {
    const expected = expectedSchema(schemaText);
    const diff = diffSchemas(expected, await actualSchema(client));
    expect(diff).toEqual({ missing: [], unexpected: [] });
    expect(expected.filter((l) => l.startsWith("table ")).length).toBeGreaterThanOrEqual(13);
  });

  it("notices a change on either side", async () => {
    const withExtraIndex = schemaText.replace("@@index([recipientCi])", "@@index([recipientCi])\n  @@index([readAt])");
    const drift1 = diffSchemas(expectedSchema(withExtraIndex), await actualSchema(client));
    expect(drift1.missing).toEqual(['index Notice_readAt_idx Notice(readAt)']);

    const withOptionalName = schemaText.replace(/(model Person \{[\s\S]*?)name {9}String/, "$1name         String?");
    const drift2 = diffSchemas(expectedSchema(withOptionalName), await actualSchema(client));
    expect(drift2.missing).toEqual(["column Person.name text NULL default=-"]);

    await client.query(`ALTER TABLE "Delivery" ALTER COLUMN "status" SET DEFAULT 'sent'`);
    const drift3 = diffSchemas(expectedSchema(schemaText), await actualSchema(client));
    expect(drift3.unexpected).toEqual(["column Delivery.status text NOT NULL default=sent"]);
  });
});
