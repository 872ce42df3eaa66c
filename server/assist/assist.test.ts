import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSession, resolveSession, type SessionPrincipal } from "../identity/sessions";
import { rrnToCi } from "../identity/rrn";
import { DEFAULT_PREFERENCES } from "../preferences/preferences";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { paymentWorld, SECRET, type PaymentWorld } from "../test/payments";
import type { Context } from "../trpc/context";
import { createCallerFactory } from "../trpc/init";
import { appRouter } from "../trpc/router";
import type { SmsMessage } from "../providers/sms/types";
import { sendAssistMessage } from "./send-message";

/**
 * Assisted service through the procedures the pages use: staff at the counter and proxies act only
 * within an active grant's scopes, checked on every request; the limits hold on the server.
 */
let t: TestDatabase;
let w: PaymentWorld;
let staffId: string;
const CI_SECRET = "c".repeat(32);
const RRN = "480315-2123459";
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY + 9 * 3_600_000).toISOString().slice(0, 10);
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").toString("base64");

beforeAll(async () => {
  t = await createTestDatabase();
  w = await paymentWorld(t);
  Object.assign(process.env, { DATABASE_URL: t.url, CI_SECRET, TOSS_API_URL: w.sandbox.url, TOSS_SECRET_KEY: SECRET, TOSS_CLIENT_KEY: "test_ck_assist", PUBLIC_URL: "https://moa.example" });
  await t.db.person.update({ where: { id: w.people.me }, data: { ci: rrnToCi(RRN, CI_SECRET), birthDate: new Date("1948-03-15"), phone: "010-2000-0001", locale: "ko" } });
  const center = await t.db.communityCenter.create({ data: { code: "JR1", name: { ko: "종로1동", en: "Jongno 1-dong", ja: "鍾路1洞", zh: "钟路1洞", th: "ช็องโน 1", vi: "Jongno 1-dong" }, address: "-", phone: "-" } });
  const message = { title: "Premium", summary: "-", body: "-" };
  await t.db.template.updateMany({ data: { messages: { ko: message, en: message, ja: message, zh: message, th: message, vi: message } } });
  staffId = (await t.db.staff.create({ data: { centerId: center.id, username: "clerk", name: "이민수", passwordHash: "x" } })).id;
});
afterAll(async () => {
  const { getPgPool } = await import("../db/pool");
  await getPgPool().end();
  await w?.close();
  await t?.drop();
});

async function session(type: "citizen" | "staff", id: string): Promise<string> {
  return (await createSession(t.db, { type, id, now: new Date(), steppedUp: true })).token;
}
const principalOf = async (token: string) => (await resolveSession(t.db, token, new Date()))!;
const as = async (token: string) => {
  const principal: SessionPrincipal = await principalOf(token);
  const ctx: Context = { db: t.db, principal, locale: "ko", preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() };
  return createCallerFactory(appRouter)(ctx);
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? `${e.code}:${e.message}` : Promise.reject(e)),
  );

/** Finds the senior by RRN, checks her ID and records paper consent: the staff session then acts for her. */
async function paperSession(scopes: ("notice:read" | "payment:pay")[], minutes = 30) {
  const staff = await session("staff", staffId);
  const found = await (await as(staff)).assist.find({ rrn: RRN });
  const { grantId } = await (await as(staff)).assist.open({ personId: found.id, idCheck: { document: "resident-card", last4: "3459" }, consentMethod: "paper-form", scopes, minutes });
  await (await as(staff)).assist.paperConsent({ grantId, formNumber: "F-2026-0001", scanBase64: PNG, scanType: "image/png" });
  return { staff, grantId };
}

