import { randomUUID } from "node:crypto";
import { quickAddJob, runOnce } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { CRONTAB, QUEUED_TASKS, taskList } from "./schedule";

describe("worker wiring", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("runs the scheduled purge through graphile-worker with the given clock", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    await t.db.session.create({ data: { id: "e".repeat(64), principalType: "citizen", principalId: randomUUID(), expiresAt: new Date("2029-12-31T00:00:00Z") } });
    await t.db.session.create({ data: { id: "f".repeat(64), principalType: "citizen", principalId: randomUUID(), expiresAt: new Date("2030-01-02T00:00:00Z") } });
    await quickAddJob({ connectionString: t.url }, "purge-expired-sessions", {});
    await runOnce({ connectionString: t.url, taskList: taskList({ db: t.db, clock: () => now, log: pino({ level: "silent" }) }) });
    expect((await t.db.session.findMany()).map((s) => s.id[0])).toEqual(["f"]);
  });

  it("schedules every periodic task it defines; the rest are queued by the app", () => {
    const tasks = Object.keys(taskList({ db: t.db, clock: () => new Date(), log: pino({ level: "silent" }) }));
    for (const task of tasks.filter((name) => !QUEUED_TASKS.includes(name))) expect(CRONTAB).toContain(task);
    for (const task of QUEUED_TASKS) expect(tasks).toContain(task);
  });
});
