import { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { LOCALES } from "../../locales/config";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { clientIp, createRateLimits, LIMITS, type Limit, type LimitName, type RateLimits } from "./rate-limit";
import { throwTooManyRequests, tooManyRequestsResponse } from "./too-many";

// Small limits keep the tests quick; stepUp also blocks past its window.
const SMALL = Object.fromEntries(Object.keys(LIMITS).map((n) => [n, { points: 3, duration: 60 }])) as Record<LimitName, Limit>;
SMALL.stepUp = { points: 2, duration: 30, blockDuration: 120 };

async function consumeTimes(limits: RateLimits, name: LimitName, key: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await limits.consume(name, key));
  return results;
}

describe("rate limits in PostgreSQL", () => {
  let t: TestDatabase;
  let pool: pg.Pool;
  let other: pg.Pool;
  let limits: RateLimits;
  beforeAll(async () => {
    t = await createTestDatabase();
    pool = new pg.Pool({ connectionString: t.url, max: 2 });
    other = new pg.Pool({ connectionString: t.url, max: 2 });
    limits = createRateLimits(pool, SMALL);
  });
  afterAll(async () => {
    await pool.end();
    await other.end();
    await t.drop();
  });

  it("refuses the attempt after the limit, until the window ends", async () => {
    const results = await consumeTimes(limits, "signIn", "10.0.0.1", 4);
    expect(results.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const refused = results[3];
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(SMALL.signIn.duration);
  });

  it("blocks for blockDuration when one is set", async () => {
    const [, , refused] = await consumeTimes(limits, "stepUp", "session-a", 3);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
    if (refused.ok) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(SMALL.stepUp.duration);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it("counts keys and limits independently", async () => {
    await consumeTimes(limits, "verify", "10.0.0.2", 4);
    expect(await limits.consume("verify", "10.0.0.3")).toEqual({ ok: true });
    expect(await limits.consume("workerSignIn", "10.0.0.2")).toEqual({ ok: true });
  });

  it("reset forgets a key's attempts", async () => {
    await consumeTimes(limits, "codeEntry", "person-1", 4);
    expect((await limits.consume("codeEntry", "person-1")).ok).toBe(false);
    await limits.reset("codeEntry", "person-1");
    expect(await consumeTimes(limits, "codeEntry", "person-1", 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
  });

  it("shares counts through the database, hashing keys, in schema ratelimit", async () => {
    const elsewhere = createRateLimits(other, SMALL);
    await consumeTimes(limits, "apiKey", "moa_live_secret", 3);
    expect((await elsewhere.consume("apiKey", "moa_live_secret")).ok).toBe(false);

    const { rows } = await pool.query<{ key: string; schema: string }>(
      `SELECT key, (SELECT table_schema FROM information_schema.tables WHERE table_name = 'counters') AS schema
       FROM ratelimit.counters WHERE key LIKE 'apiKey:%'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].schema).toBe("ratelimit");
    expect(rows[0].key).not.toContain("secret");
  });

  it("allows again once the window has passed", async () => {
    await consumeTimes(limits, "invalidApiKey", "10.0.0.4", 4);
    // Age the row instead of sleeping: the library compares expire with Date.now().
    await pool.query(`UPDATE ratelimit.counters SET expire = $1 WHERE key LIKE 'invalidApiKey:%'`, [Date.now() - 1]);
    expect(await limits.consume("invalidApiKey", "10.0.0.4")).toEqual({ ok: true });
  });
});

describe("too many requests", () => {
  it("answers 429 with Retry-After, no caching and a JSON body", async () => {
    const res = tooManyRequestsResponse("en", 12.3);
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("13");
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.json()).toEqual({
      error: { code: "rate_limited", message: "Too many attempts. Please wait 13 seconds and try again.", retryAfterSeconds: 13 },
    });
    expect(tooManyRequestsResponse("en", 0).headers.get("Retry-After")).toBe("1");
  });

  it("speaks each locale, and the default one for an unknown locale", async () => {
    const message = async (locale: string) => ((await tooManyRequestsResponse(locale, 30).json()) as { error: { message: string } }).error.message;
    const messages = Object.fromEntries(await Promise.all(LOCALES.map(async (l) => [l, await message(l)])));
    expect(new Set(Object.values(messages)).size).toBe(LOCALES.length);
    expect(messages.ko).toMatch(/\p{Script=Hangul}/u);
    expect(messages.ja).toMatch(/\p{Script=Hiragana}/u);
    expect(messages.zh).toMatch(/\p{Script=Han}/u);
    expect(messages.zh).not.toMatch(/\p{Script=Hiragana}/u);
    expect(messages.th).toMatch(/\p{Script=Thai}/u);
    expect(messages.vi).toMatch(/giây/);
    for (const m of Object.values(messages)) expect(m).toContain("30");
    expect(await message("fr")).toBe(messages.ko);
  });

  it("throws TOO_MANY_REQUESTS for tRPC with Retry-After on the response headers", () => {
    const headers = new Headers();
    expect(() => throwTooManyRequests(headers, 4.2)).toThrow(expect.objectContaining({ code: "TOO_MANY_REQUESTS" }));
    expect(() => throwTooManyRequests(headers, 4.2)).toThrow(TRPCError);
    expect(headers.get("Retry-After")).toBe("5");
  });
});

describe("clientIp", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const req = (xff?: string) => new Request("http://moa.test/", { headers: xff ? { "x-forwarded-for": xff } : {} });

  it("puts everyone in one bucket unless a proxy is trusted", () => {
    vi.stubEnv("TRUST_PROXY", "");
    expect(clientIp(req("203.0.113.9"))).toBe("direct");
  });

  it("takes the address the trusted proxy appended", () => {
    vi.stubEnv("TRUST_PROXY", "true");
    expect(clientIp(req("198.51.100.1, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientIp(req("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientIp(req())).toBe("direct");
  });
});
