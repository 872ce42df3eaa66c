import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import webpush from "web-push";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { seedDemo } from "../../prisma/seed/seed";
import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { rrnToCi } from "../identity/rrn";
import { submitNotice } from "../notices/submit";
import { createWebPushSender } from "../providers/push/web-push";
import { createSmppProvider } from "../providers/sms/smpp";
import type { SmsProvider } from "../providers/sms/types";
import { startLocalPushService, type LocalPushService, type TestSubscription } from "../sandbox/push-service";
import { startSandboxSmsc } from "../sandbox/smsc";
import { freePort } from "../runtime/ports";
import { markRead } from "./read";
import { recordSmsReceipt } from "./receipts";
import { runDueRounds, runDueSteps } from "./sweep";
import type { DeliveryDeps } from "./send";
import { verifyNoticeLink } from "./notice-link";

const SECRET = "escalation-test-ci-secret-0123456789abcdef";
const LINK_SECRET = "escalation-test-link-secret-0123456789";
// 10:00 in Seoul: outside quiet hours.
const T0 = new Date("2026-11-23T01:00:00Z");
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;
const vietnamese = DEMO_CITIZENS.find((c) => c.key === "vietnamese")!;
const japanese = DEMO_CITIZENS.find((c) => c.key === "japanese")!;

let t: TestDatabase;
let pool: pg.Pool;
let push: LocalPushService;
let smsc: Awaited<ReturnType<typeof startSandboxSmsc>>;
let sms: SmsProvider;
let deps: DeliveryDeps;
let agencyId: string;
let device: TestSubscription;
let ref = 0;

async function send(rrn: string, name: string) {
  const result = await submitNotice(pool, { agencyId, agencyCode: "NTS", keyId: "k", kind: "live" }, { reference: `E-${++ref}`, template: tax.kind, recipient: { rrn, name }, fields: tax.example }, SECRET, T0);
  if (result.outcome !== "created") throw new Error(JSON.stringify(result));
  return result.id;
}
const deliveries = (noticeId: string) => t.db.delivery.findMany({ where: { noticeId }, orderBy: { createdAt: "asc" } });
const personOf = (rrn: string) => t.db.person.findUniqueOrThrow({ where: { ci: rrnToCi(rrn, SECRET) } });

async function subscribe(rrn: string): Promise<TestSubscription> {
  const vapid = (deps as unknown as { vapid: { publicKey: string } }).vapid;
  const subscription = await push.subscribe(vapid.publicKey);
  const person = await personOf(rrn);
  await t.db.pushSubscription.create({ data: { personId: person.id, endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth, label: "Test browser" } });
  return subscription;
}

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  await seedDemo(t.db, SECRET);
  await pool.query(`UPDATE "Notice" SET "nextStep" = NULL, "nextStepAt" = NULL`); // the demo's own notices
  agencyId = (await t.db.agency.findUniqueOrThrow({ where: { code: "NTS" } })).id;
  push = await startLocalPushService();
  const smppPort = await freePort(27750);
  smsc = await startSandboxSmsc({ smppPort, httpPort: await freePort(27850), systemId: "moa", password: "sandbox" });
  sms = createSmppProvider({ host: "127.0.0.1", port: smppPort, systemId: "moa", password: "sandbox", sourceAddr: "1588-0000" });
  sms.onReceipt((receipt) => {
    const recording: Promise<unknown> = recordSmsReceipt(pool, receipt).finally(() => receipts.delete(recording));
    receipts.add(recording);
  });
  const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:test@moa.example" };
  deps = Object.assign({ pool, push: createWebPushSender(vapid), sms, publicUrl: "https://moa.example.kr", linkSecret: LINK_SECRET }, { vapid });
  device = await subscribe(vietnamese.rrn);
});
/** Receipts being recorded. */
const receipts = new Set<Promise<unknown>>();
afterAll(async () => {
  await sms?.close();
  // A receipt still being recorded (it retries for a few seconds) needs the pool until it is done.
  await Promise.allSettled(receipts);
  await smsc?.close();
  await push?.close();
  await pool?.end();
  await t?.drop();
});
beforeEach(async () => {
  await pool.query(`UPDATE "Notice" SET "nextStep" = NULL, "nextStepAt" = NULL`);
});

