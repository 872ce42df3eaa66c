import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { claimDueWebhooks, deliverDueWebhooks, LEASE_MS } from "./deliver";
import { enqueueWebhookEvents, type WebhookEventInput } from "./events";
import { newWebhookSecret } from "./sign";

const MIN = 60_000;
const T0 = new Date("2030-01-01T00:00:00.000Z");
let t: TestDatabase;
let pool: pg.Pool;
let server: Server;
let respond: (res: ServerResponse) => void;
const received: { headers: IncomingHttpHeaders; body: string; path: string }[] = [];
const secret = newWebhookSecret();
const ids = { agency: "", other: "", quiet: "", notices: [] as string[], otherNotice: "", quietNotice: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body, path: req.url ?? "" });
      respond(res);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks?token=x`;
  const agency = await t.db.agency.create({ data: { code: "AAA", name: { en: "A" }, webhookUrl: url, webhookSecret: secret } });
  const other = await t.db.agency.create({ data: { code: "BBB", name: { en: "B" }, webhookUrl: url, webhookSecret: secret } });
  const quiet = await t.db.agency.create({ data: { code: "CCC", name: { en: "C" } } });
  Object.assign(ids, { agency: agency.id, other: other.id, quiet: quiet.id });
  ids.notices = await Promise.all(["REF-1", "REF-2", "REF-3"].map((ref) => notice(agency.id, ref)));
  ids.otherNotice = await notice(other.id, "REF-B");
  ids.quietNotice = await notice(quiet.id, "REF-C");
});
afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await pool?.end();
  await t?.drop();
});
beforeEach(async () => {
  await t.db.webhookEvent.deleteMany();
  received.length = 0;
  respond = (res) => res.writeHead(200).end("ok");
});

async function notice(agencyId: string, reference: string): Promise<string> {
  const template = await t.db.template.upsert({
    where: { agencyId_kind_version: { agencyId, kind: "fine", version: 1 } },
    create: { agencyId, kind: "fine", version: 1, name: {}, fieldSchema: {}, messages: {} },
    update: {},
  });
  const row = await t.db.notice.create({
    data: { agencyId, templateId: template.id, recipientCi: "A".repeat(88), reference, requestHash: "0".repeat(64), recipientName: "-", fields: {}, originalKo: "-", originalSha256: "0".repeat(64), route: "electronic" },
  });
  return row.id;
}

const event = (noticeId: string, at = T0, over: Partial<WebhookEventInput> = {}): WebhookEventInput => ({ agencyId: ids.agency, type: "notice.read", noticeId, data: { readMethod: "app" }, at, ...over });
const only = () => t.db.webhookEvent.findFirstOrThrow({ include: { attemptLog: { orderBy: { attemptedAt: "asc" } } } });

describe("webhook delivery", () => {
  it("posts signed events that Standard Webhooks verifies, each exactly once", async () => {
    const now = new Date();
    await enqueueWebhookEvents(pool, ids.notices.map((id) => event(id, now)));
    expect(await deliverDueWebhooks({ pool, now, concurrency: 2 })).toEqual({ delivered: 3, retried: 0, failed: 0, skipped: 0 });
    expect(received).toHaveLength(3);
    for (const r of received) {
      expect(r.path).toBe("/hooks?token=x");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["user-agent"]).toBe("Moa-Webhooks/1");
      const payload = new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
      expect(payload).toMatchObject({ type: "notice.read", timestamp: now.toISOString(), data: { noticeId: expect.any(String), reference: expect.stringMatching(/^REF-/), readMethod: "app" } });
      expect(Object.keys(payload as object)).toEqual(["type", "timestamp", "data"]);
      expect(r.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    }
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(3);
    const rows = await t.db.webhookEvent.findMany({ include: { attemptLog: true } });
    expect(rows.map((r) => [r.status, r.attempts, r.nextAttemptAt, r.attemptLog[0].statusCode])).toEqual(Array(3).fill(["delivered", 1, null, 200]));
    expect(await deliverDueWebhooks({ pool, now })).toEqual({ delivered: 0, retried: 0, failed: 0, skipped: 0 });
  });

  it("retries a 500 after 1 min, 5 min, 1 h, 1 day and 2 days, then gives up", async () => {
    respond = (res) => res.writeHead(500).end("down");
    await enqueueWebhookEvents(pool, [event(ids.notices[0])]);
    let now = T0;
    for (let i = 0; i < 6; i++) {
      expect(await deliverDueWebhooks({ pool, now: new Date(now.getTime() - 1) })).toMatchObject({ retried: 0, failed: 0 });
      expect(await deliverDueWebhooks({ pool, now })).toMatchObject(i < 5 ? { retried: 1, failed: 0 } : { retried: 0, failed: 1 });
      const row = await only();
      if (row.nextAttemptAt) now = row.nextAttemptAt;
    }
    const row = await only();
    expect(row).toMatchObject({ status: "failed", attempts: 6, nextAttemptAt: null });
    const times = row.attemptLog.map((a) => a.attemptedAt.getTime());
    expect(times.slice(1).map((x, i) => x - times[i])).toEqual([MIN, 5 * MIN, 60 * MIN, 1440 * MIN, 2880 * MIN]);
    expect(row.attemptLog.map((a) => [a.statusCode, a.error])).toEqual(Array(6).fill([500, "HTTP 500"]));
    expect(received).toHaveLength(6);
    expect(JSON.stringify(row.attemptLog)).not.toContain(secret.slice(6));
    expect(await deliverDueWebhooks({ pool, now: new Date(T0.getTime() + 30 * 1440 * MIN) })).toMatchObject({ retried: 0, failed: 0 });
  });

  it("waits as long as a 429's Retry-After asks when that is longer than the step", async () => {
    let retryAfter = "600";
    respond = (res) => res.writeHead(429, { "retry-after": retryAfter }).end();
    await enqueueWebhookEvents(pool, [event(ids.notices[0])]);
    expect(await deliverDueWebhooks({ pool, now: T0 })).toMatchObject({ retried: 1 });
    expect((await only()).nextAttemptAt).toEqual(new Date(T0.getTime() + 10 * MIN));
    retryAfter = "30"; // shorter than the 5-minute step
    const second = new Date(T0.getTime() + 10 * MIN);
    expect(await deliverDueWebhooks({ pool, now: second })).toMatchObject({ retried: 1 });
    expect(await only()).toMatchObject({ attempts: 2, nextAttemptAt: new Date(second.getTime() + 5 * MIN) });
  });

  it("retries an endpoint that does not answer in time, or cannot be reached", async () => {
    respond = () => {}; // never answers
    await enqueueWebhookEvents(pool, [event(ids.notices[0])]);
    const started = Date.now();
    expect(await deliverDueWebhooks({ pool, now: T0, timeoutMs: 200 })).toMatchObject({ retried: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    const row = await only();
    expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: new Date(T0.getTime() + MIN) });
    expect(row.attemptLog[0]).toMatchObject({ statusCode: null, error: "no answer within 200 ms" });
    expect(row.attemptLog[0].durationMs).toBeGreaterThanOrEqual(150);

    await t.db.agency.update({ where: { id: ids.agency }, data: { webhookUrl: "http://127.0.0.1:9/closed" } });
    try {
      expect(await deliverDueWebhooks({ pool, now: new Date(T0.getTime() + MIN) })).toMatchObject({ retried: 1 });
      expect((await only()).attemptLog[1]).toMatchObject({ statusCode: null, error: expect.stringContaining("fetch failed") });
    } finally {
      await t.db.agency.update({ where: { id: ids.agency }, data: { webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks?token=x` } });
    }
  });

  it("gives up at once on a 404 or a redirect, which it does not follow", async () => {
    respond = (res) => res.writeHead(404).end();
    await enqueueWebhookEvents(pool, [event(ids.notices[0]), event(ids.notices[1])]);
    expect(await deliverDueWebhooks({ pool, now: T0, concurrency: 1, limit: 1 })).toMatchObject({ failed: 1 });
    respond = (res) => res.writeHead(302, { location: "/elsewhere" }).end();
    expect(await deliverDueWebhooks({ pool, now: T0 })).toMatchObject({ failed: 1 });
    const rows = await t.db.webhookEvent.findMany({ include: { attemptLog: true }, orderBy: { attempts: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts, r.nextAttemptAt, r.attemptLog[0].statusCode]).sort()).toEqual([
      ["failed", 1, null, 302],
      ["failed", 1, null, 404],
    ]);
    expect(received.map((r) => r.path)).toEqual(["/hooks?token=x", "/hooks?token=x"]);
  });

  it("skips events of an agency without an endpoint", async () => {
    await enqueueWebhookEvents(pool, [event(ids.quietNotice, T0, { agencyId: ids.quiet })]);
    expect(await deliverDueWebhooks({ pool, now: T0 })).toEqual({ delivered: 0, retried: 0, failed: 0, skipped: 1 });
    expect(await only()).toMatchObject({ status: "skipped", attempts: 0, nextAttemptAt: null });
    expect(received).toHaveLength(0);
  });

  it("gives a crashed worker's claimed events back after the lease", async () => {
    await enqueueWebhookEvents(pool, [event(ids.notices[0])]);
    expect(await claimDueWebhooks(pool, T0, 10)).toHaveLength(1); // …and the worker dies
    expect(await deliverDueWebhooks({ pool, now: new Date(T0.getTime() + LEASE_MS - 1) })).toMatchObject({ delivered: 0 });
    expect(await deliverDueWebhooks({ pool, now: new Date(T0.getTime() + LEASE_MS) })).toMatchObject({ delivered: 1 });
    expect(received).toHaveLength(1);
  });
});

