import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { accessLog, ACCESS_PAGE } from "./access-log";
import { appendAudit } from "./chain";

const NOW = new Date("2026-11-23T01:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe("access log", () => {
  let t: TestDatabase;
  let me: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    me = (await t.db.person.create({ data: { ci: "M".repeat(88), name: "Me" } })).id;
    const helper = await t.db.person.create({ data: { ci: "H".repeat(88), name: "Helper" } });
    // Pages break inside a run of events at the same instant: the cursor carries the id too.
    for (let i = 0; i < 24; i++) await appendAudit(t.db, { actorType: "staff", actorId: "gone", onBehalfOf: me, action: "notice.read" }, daysAgo(i < 15 ? 10 : 100));
    await appendAudit(t.db, { actorType: "citizen", actorId: helper.id, onBehalfOf: me, action: "notice.read" }, daysAgo(1));
    await appendAudit(t.db, { actorType: "citizen", actorId: me, onBehalfOf: me, action: "citizen.sign-in" }, daysAgo(0));
    await appendAudit(t.db, { actorType: "public", onBehalfOf: me, action: "worker.sign-in-failed" }, daysAgo(0));
  });
  afterAll(() => t.drop());

  const list = (options: Partial<Parameters<typeof accessLog>[2]>) => accessLog(t.db, me, { actor: "all", period: "all", locale: "en", now: NOW, ...options });

  it("pages through everyone else's access, newest first, without the person's own", async () => {
    const first = await list({});
    expect(first.items).toHaveLength(ACCESS_PAGE);
    expect(first.items[0]).toMatchObject({ kind: "helper", who: "Helper", action: "notice.read" });
    expect(first.items[1]).toMatchObject({ kind: "staff", who: null, place: null });
    const second = await list({ before: first.next! });
    expect(second.items).toHaveLength(5);
    expect(second.next).toBeNull();
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(25);
  });

  it("filters by kind of actor and by period", async () => {
    expect((await list({ actor: "helper" })).items.map((i) => i.who)).toEqual(["Helper"]);
    expect((await list({ actor: "agency" })).items).toEqual([]);
    expect((await list({ actor: "staff", period: "30d" })).items).toHaveLength(15);
    expect((await list({ period: "90d" })).items).toHaveLength(16);
  });
});
