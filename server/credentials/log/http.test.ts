import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as checkpointGet } from "../../../app/api/v1/log/checkpoint/route";
import { GET as keyGet } from "../../../app/api/v1/log/key/route";
import { GET as consistencyGet } from "../../../app/api/v1/log/proof/consistency/route";
import { GET as inclusionGet } from "../../../app/api/v1/log/proof/inclusion/route";
import { getPgPool } from "../../db/pool";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { verifyCheckpoint } from "./checkpoint";
import { EMPTY_ROOT, leafHash, verifyConsistency, verifyInclusion } from "./merkle";
import { appendLeaves } from "./store";

/** The log's public API through the real route modules, against a real database. */
let t: TestDatabase;
let pool: pg.Pool;
let dataDir: string;
const routes: Record<string, (req: Request, ctx: unknown) => Promise<Response>> = {
  checkpoint: checkpointGet,
  key: keyGet,
  "proof/inclusion": inclusionGet,
  "proof/consistency": consistencyGet,
};
const get = (route: string) => routes[route.split("?")[0]](new Request(`http://moa.test/api/v1/log/${route}`), {});
const b64 = (text: string) => Buffer.from(text, "base64");

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-log-"));
  Object.assign(process.env, { DATABASE_URL: t.url, DATA_DIR: dataDir, PUBLIC_URL: "https://moa.example.kr" });
  delete process.env.LOG_SIGNING_KEY;
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await getPgPool().end();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const data = Array.from({ length: 33 }, (_, i) => Buffer.from(`certificate ${i}`));

describe("the certificate log API", () => {
  let key: string;

  it("publishes the verifier key, named after PUBLIC_URL's host, from a development key kept in DATA_DIR", async () => {
    const res = await get("key");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    key = await res.text();
    expect(key).toMatch(/^moa\.example\.kr\/credentials-log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(JSON.parse(JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")).LOG_SIGNING_KEY)).toMatchObject({ kty: "OKP", crv: "Ed25519" });
  });

  it("signs a checkpoint of the empty log", async () => {
    const res = await get("checkpoint");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(verifyCheckpoint(await res.text(), key)).toEqual({ origin: "moa.example.kr/credentials-log", size: 0, rootHash: EMPTY_ROOT });
  });

  it("checkpoints verify with the published key and fail if one byte changes; proofs verify against them", async () => {
    await appendLeaves(pool, data.slice(0, 20));
    const first = await (await get("checkpoint")).text();
    expect(await (await get("checkpoint")).text()).toBe(first);
    const old = verifyCheckpoint(first, key)!;
    expect(old.size).toBe(20);
    const tampered = Buffer.from(first);
    tampered[tampered.indexOf("\n") + 2] ^= 1;
    expect(verifyCheckpoint(tampered.toString(), key)).toBeNull();

    await appendLeaves(pool, data.slice(20));
    const latest = verifyCheckpoint(await (await get("checkpoint")).text(), key)!;
    expect(latest.size).toBe(33);
    const stored = await pool.query(`SELECT "size"::int FROM "LogCheckpoint" ORDER BY "size"`);
    expect(stored.rows).toEqual([{ size: 0 }, { size: 20 }, { size: 33 }]);

    const inclusion = await get("proof/inclusion?index=5&size=33");
    expect(inclusion.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const proved = (await inclusion.json()) as { index: number; size: number; leafHash: string; proof: string[] };
    expect(proved).toMatchObject({ index: 5, size: 33, leafHash: leafHash(data[5]).toString("base64") });
    expect(verifyInclusion(b64(proved.leafHash), 5, 33, proved.proof.map(b64), latest.rootHash)).toBe(true);

    const consistency = await get("proof/consistency?from=20&to=33");
    expect(consistency.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const c = (await consistency.json()) as { from: number; to: number; fromRoot: string; toRoot: string; proof: string[] };
    expect(c).toMatchObject({ from: 20, to: 33, fromRoot: old.rootHash.toString("base64"), toRoot: latest.rootHash.toString("base64") });
    expect(verifyConsistency(20, 33, c.proof.map(b64), old.rootHash, latest.rootHash)).toBe(true);
  });

  it("answers 400 for malformed parameters and 404 beyond the tree", async () => {
    const cases: [string, number][] = [
      ["proof/inclusion", 400],
      ["proof/inclusion?index=1", 400],
      ["proof/inclusion?index=-1&size=3", 400],
      ["proof/inclusion?index=1.5&size=3", 400],
      ["proof/inclusion?index=01&size=3", 400],
      ["proof/inclusion?index=x&size=3", 400],
      ["proof/inclusion?index=1&size=99999999999999999999", 400],
      ["proof/inclusion?index=3&size=3", 404],
      ["proof/inclusion?index=0&size=0", 404],
      ["proof/inclusion?index=0&size=34", 404],
      ["proof/consistency?from=0&to=3", 400],
      ["proof/consistency?from=4&to=3", 400],
      ["proof/consistency?to=3", 400],
      ["proof/consistency?from=3&to=34", 404],
    ];
    for (const [route, status] of cases) {
      const res = await get(route);
      expect(res.status, route).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    expect((await (await get("proof/consistency?from=33&to=33")).json()).proof).toEqual([]);
  });
});
