import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "../agencies/api-keys";
import { createTestDatabase, type TestDatabase } from "../test/db";

/** The REST side of authorization: agency API keys on /api/v1, through the real route module. */
let t: TestDatabase;
let GET: (req: Request, ctx: unknown) => Promise<Response>;
const keys = { a: "", revoked: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.TRUST_PROXY = "true";
  ({ GET } = (await import("../../app/api/v1/agency/route")) as never);
  const [a, b] = await Promise.all(["AAA", "BBB"].map((code) => t.db.agency.create({ data: { code, name: { en: code } } })));
  keys.a = (await createApiKey(t.db, { agencyId: a.id, kind: "live", name: "A" }, { type: "system", id: null }, new Date())).key;
  const revoked = await createApiKey(t.db, { agencyId: b.id, kind: "test", name: "B" }, { type: "system", id: null }, new Date());
  await revokeApiKey(t.db, b.id, revoked.id, { type: "system", id: null }, new Date());
  keys.revoked = revoked.key;
});
afterAll(() => t?.drop());

const call = (authorization: string | null, ip = "203.0.113.1") =>
  GET(new Request("http://moa.test/api/v1/agency", { headers: { ...(authorization ? { authorization } : {}), "x-forwarded-for": ip } }), {});

describe("agency API keys", () => {
  it("answers for the key's own agency and records its use", async () => {
    const res = await call(`Bearer ${keys.a}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ agency: { code: "AAA" }, key: { kind: "live" } });
    const row = await t.db.agencyApiKey.findFirstOrThrow({ where: { name: "A" } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it.each([
    ["no key", null],
    ["a malformed key", "Bearer nope"],
    ["an unknown key", `Bearer ${keys.a?.replace(/.$/, "0")}x`.slice(0, -1)],
    ["a revoked key", "revoked"],
  ])("refuses %s with 401", async (_label, auth) => {
    const header = auth === "revoked" ? `Bearer ${keys.revoked}` : auth;
    const res = await call(header, "198.51.100.7");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("slows down guessing: 429 with Retry-After after 20 bad keys from one address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call("Bearer moa_test_xyz_" + "0".repeat(40), "192.0.2.99")).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    const last = await call(`Bearer moa_live_xyz_${"1".repeat(40)}`, "192.0.2.99");
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is unaffected, and a good key still works from the blocked one.
    expect((await call(null, "192.0.2.100")).status).toBe(401);
    expect((await call(`Bearer ${keys.a}`, "192.0.2.99")).status).toBe(200);
  });
});
