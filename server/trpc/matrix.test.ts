import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError, type AnyTRPCProcedure } from "@trpc/server";
import { createApiKey } from "../agencies/api-keys";
import { appendAudit } from "../audit/chain";
import { getPgPool } from "../db/pool";
import { createSession, resolveSession, type SessionPrincipal } from "../identity/sessions";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { DEFAULT_PREFERENCES } from "../preferences/preferences";
import type { Meta } from "./init";
import type { Context } from "./context";
import { appRouter } from "./router";
import { createCallerFactory } from "./init";

/**
 * Every procedure, called as every kind of caller: refused wherever its declared role does not
 * admit the caller, and, where it does, limited to the caller's own objects.
 */
let t: TestDatabase;
const who: Record<"citizenA" | "citizenB" | "staff" | "operatorA" | "operatorB" | "operatorNoKeys", SessionPrincipal> = {} as never;
const ids = { passkeyB: "cred-of-b", keyOfAgencyB: "", batchOfB: "", batchOfA: "" };

async function principal(type: SessionPrincipal["type"], id: string): Promise<SessionPrincipal> {
  const { token } = await createSession(t.db, { type, id, now: new Date(), steppedUp: true });
  return (await resolveSession(t.db, token, new Date()))!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const [a, b] = await Promise.all(["A", "B"].map((n) => t.db.person.create({ data: { ci: n.repeat(88), name: `Citizen ${n}` } })));
  const [agencyA, agencyB] = await Promise.all(["AAA", "BBB"].map((code) => t.db.agency.create({ data: { code, name: { en: code } } })));
  const operator = (agencyId: string, email: string, permissions: string[]) =>
    t.db.agencyOperator.create({ data: { agencyId, email, name: email, passwordHash: "x", permissions } });
  const center = await t.db.communityCenter.create({ data: { code: "C1", name: { en: "C1" }, address: "-", phone: "-" } });
  const staff = await t.db.staff.create({ data: { centerId: center.id, username: "s", name: "S", passwordHash: "x" } });
  const [opA, opB, opNone] = await Promise.all([
    operator(agencyA.id, "a@x", ["manage-api-keys", "send", "view-figures"]),
    operator(agencyB.id, "b@x", ["manage-api-keys"]),
    operator(agencyA.id, "n@x", ["send"]),
  ]);
  await t.db.passkey.create({ data: { id: ids.passkeyB, personId: b.id, publicKey: Buffer.from([1]), name: "B's phone" } });
  await seedConsole(agencyA.id, agencyB.id);
  ids.keyOfAgencyB = (await createApiKey(t.db, { agencyId: agencyB.id, kind: "test", name: "B" }, { type: "system", id: null }, new Date())).id;
  who.citizenA = await principal("citizen", a.id);
  who.citizenB = await principal("citizen", b.id);
  who.staff = await principal("staff", staff.id);
  who.operatorA = await principal("operator", opA.id);
  who.operatorB = await principal("operator", opB.id);
  who.operatorNoKeys = await principal("operator", opNone.id);
});
afterAll(async () => {
  // The process-wide pool the payment procedures reach (the ownership case below points it here).
  if (process.env.DATABASE_URL) await getPgPool().end();
  await t?.drop();
});

