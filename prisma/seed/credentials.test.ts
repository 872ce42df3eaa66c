import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialKeyring } from "../../server/credentials/keys";
import { treeSize } from "../../server/credentials/log/store";
import { createTestDatabase, type TestDatabase } from "../../server/test/db";
import { SEED_HOLDER_JWK, SEEDED_CREDENTIALS, seedCredentials } from "./credentials";
import { seedDemo } from "./seed";

const SECRET = "s".repeat(40);
let t: TestDatabase;
let pool: pg.Pool;
let dataDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-seed-credentials-"));
  Object.assign(process.env, { DATA_DIR: dataDir, PUBLIC_URL: "https://moa.example.kr" });
  delete process.env.CREDENTIAL_SIGNING_KEYS;
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("seeded certificates", () => {
  it("are issued to demo citizens, bound to the seed key, and fill the log", async () => {
    await seedDemo(t.db, SECRET);
    expect(await seedCredentials(pool, await credentialKeyring(), SECRET, "https://moa.example.kr")).toBe(SEEDED_CREDENTIALS.length);
    expect(await treeSize(pool)).toBe(SEEDED_CREDENTIALS.length);
    const rows = await t.db.credential.findMany();
    expect(rows.map((r) => r.holderJwk)).toEqual(SEEDED_CREDENTIALS.map(() => SEED_HOLDER_JWK));
  });
});
