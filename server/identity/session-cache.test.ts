import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { poolOf } from "../db";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { SessionCache, startSessionCache } from "./session-cache";
import { createSession, destroySession, hashToken, resolveSession } from "./sessions";

describe("session cache (one web process's, told of changes by PostgreSQL)", () => {
  let t: TestDatabase;
  /** Another process's connection: its writes reach this one only as notifications. */
  let other: pg.Client;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    t = await createTestDatabase();
    other = new pg.Client({ connectionString: t.url });
    await other.connect();
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await other.end();
    await t.drop();
  });

  const start = async (options: { ttlMs?: number; retryMs?: number } = {}) => {
    const started = await startSessionCache(poolOf(t.db), { ttlMs: 3_600_000, ...options });
    stop = started.stop;
    return started.cache;
  };
  const sessionQueries = () => {
    const query = vi.spyOn(poolOf(t.db), "query");
    return () => query.mock.calls.filter(([config]) => (config as { name?: string }).name === "moa-session").length;
  };
  const signIn = () => createSession(t.db, { type: "citizen", id: randomUUID(), now: new Date() });

  it("asks the database for a session once while nothing changes, and every time without the cache", async () => {
    const { token } = await signIn();
    const count = sessionQueries();
    await resolveSession(t.db, token, new Date());
    await resolveSession(t.db, token, new Date());
    expect(count()).toBe(2);

    const cache = await start();
    for (let i = 0; i < 3; i++) expect((await resolveSession(t.db, token, new Date()))?.type).toBe("citizen");
    expect(count()).toBe(3);
    expect(cache.size).toBe(1);
  });

  it("sees a step-up, a sign-out on all devices and a truncation made by another process", async () => {
    await start();
    const { token } = await signIn();
    const first = await resolveSession(t.db, token, new Date());
    expect(first?.steppedUpAt).toBeNull();

    await other.query(`UPDATE "Session" SET "steppedUpAt" = now() WHERE id = $1`, [hashToken(token)]);
    await vi.waitFor(async () => expect((await resolveSession(t.db, token, new Date()))?.steppedUpAt).toBeInstanceOf(Date), { timeout: 2_000, interval: 20 });

    await other.query(`DELETE FROM "Session" WHERE "principalId" = $1`, [first!.id]);
    await vi.waitFor(async () => expect(await resolveSession(t.db, token, new Date())).toBeNull(), { timeout: 2_000, interval: 20 });

    const again = await signIn();
    await resolveSession(t.db, again.token, new Date());
    await other.query(`TRUNCATE "Session"`);
    await vi.waitFor(async () => expect(await resolveSession(t.db, again.token, new Date())).toBeNull(), { timeout: 2_000, interval: 20 });
  });

  it("reads again at once what this process wrote, and a session that looks ended", async () => {
    await start();
    const { token } = await signIn();
    const principal = await resolveSession(t.db, token, new Date());
    await destroySession(t.db, principal!.sessionId);
    expect(await resolveSession(t.db, token, new Date())).toBeNull();

    // Cached at 10:00; at 10:25 its 20 idle minutes have passed: deleted, not answered from memory.
    const at = (iso: string) => new Date(iso);
    const idle = await createSession(t.db, { type: "citizen", id: randomUUID(), now: at("2026-11-24T10:00:00Z") });
    expect(await resolveSession(t.db, idle.token, at("2026-11-24T10:00:30Z"))).not.toBeNull();
    expect(await resolveSession(t.db, idle.token, at("2026-11-24T10:25:00Z"))).toBeNull();
    expect(await t.db.session.count({ where: { id: hashToken(idle.token) } })).toBe(0);
  });

  it("keeps nothing while its connection is lost, and listens again", async () => {
    const cache = await start({ retryMs: 50 });
    const { token } = await signIn();
    await resolveSession(t.db, token, new Date());
    expect(cache.size).toBe(1);
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN moa_session' AND datname = current_database()`);
    await vi.waitFor(() => expect(cache.isListening).toBe(false), { timeout: 2_000, interval: 10 });
    expect(cache.size).toBe(0);

    await vi.waitFor(() => expect(cache.isListening).toBe(true), { timeout: 5_000, interval: 20 });
    await resolveSession(t.db, token, new Date());
    await other.query(`DELETE FROM "Session" WHERE id = $1`, [hashToken(token)]);
    await vi.waitFor(async () => expect(await resolveSession(t.db, token, new Date())).toBeNull(), { timeout: 2_000, interval: 20 });
  });
});

describe("SessionCache", () => {
  const listening = (options = {}) => {
    const cache = new SessionCache<string>(options);
    cache.setListening(true);
    return cache;
  };

  it("does not keep a read that began before a change it heard, nor one made while not listening", async () => {
    const cache = listening();
    const before = cache.generation;
    cache.heard("someone else");
    cache.keep("a", "old row", before, 0);
    expect(await cache.recent("a", 0)).toBeUndefined();
    cache.keep("a", "row", cache.generation, 0);
    expect(await cache.recent("a", 0)).toBe("row");

    cache.setListening(false);
    expect(await cache.recent("a", 0)).toBeUndefined();
    cache.keep("b", "row", cache.generation, 0);
    expect(cache.size).toBe(0);
  });

  it("forgets a session after its time to live, on '*', and the oldest beyond its size", async () => {
    const cache = listening({ ttlMs: 1_000, maxEntries: 2 });
    cache.keep("a", "A", cache.generation, 0);
    expect(await cache.recent("a", 1_000)).toBe("A");
    expect(await cache.recent("a", 1_001)).toBeUndefined();

    cache.keep("a", "A", cache.generation, 0);
    cache.keep("b", "B", cache.generation, 0);
    cache.keep("c", "C", cache.generation, 0);
    expect([await cache.recent("a", 0), await cache.recent("b", 0), await cache.recent("c", 0)]).toEqual([undefined, "B", "C"]);
    cache.heard("*");
    expect(cache.size).toBe(0);
  });
});