describe("escalation: push, then SMS, then a letter", () => {
  it("pushes at once, in the citizen's language, with nothing personal in the payload", async () => {
    const id = await send(vietnamese.rrn, vietnamese.name);
    expect(await runDueSteps(deps, T0)).toMatchObject({ claimed: 1, pushes: 1, sms: 0 });
    const received = (await push.notifications(device.clientHash)).map((m) => JSON.parse(m));
    expect(received.at(-1)).toEqual({ v: 1, noticeId: id, title: "Tổng cục Thuế Quốc gia", body: `Thông báo mới: ${tax.name.vi}`, url: `/vi/inbox/${id}`, lang: "vi" });
    expect(JSON.stringify(received.at(-1))).not.toContain(vietnamese.name);
    expect(await deliveries(id)).toMatchObject([{ channel: "push", status: "sent" }]);
    expect(await t.db.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ nextStep: "sms", nextStepAt: hours(24) });
  });

  it("read before 24 h: no SMS and no letter, ever", async () => {
    const id = await send(vietnamese.rrn, vietnamese.name);
    await runDueSteps(deps, T0);
    expect(await markRead(pool, id, "signed-in", hours(23))).toBe(true);
    for (const at of [hours(24), hours(24 * 8)]) await runDueSteps(deps, at);
    expect((await deliveries(id)).map((d) => d.channel)).toEqual(["push"]);
  });

  it("unread: an SMS at 24 h with a signed link, delivered per the SMS centre's receipt; a letter at 7 days", async () => {
    const id = await send(vietnamese.rrn, vietnamese.name);
    await runDueSteps(deps, T0);
    expect(await runDueSteps(deps, hours(23))).toMatchObject({ claimed: 0 });
    const at24 = await runDueSteps(deps, hours(24));
    expect(at24, JSON.stringify(await deliveries(id))).toMatchObject({ claimed: 1, sms: 1 });
    const text = smsc.messages().at(-1)!;
    expect(text.to.replace(/\D/g, "")).toBe(vietnamese.phone.replace(/\D/g, ""));
    expect(text.text).toMatch(/^\[Moa\] Tổng cục Thuế Quốc gia đã gửi thông báo: /);
    const token = text.text.match(/https:\/\/moa\.example\.kr\/n\/([A-Za-z0-9_-]{43})/)![1];
    expect(verifyNoticeLink(LINK_SECRET, token, hours(25))).toEqual({ valid: true, noticeId: id });
    await expect.poll(async () => (await deliveries(id)).find((d) => d.channel === "sms")?.status, { timeout: 10_000 }).toBe("delivered");
    expect(await runDueSteps(deps, hours(24 * 7 - 1))).toMatchObject({ claimed: 0 });
    expect(await runDueSteps(deps, hours(24 * 7))).toMatchObject({ claimed: 1, letters: 1 });
    const letter = (await deliveries(id)).find((d) => d.channel === "letter")!;
    expect(letter).toMatchObject({ status: "queued", target: "letter" });
    expect(letter.letterNumber).toMatch(/^\d{16}$/);
    expect(await t.db.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ nextStep: null, nextStepAt: null });
  });

  it("no consent: a letter at once, no push and no SMS", async () => {
    const id = await send(japanese.rrn, japanese.name);
    expect(await runDueSteps(deps, T0)).toMatchObject({ claimed: 1, pushes: 0, sms: 0, letters: 1 });
    expect((await deliveries(id)).map((d) => `${d.channel}:${d.status}`)).toEqual(["letter:queued"]);
  });

  it("waits for 08:00 in Seoul when due in quiet hours", async () => {
    const id = await send(vietnamese.rrn, vietnamese.name);
    const night = new Date("2026-11-23T13:30:00Z"); // 22:30 KST
    expect(await runDueSteps(deps, night)).toMatchObject({ claimed: 1, postponed: 1, pushes: 0 });
    expect((await t.db.notice.findUniqueOrThrow({ where: { id } })).nextStepAt).toEqual(new Date("2026-11-23T23:00:00Z"));
    expect(await deliveries(id)).toEqual([]);
  });

  it("an expired subscription answers 410: it is removed and the SMS goes now", async () => {
    const lan = await personOf(vietnamese.rrn);
    const second = await subscribe(vietnamese.rrn);
    await push.expire(second.clientHash);
    await t.db.pushSubscription.deleteMany({ where: { personId: lan.id, endpoint: device.endpoint } });
    const id = await send(vietnamese.rrn, vietnamese.name);
    expect(await runDueSteps(deps, T0)).toMatchObject({ claimed: 1, pushes: 0, failed: 1 });
    expect(await t.db.pushSubscription.count({ where: { personId: lan.id } })).toBe(0);
    expect(await deliveries(id)).toMatchObject([{ channel: "push", status: "permanent-failure" }]);
    expect(await t.db.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ nextStep: "sms", nextStepAt: T0 });
    expect(await runDueSteps(deps, T0)).toMatchObject({ claimed: 1, sms: 1 });
    device = await subscribe(vietnamese.rrn);
  });

  it("never sends a step twice, even when the same notices are swept again", async () => {
    const id = await send(vietnamese.rrn, vietnamese.name);
    await runDueSteps(deps, T0);
    await pool.query(`UPDATE "Notice" SET "nextStep" = 'push', "nextStepAt" = $2 WHERE id = $1`, [id, T0]);
    expect(await runDueSteps(deps, T0)).toMatchObject({ claimed: 1, pushes: 0 });
    const messages = (await push.notifications(device.clientHash)).filter((m) => m.includes(id));
    expect(messages).toHaveLength(1);
  });

  it("runDueRounds: rounds whose claims overlap the previous round's sends push each notice once, and stop when told", async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await send(vietnamese.rrn, vietnamese.name));
    expect(await runDueRounds(deps, () => T0, () => false, 2)).toMatchObject({ claimed: 2, pushes: 2, rounds: 1 });
    expect(await runDueRounds(deps, () => T0, () => true, 2)).toMatchObject({ claimed: 3, pushes: 3, rounds: 2 });
    const received = (await push.notifications(device.clientHash)).map((m) => (JSON.parse(m) as { noticeId: string }).noticeId);
    for (const id of ids) {
      expect(received.filter((r) => r === id)).toHaveLength(1);
      expect(await deliveries(id)).toMatchObject([{ channel: "push", status: "sent" }]);
    }
  });
});