/** One template, notice and batch per agency, for the console's ownership cases. */
async function seedConsole(agencyA: string, agencyB: string) {
  const label = (en: string) => ({ ko: en, en, ja: en, zh: en, th: en, vi: en });
  const message = { title: "{place}: {amount, number, krw} by {due, date, legal}", summary: "{year}", body: "{agencyName}" };
  for (const [agencyId, code] of [[agencyA, "AAA"], [agencyB, "BBB"]]) {
    const template = await t.db.template.create({
      data: {
        agencyId,
        kind: `fine-${code}`,
        version: 1,
        name: label(`Fine ${code}`),
        fieldSchema: {
          place: { type: "text", required: true, label: label("Place") },
          amount: { type: "krw", required: true, label: label("Amount") },
          due: { type: "date", required: true, label: label("Due") },
          year: { type: "integer", required: true, label: label("Year") },
        },
        messages: { ko: message, en: message, ja: message, zh: message, th: message, vi: message },
      },
    });
    await t.db.notice.create({
      data: {
        agencyId,
        templateId: template.id,
        recipientCi: code[0].repeat(88),
        reference: `REF-${code}`,
        requestHash: "0".repeat(64),
        recipientName: "Someone",
        fields: {},
        originalKo: "-",
        originalSha256: "0".repeat(64),
        route: "postal",
      },
    });
    const batch = await t.db.noticeBatch.create({ data: { agencyId, state: "done", format: "csv", rowsRead: 3, accepted: 2, rejected: 1 } });
    if (code === "AAA") ids.batchOfA = batch.id;
    else ids.batchOfB = batch.id;
  }
}

const agencyOf = async (p: SessionPrincipal) => (await t.db.agencyOperator.findUniqueOrThrow({ where: { id: p.id } })).agencyId;

const callerFactory = createCallerFactory(appRouter);
function callAs(p: SessionPrincipal | null) {
  const ctx: Context = { db: t.db, principal: p, locale: "en", preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() };
  return callerFactory(ctx);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>);
const CALLERS = ["signed-out", "citizen", "staff", "operator"] as const;
const admits: Record<string, readonly (typeof CALLERS)[number][]> = {
  public: CALLERS,
  "signed-in": ["citizen", "staff", "operator"],
  citizen: ["citizen"],
  // Staff reach a citizen's account only through an active assist grant (server/assist/assist.test.ts).
  subject: ["citizen"],
  staff: ["staff"],
  operator: ["operator"],
};

describe("authorization matrix", () => {
  const cases = procedures.flatMap(([name, proc]) => CALLERS.map((caller) => [name, caller, (proc._def.meta as Meta).rule!.role] as const));

  it.each(cases)("%s as %s", async (name, caller, role) => {
    const p = { "signed-out": null, citizen: who.citizenA, staff: who.staff, operator: who.operatorA }[caller];
    const path = name.split(".");
    let fn: unknown = callAs(p);
    for (const part of path) fn = (fn as Record<string, unknown>)[part];
    // Empty input: callers the role admits get past the role check (then maybe BAD_REQUEST).
    const code = await codeOf((fn as (input?: unknown) => Promise<unknown>)(undefined));
    if (admits[role].includes(caller)) expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(code);
    else expect(code).toBe(caller === "signed-out" ? "UNAUTHORIZED" : "FORBIDDEN");
  });
});

