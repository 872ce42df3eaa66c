import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHealth } from "./health";
import { beat, HEARTBEAT_STALE_MS } from "./jobs/heartbeat";
import { createDb } from "./db";
import { createTestDatabase, type TestDatabase } from "./test/db";

describe("health", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("names the worker when it has never beaten or has gone quiet", async () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(await checkHealth(t.db, now)).toEqual({ status: "error", db: "ok", worker: "down" });
    await beat(t.db, "worker", now);
    expect(await checkHealth(t.db, new Date(now.getTime() + 1000))).toEqual({ status: "ok", db: "ok", worker: "ok" });
    expect(await checkHealth(t.db, new Date(now.getTime() + HEARTBEAT_STALE_MS + 1))).toMatchObject({ status: "error", worker: "down" });
  });

  it("names the database when it cannot be reached", async () => {
    const broken = createDb("postgresql://moa:x@127.0.0.1:1/none", 1);
    expect(await checkHealth(broken, new Date())).toEqual({ status: "error", db: "down", worker: "down" });
    await broken.$disconnect();
  });
});
