import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError, type AnyTRPCProcedure } from "@trpc/server";
import { createApiKey } from "../agencies/api-keys";
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
afterAll(() => t?.drop());

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
  helper: ["citizen"],
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

  it("step-up is required to add or remove a passkey", async () => {
    const caller = callAs({ ...who.citizenB, steppedUpAt: new Date(Date.now() - 6 * 60_000) });
    const refused = await caller.passkeys.remove({ id: ids.passkeyB }).catch((e: TRPCError) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toBe("STEP_UP_REQUIRED");
    expect(await codeOf(caller.passkeys.registrationOptions())).toBe("FORBIDDEN");
    expect(await t.db.passkey.count({ where: { id: ids.passkeyB } })).toBe(1);
  });
});