describe("ownership", () => {
  it("a citizen cannot remove another citizen's passkey", async () => {
    expect(await codeOf(callAs(who.citizenA).passkeys.remove({ id: ids.passkeyB }))).toBe("NOT_FOUND");
    expect(await t.db.passkey.count({ where: { id: ids.passkeyB } })).toBe(1);
  });

  it("a citizen can neither see nor remove another citizen's push devices", async () => {
    const b = who.citizenB.id;
    const device = await t.db.pushSubscription.create({ data: { personId: b, endpoint: "https://push.example/b", p256dh: "BAAA", auth: "AAAA", label: "B's phone" } });
    expect((await callAs(who.citizenA).notifications.status()).devices).toEqual([]);
    expect(await codeOf(callAs(who.citizenA).notifications.remove({ id: device.id }))).toBe("NOT_FOUND");
    expect(await t.db.pushSubscription.count({ where: { id: device.id } })).toBe(1);
    // Subscribing B's endpoint from A's session moves it to A (the browser is A's now); B is no longer pushed to it.
    await callAs(who.citizenA).notifications.subscribe({ endpoint: device.endpoint, keys: { p256dh: "BBBB", auth: "BBBB" }, label: "Shared PC" });
    expect((await callAs(who.citizenB).notifications.status()).devices).toEqual([]);
  });

  it("a citizen sees only their own passkeys and profile", async () => {
    const status = await callAs(who.citizenA).passkeys.status();
    expect(status.passkeys).toEqual([]);
    expect((await callAs(who.citizenA).account.me()).name).toBe("Citizen A");
  });

  it("a citizen sees only others' access to their own account", async () => {
    const [a, b] = [who.citizenA.id, who.citizenB.id];
    await appendAudit(t.db, { actorType: "staff", actorId: who.staff.id, onBehalfOf: a, action: "notice.read" });
    for (const e of [
      { actorType: "staff", actorId: who.staff.id, action: "notice.read" },
      { actorType: "citizen", actorId: a, action: "notice.read" },
      { actorType: "operator", actorId: who.operatorA.id, action: "payment.item-cancelled" },
      { actorType: "system", action: "payment.expired" },
      { actorType: "citizen", actorId: b, action: "citizen.sign-in" },
    ] as const) await appendAudit(t.db, { ...e, onBehalfOf: b });
    const ofA = await callAs(who.citizenA).account.accessLog({});
    expect(ofA.items.map((i) => [i.kind, i.who, i.place])).toEqual([["staff", "S", "C1"]]);
    const ofB = await callAs(who.citizenB).account.accessLog({ actor: "all" });
    expect(ofB.items.map((i) => [i.kind, i.who, i.action])).toEqual([
      ["system", null, "payment.expired"],
      ["agency", "AAA", "payment.item-cancelled"],
      ["helper", "Citizen A", "notice.read"],
      ["staff", "S", "notice.read"],
    ]);
    expect((await callAs(who.citizenB).account.accessLog({ actor: "helper" })).items.map((i) => i.who)).toEqual(["Citizen A"]);
    const first = await callAs(who.citizenB).account.accessLog({ actor: "all", period: "30d" });
    expect(first.next).toBeNull();
    expect(await codeOf(callAs(who.citizenB).account.accessLog({ before: "not-a-cursor" }))).toBe("BAD_REQUEST");
  });

  it("an operator cannot see or revoke another agency's keys", async () => {
    const listA = await callAs(who.operatorA).apiKeys.list();
    expect(listA.map((k) => k.id)).not.toContain(ids.keyOfAgencyB);
    expect(await codeOf(callAs(who.operatorA).apiKeys.revoke({ id: ids.keyOfAgencyB }))).toBe("NOT_FOUND");
    expect((await t.db.agencyApiKey.findUniqueOrThrow({ where: { id: ids.keyOfAgencyB } })).revokedAt).toBeNull();
    expect((await callAs(who.operatorB).apiKeys.list()).map((k) => k.id)).toContain(ids.keyOfAgencyB);
  });

  it("an operator without the keys permission is refused", async () => {
    expect(await codeOf(callAs(who.operatorNoKeys).apiKeys.list())).toBe("FORBIDDEN");
    expect(await codeOf(callAs(who.operatorNoKeys).apiKeys.create({ kind: "live", name: "sneaky" }))).toBe("FORBIDDEN");
  });

  it("a key created by an operator belongs to their agency and is shown once", async () => {
    const created = await callAs(who.operatorA).apiKeys.create({ kind: "test", name: "CI" });
    expect(created.key).toMatch(/^moa_test_aaa_[0-9a-f]{40}$/);
    const row = await t.db.agencyApiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).not.toContain(created.key.slice(-40));
    expect((await callAs(who.operatorA).apiKeys.list()).find((k) => k.id === created.id)).not.toHaveProperty("key");
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "api-key.created", targetId: created.id } });
    expect(audit).toMatchObject({ actorType: "operator", actorId: who.operatorA.id });
  });

  it("an operator cannot read another agency's batch", async () => {
    const a = callAs(who.operatorA).console;
    expect(await codeOf(a.batch({ id: ids.batchOfB }))).toBe("NOT_FOUND");
    expect(await codeOf(a.batch({ id: "not-a-uuid" }))).toBe("NOT_FOUND");
    expect(await a.batch({ id: ids.batchOfA })).toMatchObject({ id: ids.batchOfA, accepted: 2, rejected: 1 });
    expect((await a.batches()).map((b) => b.id)).toEqual([ids.batchOfA]);
    // Batches are for operators who may send; operator B may only manage keys.
    expect(await codeOf(callAs(who.operatorB).console.batch({ id: ids.batchOfB }))).toBe("FORBIDDEN");
    expect(await codeOf(callAs(who.operatorB).console.batches())).toBe("FORBIDDEN");
  });

  it("an operator previews and lists only their own agency's templates and notices", async () => {
    const templates = await callAs(who.operatorA).console.templates();
    expect(templates.map((x) => x.kind)).toEqual(["fine-AAA"]);
    // Sample values: a text field shows its label, amounts ₩125,000, integers 2025.
    expect(templates[0].preview.en).toMatchObject({ summary: "2025", body: "AAA" });
    expect(templates[0].preview.en!.title).toMatch(/^Place: ₩125,000 by \w+ \d+, \d{4}$/);
    expect((await callAs(who.operatorB).console.templates()).map((x) => x.kind)).toEqual(["fine-BBB"]);

    const notices = await callAs(who.operatorA).console.recentNotices();
    expect(notices.map((n) => n.reference)).toEqual(["REF-AAA"]);
    expect(notices[0]).not.toHaveProperty("recipientCi");
    expect((await callAs(who.operatorNoKeys).console.recentNotices()).map((n) => n.reference)).toEqual(["REF-AAA"]);
    expect(await codeOf(callAs(who.operatorB).console.recentNotices())).toBe("FORBIDDEN");
  });

  it("an operator sees delivery figures of their own agency only, and only with view-figures", async () => {
    const a = callAs(who.operatorA).console;
    const all = await a.figures({ period: "all" });
    // REF-AAA only: agency B's notice is not counted; no letter went out, so one letter avoided.
    expect(all).toMatchObject({ accepted: 1, read: 0, letters: 0, lettersAvoided: 1, postageSavedKrw: all.unitCostKrw });
    expect(await a.figures({ period: "7d" })).toMatchObject({ accepted: 1 });
    expect(await a.figures({ batchId: ids.batchOfA })).toMatchObject({ accepted: 0, postageSavedKrw: 0 });
    expect(await codeOf(a.figures({ batchId: ids.batchOfB }))).toBe("NOT_FOUND");
    expect(await codeOf(a.figures({ batchId: "not-a-uuid" }))).toBe("BAD_REQUEST");
    expect(await codeOf(a.figures({ period: "1y" } as never))).toBe("BAD_REQUEST");
    expect((await a.figureBatches()).map((b) => b.id)).toEqual([ids.batchOfA]);
    // Sending alone, or managing keys, is not enough.
    for (const p of [who.operatorNoKeys, who.operatorB]) {
      expect(await codeOf(callAs(p).console.figures({ period: "all" }))).toBe("FORBIDDEN");
      expect(await codeOf(callAs(p).console.figures({ batchId: ids.batchOfB }))).toBe("FORBIDDEN");
      expect(await codeOf(callAs(p).console.figureBatches())).toBe("FORBIDDEN");
    }
  });

  it("an operator without the keys permission can neither see nor change webhooks", async () => {
    const c = callAs(who.operatorNoKeys).webhooks;
    for (const call of [c.get(), c.rotateSecret(), c.sendTest(), c.setEndpoint({ url: "https://x.example/" })]) expect(await codeOf(call)).toBe("FORBIDDEN");
  });

  it("an operator sets their agency's endpoint; the secret is shown once and every change audited", async () => {
    const a = callAs(who.operatorA).webhooks;
    const agencyA = await agencyOf(who.operatorA);
    await t.db.agency.update({ where: { id: agencyA }, data: { webhookSecret: null } }); // the matrix above may have rotated one
    const auditedBefore = (await t.db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
    for (const url of ["ftp://a.example/", "https://user:pw@a.example/", "javascript:alert(1)", "not a url"]) expect(await codeOf(a.setEndpoint({ url }))).toBe("BAD_REQUEST");
    const first = await a.setEndpoint({ url: " https://a.example/hooks?token=t " });
    expect(first).toMatchObject({ url: "https://a.example/hooks?token=t", secret: expect.stringMatching(/^whsec_/) });
    expect((await a.setEndpoint({ url: "https://a.example/v2" })).secret).toBeNull();
    const { secret } = await a.rotateSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(first.secret);
    expect(await a.get()).toMatchObject({ url: "https://a.example/v2", hasSecret: true });
    expect(JSON.stringify(await a.get())).not.toContain(secret);
    const audit = await t.db.auditEvent.findMany({ where: { id: { gt: auditedBefore }, action: { startsWith: "webhook." } }, orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["webhook.endpoint-set", "webhook.endpoint-set", "webhook.secret-rotated"]);
    expect(audit.every((e) => e.actorType === "operator" && e.actorId === who.operatorA.id && e.targetId === agencyA)).toBe(true);
    expect(JSON.stringify(audit.map((e) => e.detail))).not.toMatch(/whsec_|token=t/);
  });

  it("an operator sees and tests only their own agency's webhook events", async () => {
    const [agencyA, agencyB] = [await agencyOf(who.operatorA), await agencyOf(who.operatorB)];
    await t.db.agency.update({ where: { id: agencyA }, data: { webhookUrl: "https://a.example/hooks" } });
    await t.db.agency.update({ where: { id: agencyB }, data: { webhookUrl: "https://b.example/hooks", webhookSecret: "whsec_b" } });
    await t.db.webhookEvent.create({ data: { id: "msg_of_agency_b", agencyId: agencyB, type: "webhook.test", payload: {} } });
    const { id } = await callAs(who.operatorA).webhooks.sendTest();
    expect((await callAs(who.operatorA).webhooks.get()).events.map((e) => [e.id, e.type, e.status])).toEqual([[id, "webhook.test", "pending"]]);
    expect((await callAs(who.operatorB).webhooks.get()).events.map((e) => e.id)).toEqual(["msg_of_agency_b"]);
    expect((await t.db.agency.findUniqueOrThrow({ where: { id: agencyB } })).webhookSecret).toBe("whsec_b");
  });

  it("a citizen sees, starts and confirms only their own payments; an operator refunds only their agency's bills", async () => {
    Object.assign(process.env, { DATABASE_URL: t.url, TOSS_API_URL: "http://127.0.0.1:9", TOSS_SECRET_KEY: "test_sk_matrix", TOSS_CLIENT_KEY: "test_ck_matrix" });
    const noticeB = await t.db.notice.findFirstOrThrow({ where: { reference: "REF-BBB" } });
    const item = { noticeId: noticeB.id, agencyId: noticeB.agencyId, principal: 1000n, lateCharge: 0n, amount: 1000n };
    const paid = { state: "success", amount: 1000n, quoteExpiresAt: new Date(), approvedAt: new Date(), method: "카드" };
    const ofB = await t.db.payment.create({ data: { personId: who.citizenB.id, orderId: "moa_matrix_b_1", gatewayPaymentKey: "tsb_matrix_b", ...paid, items: { create: [item] } } });
    const a = callAs(who.citizenA).payments;
    expect(await codeOf(a.get({ id: ofB.id }))).toBe("NOT_FOUND");
    expect(await a.history()).toEqual([]);
    expect(await codeOf(a.start({ quoteId: ofB.id, idempotencyKey: "matrix-start-1" }))).toBe("NOT_FOUND");
    expect(await codeOf(a.confirm({ paymentKey: "tsb_matrix_b", orderId: "moa_matrix_b_1", amount: 1000, idempotencyKey: "matrix-confirm-1" }))).toBe("NOT_FOUND");
    const quoted = await a.quote({ noticeIds: [noticeB.id] }).catch((e: TRPCError) => e);
    expect(quoted).toMatchObject({ code: "BAD_REQUEST", message: "NOTICE_NOT_FOUND" });
    expect(await t.db.payment.findUniqueOrThrow({ where: { id: ofB.id } })).toMatchObject({ state: "success", personId: who.citizenB.id });
    expect((await callAs(who.citizenB).payments.get({ id: ofB.id })).items.map((i) => i.noticeId)).toEqual([noticeB.id]);
    expect((await callAs(who.citizenB).payments.history()).map((p) => p.id)).toEqual([ofB.id]);

    // Operator A's agency has no bill in B's payment; operator B may not see payments at all.
    const cancel = { paymentId: ofB.id, noticeId: noticeB.id, amount: 1, reason: "not mine" };
    expect(await codeOf(callAs(who.operatorA).console.cancelPaymentItem(cancel))).toBe("NOT_FOUND");
    expect(await callAs(who.operatorA).console.payments({ period: "all" })).toEqual({ items: [], totals: { count: 0, amount: 0, cancelled: 0, net: 0 } });
    expect(await codeOf(callAs(who.operatorB).console.payments({ period: "all" }))).toBe("FORBIDDEN");
    expect(await codeOf(callAs(who.operatorB).console.cancelPaymentItem(cancel))).toBe("FORBIDDEN");
    const opOfB = await t.db.agencyOperator.create({ data: { agencyId: noticeB.agencyId, email: "b-payments@x", name: "B payments", passwordHash: "x", permissions: ["send"] } });
    const listed = await callAs(await principal("operator", opOfB.id)).console.payments({ period: "7d" });
    expect(listed).toMatchObject({ items: [{ paymentId: ofB.id, reference: "REF-BBB", amount: 1000, cancelledAmount: 0, method: "카드" }], totals: { count: 1, amount: 1000, net: 1000 } });
    expect((await t.db.paymentItem.findFirstOrThrow({ where: { paymentId: ofB.id } })).cancelledAmount).toBe(0n);
  });

  it("step-up is required to start a payment", async () => {
    const noticeA = await t.db.notice.findFirstOrThrow({ where: { reference: "REF-AAA" } });
    const quote = await t.db.payment.create({ data: { personId: who.citizenA.id, orderId: "moa_matrix_a_1", amount: 500n, quoteExpiresAt: new Date(Date.now() + 60_000), items: { create: [{ noticeId: noticeA.id, agencyId: noticeA.agencyId, principal: 500n, lateCharge: 0n, amount: 500n }] } } });
    const stale = callAs({ ...who.citizenA, steppedUpAt: new Date(Date.now() - 6 * 60_000) });
    expect(await stale.payments.start({ quoteId: quote.id, idempotencyKey: "matrix-stale-1" }).catch((e: TRPCError) => e.message)).toBe("STEP_UP_REQUIRED");
    const { windowUrl } = await callAs(who.citizenA).payments.start({ quoteId: quote.id, idempotencyKey: "matrix-fresh-1" });
    expect(new URL(windowUrl).searchParams.get("successUrl")).toMatch(/\/en\/pay\/return$/);
  });

  it("step-up is required to add or remove a passkey", async () => {
    const caller = callAs({ ...who.citizenB, steppedUpAt: new Date(Date.now() - 6 * 60_000) });
    const refused = await caller.passkeys.remove({ id: ids.passkeyB }).catch((e: TRPCError) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toBe("STEP_UP_REQUIRED");
    expect(await codeOf(caller.passkeys.registrationOptions())).toBe("FORBIDDEN");
    expect(await t.db.passkey.count({ where: { id: ids.passkeyB } })).toBe(1);
  });
});