describe("enqueueing", () => {
  it("queues one event per agency, type and notice", async () => {
    const [a, b] = ids.notices;
    expect(await enqueueWebhookEvents(pool, [event(a), event(a, new Date(T0.getTime() + 1))])).toBe(1);
    expect(await enqueueWebhookEvents(pool, [event(a), event(b), event(a, T0, { type: "notice.delivered" })])).toBe(2);
    expect(await t.db.webhookEvent.count()).toBe(3);
    const row = await t.db.webhookEvent.findFirstOrThrow({ where: { noticeId: b } });
    expect(row).toMatchObject({ agencyId: ids.agency, type: "notice.read", status: "pending", attempts: 0, nextAttemptAt: T0, createdAt: T0 });
    expect(row.payload).toEqual({ type: "notice.read", timestamp: T0.toISOString(), data: { noticeId: b, reference: "REF-2", readMethod: "app" } });
  });

  it("drops an event for another agency's notice", async () => {
    expect(await enqueueWebhookEvents(pool, [event(ids.otherNotice)])).toBe(0);
    expect(await enqueueWebhookEvents(pool, [event(ids.otherNotice, T0, { agencyId: ids.other })])).toBe(1);
  });

  it("exists only if the caller's transaction commits", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      expect(await enqueueWebhookEvents(client, [event(ids.notices[2])])).toBe(1);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    expect(await t.db.webhookEvent.count()).toBe(0);
  });
});