describe("the counter", () => {
  // Each case starts at a free counter: sessions a previous case left running are over.
  beforeEach(() => t.db.grant.updateMany({ where: { kind: "assist", status: "active" }, data: { status: "ended" } }));

  it("finds the citizen by RRN or by name, birth date and phone, and never keeps the RRN", async () => {
    const staff = await as(await session("staff", staffId));
    expect(await staff.assist.find({ rrn: RRN })).toMatchObject({ id: w.people.me, name: "김순자", phoneMasked: "•••-••••-0001" });
    expect((await staff.assist.find({ name: "김순자", birthDate: "1948-03-15", phoneLast4: "0001" })).id).toBe(w.people.me);
    expect(await refusal(staff.assist.find({ name: "김순자", birthDate: "1948-03-15", phoneLast4: "9999" }))).toBe("NOT_FOUND:CITIZEN_NOT_FOUND");
    expect(await refusal(staff.assist.find({ rrn: "480315-2123450" }))).toBe("NOT_FOUND:CITIZEN_NOT_FOUND");
    const lookups = await t.db.auditEvent.findMany({ where: { action: "assist.lookup" }, select: { actorId: true, onBehalfOf: true, detail: true } });
    expect(lookups.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(lookups)).not.toMatch(/480315|2123459/);
  });

  it("enrols at the counter a resident who never signed in, with the notices already sent to her", async () => {
    const rrn = "520101-2000001";
    const ci = rrnToCi(rrn, CI_SECRET);
    const template = await t.db.template.findFirstOrThrow();
    const letter = await t.db.notice.create({
      data: { agencyId: template.agencyId, templateId: template.id, recipientCi: ci, reference: "PAPER-1", requestHash: "0".repeat(64), recipientName: "박말순", fields: {}, originalKo: "-", originalSha256: "0".repeat(64), route: "postal" },
    });
    const staff = await as(await session("staff", staffId));
    expect(await refusal(staff.assist.find({ rrn }))).toBe("NOT_FOUND:CITIZEN_NOT_FOUND");
    const found = await staff.assist.enrol({ rrn, name: "박말순", phone: "010-3000-0001" });
    expect(found).toMatchObject({ name: "박말순", birthDate: "1952-01-01", phoneMasked: "•••-••••-0001" });
    expect((await t.db.notice.findUniqueOrThrow({ where: { id: letter.id } })).personId).toBe(found.id);
    expect((await staff.assist.enrol({ rrn, name: "someone else" })).id).toBe(found.id);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "citizen.enrolled" }, select: { actorId: true, onBehalfOf: true, detail: true } });
    expect(audit).toEqual({ actorId: staffId, onBehalfOf: found.id, detail: { at: "counter", notices: 1 } });
    expect(JSON.stringify(await t.db.person.findUniqueOrThrow({ where: { id: found.id } }))).not.toContain("520101");
  });

  it("under paper consent, staff read her notices and pay only with her signature; every action names staff and citizen", async () => {
    const notice = await w.notice(w.people.me, "premium", 40_000, day(3));
    await w.notice(w.people.other, "premium", 10_000, day(3));
    const { staff, grantId } = await paperSession(["notice:read", "payment:pay"]);
    const acting = await as(staff);
    expect(await acting.assist.current()).toMatchObject({ grantId, name: "김순자", active: true, consentMethod: "paper-form" });
    expect(await refusal(acting.assist.open({ personId: w.people.other, idCheck: { document: "passport", last4: "0000" }, consentMethod: "paper-form", scopes: ["notice:read"], minutes: 30 }))).toBe("CONFLICT:SESSION_IN_PROGRESS");
    const inbox = await acting.notices.list({ filter: "all" });
    expect(inbox.items.map((i) => i.id)).toContain(notice);
    expect(inbox.items).toHaveLength((await t.db.notice.count({ where: { personId: w.people.me } })));
    await acting.notices.open({ id: notice });
    const read = await t.db.auditEvent.findFirstOrThrow({ where: { action: "notice.read", targetId: notice } });
    expect(read).toMatchObject({ actorType: "staff", actorId: staffId, onBehalfOf: w.people.me, detail: { method: "assisted", grantId } });

    const quote = await acting.payments.quote({ noticeIds: [notice] });
    expect(await refusal(acting.payments.start({ quoteId: quote.quoteId, idempotencyKey: "assist-start-1" }))).toBe("BAD_REQUEST:CITIZEN_CONFIRMATION_REQUIRED");
    expect(await refusal(acting.payments.start({ quoteId: quote.quoteId, idempotencyKey: "assist-start-1", citizenConfirmation: { code: "123456" } }))).toBe("BAD_REQUEST:CITIZEN_CONFIRMATION_REQUIRED");
    const started = await acting.payments.start({ quoteId: quote.quoteId, idempotencyKey: "assist-start-1", citizenConfirmation: { signedSlip: "S-77" } });
    expect(started.windowUrl).toContain("orderId=");
    // A retry replays the answer without asking again.
    expect(await acting.payments.start({ quoteId: quote.quoteId, idempotencyKey: "assist-start-1" })).toEqual(started);
    expect(await t.db.auditEvent.findFirst({ where: { action: "payment.citizen-confirmed", onBehalfOf: w.people.me } })).toMatchObject({ actorType: "staff", detail: { method: "signature", slip: "S-77", grantId } });

    expect(await (await as(staff)).assist.end({ grantId })).toEqual({ printedSummary: true });
    expect(await refusal((await as(staff)).notices.list({ filter: "all" }))).toBe("FORBIDDEN:FORBIDDEN");
  });

  it("refuses outside scope, after expiry, and once she revokes mid-session", async () => {
    const notice = await w.notice(w.people.me, "premium", 10_000, day(5));
    const { staff, grantId } = await paperSession(["notice:read"]);
    expect(await refusal((await as(staff)).payments.quote({ noticeIds: [notice] }))).toBe("FORBIDDEN:NOT_IN_SCOPE");
    expect(await refusal((await as(staff)).payments.history())).toBe("FORBIDDEN:NOT_IN_SCOPE");

    await t.db.grant.update({ where: { id: grantId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await refusal((await as(staff)).notices.list({ filter: "all" }))).toBe("FORBIDDEN:GRANT_ENDED");
    expect(await (await as(staff)).assist.end({ grantId })).toEqual({ printedSummary: true });

    const second = await paperSession(["notice:read"]);
    expect(await refusal((await as(second.staff)).notices.list({ filter: "all" }))).toBe("OK");
    const citizen = await as(await session("citizen", w.people.me));
    await citizen.grants.revoke({ grantId: second.grantId });
    expect(await refusal((await as(second.staff)).notices.list({ filter: "all" }))).toBe("FORBIDDEN:FORBIDDEN");
    expect(await t.db.grant.findUniqueOrThrow({ where: { id: second.grantId } })).toMatchObject({ status: "revoked", revokedBy: "citizen" });
  });

  it("reaches her wallet only with a certificate scope, and sharing only with credential:share", async () => {
    const { staff } = await paperSession(["notice:read"]);
    expect(await refusal((await as(staff)).credentials.list())).toBe("FORBIDDEN:NOT_IN_SCOPE");
    await t.db.grant.updateMany({ where: { staffId, status: "active" }, data: { scopes: ["credential:issue"] } });
    expect(await refusal((await as(staff)).credentials.list())).toBe("OK");
    expect(await refusal((await as(staff)).credentials.shares.list({ credentialId: "00000000-0000-7000-8000-000000000000" }))).toBe("FORBIDDEN:NOT_IN_SCOPE");
    expect(await refusal((await as(staff)).credentials.forget({ id: "00000000-0000-7000-8000-000000000000" }))).toBe("FORBIDDEN:FORBIDDEN");
  });

  it("changes her display modes only with settings:accessibility, on her profile", async () => {
    const { staff } = await paperSession(["notice:read"]);
    const modes = { textSize: 200 as const, screenReader: true, highContrast: false };
    expect(await refusal((await as(staff)).preferences.updateSubject(modes))).toBe("FORBIDDEN:NOT_IN_SCOPE");
    await t.db.grant.updateMany({ where: { staffId, status: "active" }, data: { scopes: ["settings:accessibility"] } });
    await (await as(staff)).preferences.updateSubject(modes);
    expect(await t.db.person.findUniqueOrThrow({ where: { id: w.people.me } })).toMatchObject(modes);
    expect(await t.db.auditEvent.findFirst({ where: { action: "preferences.changed", onBehalfOf: w.people.me } })).toMatchObject({ actorType: "staff", actorId: staffId });
  });

  it("never lets staff change her channels or consent, manage grants, or reach her own-account procedures", async () => {
    const { staff } = await paperSession(["notice:read", "payment:pay"]);
    const acting = await as(staff);
    const attempts = [
      acting.account.setElectronicConsent({ consent: false }),
      acting.account.me(),
      acting.account.accessLog({}),
      acting.notifications.setChannels({ pushEnabled: false, smsEnabled: false }),
      acting.grants.invite({ scopes: ["notice:read"], days: 30, label: "x" }),
      acting.grants.list(),
      acting.grants.revoke({ grantId: "00000000-0000-7000-8000-000000000000" }),
      acting.passkeys.status(),
    ];
    for (const attempt of attempts) expect(await refusal(attempt)).toBe("FORBIDDEN:FORBIDDEN");
  });

  it("takes consent by SMS code (5 tries) or by approval on her phone", async () => {
    const staffToken = await session("staff", staffId);
    const staff = await as(staffToken);
    const { grantId } = await staff.assist.open({ personId: w.people.me, idCheck: { document: "passport", last4: "M123" }, consentMethod: "sms-code", scopes: ["notice:read"], minutes: 15 });
    const job = await w.pool.query(`SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id WHERE k.identifier = 'assist-message' ORDER BY j.id DESC LIMIT 1`);
    expect(job.rows[0].payload).toEqual({ grantId, what: "consent-code" });
    const sent: SmsMessage[] = [];
    const deps = { publicUrl: "https://moa.example", push: async () => ({ kind: "sent" as const }), sms: { send: async (m: SmsMessage) => (sent.push(m), { messageIds: ["1"] }), onReceipt() {}, close: async () => {} } };
    expect(await sendAssistMessage(t.db, deps, { grantId, what: "consent-code" }, new Date())).toBe("sms");
    expect(sent[0]).toMatchObject({ to: "010-2000-0001" });
    expect(sent[0].text).toContain("종로1동");
    const code = /\d{6}/.exec(sent[0].text)![0];
    const wrong = code === "000000" ? "000001" : "000000";
    expect(await refusal(staff.assist.confirmCode({ grantId, code: wrong }))).toBe("BAD_REQUEST:CODE_WRONG");
    expect(JSON.stringify(await t.db.grant.findUniqueOrThrow({ where: { id: grantId } }))).not.toContain(code);
    await staff.assist.confirmCode({ grantId, code });
    expect((await (await as(staffToken)).assist.current())?.active).toBe(true);
    await (await as(staffToken)).assist.end({ grantId });
    expect((await w.pool.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'grantId' = $1 AND payload->>'what' = 'summary'`, [grantId])).rows[0].n).toBe(1);

    // Approval on her phone: she denies one request, approves the next.
    await t.db.pushSubscription.create({ data: { personId: w.people.me, endpoint: "https://push.example/1", p256dh: "p", auth: "a", label: "Phone" } });
    const citizen = await as(await session("citizen", w.people.me));
    const denied = await staff.assist.open({ personId: w.people.me, idCheck: { document: "resident-card", last4: "3459" }, consentMethod: "phone-approval", scopes: ["notice:read"], minutes: 30 });
    expect(await citizen.grants.approval({ grantId: denied.grantId })).toMatchObject({ status: "pending", staffName: "이민수", center: "종로1동" });
    await citizen.grants.answer({ grantId: denied.grantId, approve: false });
    expect(await refusal(staff.assist.begin({ grantId: denied.grantId }))).toBe("FORBIDDEN:GRANT_NOT_FOUND");
    const approved = await staff.assist.open({ personId: w.people.me, idCheck: { document: "resident-card", last4: "3459" }, consentMethod: "phone-approval", scopes: ["notice:read"], minutes: 30 });
    expect(await refusal(staff.assist.begin({ grantId: approved.grantId }))).toBe("CONFLICT:CONSENT_PENDING");
    const stranger = await as(await session("citizen", w.people.other));
    expect(await refusal(stranger.grants.answer({ grantId: approved.grantId, approve: true }))).toBe("NOT_FOUND:GRANT_NOT_FOUND");
    await citizen.grants.answer({ grantId: approved.grantId, approve: true });
    await staff.assist.begin({ grantId: approved.grantId });
    expect(await refusal((await as(staffToken)).notices.list({ filter: "all" }))).toBe("OK");
    await (await as(staffToken)).assist.end({ grantId: approved.grantId });
  });

  it("another staff member cannot use, end or follow someone else's session", async () => {
    const { grantId } = await paperSession(["notice:read"]);
    const center = await t.db.staff.findUniqueOrThrow({ where: { id: staffId } });
    const otherStaff = await t.db.staff.create({ data: { centerId: center.centerId, username: "clerk2", name: "박영희", passwordHash: "x" } });
    const token = await session("staff", otherStaff.id);
    const other = await as(token);
    expect(await refusal(other.assist.status({ grantId }))).toBe("NOT_FOUND:GRANT_NOT_FOUND");
    expect(await other.assist.end({ grantId })).toEqual({ printedSummary: false });
    expect((await t.db.grant.findUniqueOrThrow({ where: { id: grantId } })).status).toBe("active");
    expect(await refusal(other.notices.list({ filter: "all" }))).toBe("FORBIDDEN:FORBIDDEN");
  });
});

describe("standing proxy", () => {
  it("she invites her son with step-up; he accepts, acts for her and pays; she sees it and revokes", async () => {
    const mother = w.people.me;
    const son = w.people.other;
    const notice = await w.notice(mother, "premium", 25_000, day(2));
    const motherToken = await session("citizen", mother);
    await t.db.session.updateMany({ where: { principalId: mother }, data: { steppedUpAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await refusal((await as(motherToken)).grants.invite({ scopes: ["notice:read", "payment:pay"], days: 365, label: "Minh" }))).toBe("FORBIDDEN:STEP_UP_REQUIRED");
    const fresh = await as(await session("citizen", mother));
    const { grantId, token } = await fresh.grants.invite({ scopes: ["notice:read", "payment:pay"], days: 365, label: "Minh" });
    expect(await refusal(fresh.grants.accept({ token }))).toBe("BAD_REQUEST:CANNOT_HELP_SELF");

    const sonToken = await session("citizen", son);
    const sonCaller = await as(sonToken);
    expect(await sonCaller.grants.invitation({ token })).toMatchObject({ name: "김순자", days: 365, own: false });
    await sonCaller.grants.accept({ token });
    expect(await refusal(sonCaller.grants.accept({ token }))).toBe("NOT_FOUND:INVITATION_INVALID");
    const before = await sonCaller.notices.list({ filter: "all" });
    expect(before.items.map((i) => i.id)).not.toContain(notice);
    await sonCaller.grants.actFor({ grantId });
    const acting = await as(sonToken);
    expect(await acting.grants.acting()).toMatchObject({ grantId, name: "김순자", kind: "proxy", active: true });
    expect((await acting.notices.list({ filter: "all" })).items.map((i) => i.id)).toContain(notice);
    const quote = await acting.payments.quote({ noticeIds: [notice] });
    // A proxy pays from their own account without the counter's confirmation.
    expect((await acting.payments.start({ quoteId: quote.quoteId, idempotencyKey: "proxy-start-1" })).windowUrl).toContain(quote.orderId);

    const seen = await fresh.account.accessLog({ actor: "helper" });
    expect(seen.items.map((i) => i.action)).toEqual(expect.arrayContaining(["grant.accepted", "grant.acting"]));
    expect(seen.items.every((i) => i.who === "박민수")).toBe(true);

    await fresh.grants.revoke({ grantId });
    expect(await refusal((await as(sonToken)).notices.list({ filter: "all" }))).toBe("OK");
    expect((await (await as(sonToken)).notices.list({ filter: "all" })).items.map((i) => i.id)).not.toContain(notice);
    expect(await refusal((await as(sonToken)).grants.actFor({ grantId }))).toBe("NOT_FOUND:GRANT_NOT_FOUND");
  });

  it("a supervisor at the counter sees and ends her standing helpers; other staff see none", async () => {
    const fresh = await as(await session("citizen", w.people.me));
    const { grantId, token } = await fresh.grants.invite({ scopes: ["notice:read"], days: 30, label: "x" });
    const sonToken = await session("citizen", w.people.other);
    await (await as(sonToken)).grants.accept({ token });
    await (await as(sonToken)).grants.actFor({ grantId });
    const clerk = await as(await session("staff", staffId));
    expect(await clerk.assist.proxies({ personId: w.people.me })).toBeNull();
    expect(await refusal(clerk.assist.revokeProxy({ grantId }))).toBe("FORBIDDEN:NOT_SUPERVISOR");
    const center = await t.db.staff.findUniqueOrThrow({ where: { id: staffId } });
    const boss = await t.db.staff.create({ data: { centerId: center.centerId, username: "boss", name: "최상담", passwordHash: "x", supervisor: true } });
    const supervisor = await as(await session("staff", boss.id));
    expect((await supervisor.assist.proxies({ personId: w.people.me }))!.map((p) => p.id)).toContain(grantId);
    await supervisor.assist.revokeProxy({ grantId });
    expect(await t.db.grant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({ status: "revoked", revokedBy: "supervisor" });
    expect(await (await as(sonToken)).grants.acting()).toBeNull();
  });

  it("a grant acted on after it was revoked is refused on the next request, and a helper cannot take another's grant", async () => {
    const fresh = await as(await session("citizen", w.people.me));
    const { grantId, token } = await fresh.grants.invite({ scopes: ["notice:read"], days: 30, label: "x" });
    const sonToken = await session("citizen", w.people.other);
    await (await as(sonToken)).grants.accept({ token });
    await (await as(sonToken)).grants.actFor({ grantId });
    // Revoked behind the session's back (as by a supervisor's database action): the session still names it.
    await t.db.grant.update({ where: { id: grantId }, data: { status: "revoked" } });
    expect(await refusal((await as(sonToken)).notices.list({ filter: "all" }))).toBe("FORBIDDEN:GRANT_ENDED");

    const third = await t.db.person.create({ data: { ci: "Z".repeat(88), name: "Third" } });
    const thirdToken = await session("citizen", third.id);
    expect(await refusal((await as(thirdToken)).grants.actFor({ grantId }))).toBe("NOT_FOUND:GRANT_NOT_FOUND");
    await t.db.session.updateMany({ where: { principalId: third.id }, data: { actingGrantId: grantId } });
    expect(await refusal((await as(thirdToken)).notices.list({ filter: "all" }))).toBe("FORBIDDEN:FORBIDDEN");
  });
});
