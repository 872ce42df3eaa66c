import { selfSubject } from "../assist/subject";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { seedDemo } from "../../prisma/seed/seed";
import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import type { AgencyCaller } from "../agencies/api-keys";
import { createSession, resolveSession, type SessionPrincipal } from "../identity/sessions";
import { signInCitizen } from "../identity/citizens";
import { rrnToCi } from "../identity/rrn";
import { submitNotice } from "./submit";
import { inboxCounts, listInbox, openNotice } from "./inbox";
import { noticeStatus } from "./status";
import { loadAgencyTemplates } from "./agency-templates";
import { storeChunk } from "./ingest";
import { prepareNotice } from "./input";

const SECRET = "c".repeat(40);
const NOW = new Date("2026-11-23T01:00:00Z");
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;
const senior = DEMO_CITIZENS.find((c) => c.key === "senior")!;
const japanese = DEMO_CITIZENS.find((c) => c.key === "japanese")!;
const english = DEMO_CITIZENS.find((c) => c.key === "english")!;

let t: TestDatabase;
let pool: pg.Pool;
let nts: AgencyCaller;

const notice = (reference: string, overrides: Record<string, unknown> = {}) => ({
  reference,
  template: tax.kind,
  recipient: { rrn: senior.rrn, name: senior.name },
  fields: tax.example,
  certified: false,
  ...overrides,
});

async function citizen(rrn: string, steppedUp: boolean): Promise<SessionPrincipal> {
  const person = await t.db.person.findUniqueOrThrow({ where: { ci: rrnToCi(rrn, SECRET) } });
  const { token } = await createSession(t.db, { type: "citizen", id: person.id, now: NOW, steppedUp });
  return (await resolveSession(t.db, token, NOW))!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  await seedDemo(t.db, SECRET);
  const agency = await t.db.agency.findUniqueOrThrow({ where: { code: "NTS" } });
  nts = { agencyId: agency.id, agencyCode: "NTS", keyId: "k", kind: "live" };
});
afterAll(async () => {
  await pool?.end();
  await t?.drop();
});

describe("one notice through the API pipeline", () => {
  it("is matched by RRN to the consenting resident and delivered to their inbox", async () => {
    const result = await submitNotice(pool, nts, notice("A-1"), SECRET, NOW);
    expect(result).toMatchObject({ outcome: "created", route: "electronic" });
    const row = await t.db.notice.findFirstOrThrow({ where: { reference: "A-1" } });
    expect(row.recipientCi).toBe(rrnToCi(senior.rrn, SECRET));
    expect(row.personId).not.toBeNull();
    expect(row.deliveredAt).toEqual(NOW);
    expect(row.originalKo).toContain("종합소득세");
    expect(row.originalSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers a retry with the first notice, and a reused reference with a conflict", async () => {
    const first = await submitNotice(pool, nts, notice("A-2"), SECRET, NOW);
    const again = await submitNotice(pool, nts, notice("A-2"), SECRET, NOW);
    expect(again).toEqual({ outcome: "existing", id: (first as { id: string }).id });
    const other = await submitNotice(pool, nts, notice("A-2", { fields: { ...tax.example, taxAmount: 1 } }), SECRET, NOW);
    expect(other).toEqual({ outcome: "conflict", id: (first as { id: string }).id });
    expect(await t.db.notice.count({ where: { reference: "A-2" } })).toBe(1);
  });

  it("refuses a bad RRN by column and reason, never echoing the number", async () => {
    const bad = "900230-1234567";
    const result = await submitNotice(pool, nts, notice("A-3", { recipient: { rrn: bad, name: "X" } }), SECRET, NOW);
    expect(result).toEqual({ outcome: "invalid", issues: [{ column: "recipient.rrn", reason: "invalid_rrn_birth_date" }] });
    expect(JSON.stringify(result)).not.toContain("900230");
  });

  it("reports every problem of a notice at once", async () => {
    const result = await submitNotice(pool, nts, notice("A-4", { template: "nope", recipient: { name: "=HYPERLINK(1)" }, payment: { number: "1234-5678-9", amount: "abc", dueDate: "2026-13-01" } }), SECRET, NOW);
    expect(result.outcome).toBe("invalid");
    const columns = (result as { issues: { column: string }[] }).issues.map((i) => i.column).sort();
    expect(columns).toEqual(expect.arrayContaining(["payment.amount", "payment.dueDate", "recipient.rrn"]));
  });

  it("takes a payment due date from 1900 on, as date fields", async () => {
    for (const dueDate of ["0000-01-01", "1899-12-31"]) {
      const result = await submitNotice(pool, nts, notice(`A-D-${dueDate}`, { payment: { number: "1234-5678-9012", amount: 1000, dueDate } }), SECRET, NOW);
      expect(result, dueDate).toMatchObject({ outcome: "invalid", issues: [{ column: "payment.dueDate", reason: "not_a_date" }] });
    }
  });

  it("sends a letter to a resident without consent, and to someone not enrolled, whose notice waits for them", async () => {
    expect(await submitNotice(pool, nts, notice("A-5", { recipient: { rrn: japanese.rrn, name: japanese.name } }), SECRET, NOW)).toMatchObject({ route: "postal" });
    const stranger = "010101-3123456";
    expect(await submitNotice(pool, nts, notice("A-6", { recipient: { rrn: stranger, name: "New Person" } }), SECRET, NOW)).toMatchObject({ route: "postal" });
    const waiting = await t.db.notice.findFirstOrThrow({ where: { reference: "A-6" } });
    expect(waiting.personId).toBeNull();
    await signInCitizen(t.db, { ci: rrnToCi(stranger, SECRET), name: "New Person", birthDate: "2001-01-01", phone: null, authTime: NOW }, { now: NOW, locale: "ko", stepUp: false });
    expect((await t.db.notice.findFirstOrThrow({ where: { reference: "A-6" } })).personId).not.toBeNull();
  });

  it("stops at the agency's daily limit", async () => {
    const agency = await t.db.agency.findUniqueOrThrow({ where: { code: "KNPA" } });
    await t.db.agency.update({ where: { id: agency.id }, data: { dailyNoticeLimit: 1 } });
    const knpa: AgencyCaller = { agencyId: agency.id, agencyCode: "KNPA", keyId: "k", kind: "test" };
    const fine = DEMO_TEMPLATES.find((x) => x.agency === "KNPA")!;
    const one = (ref: string) => submitNotice(pool, knpa, { reference: ref, template: fine.kind, recipient: { rrn: english.rrn, name: english.name }, fields: fine.example }, SECRET, NOW);
    expect((await one("K-1")).outcome).toBe("created");
    expect((await one("K-1")).outcome).toBe("existing");
    expect((await one("K-2")).outcome).toBe("over_daily_limit");
    expect(await t.db.notice.count({ where: { agencyId: agency.id } })).toBe(1);
  });
});

describe("reading", () => {
  it("shows a certified notice only after step-up, records the receipt once, and tells the agency", async () => {
    const created = (await submitNotice(pool, nts, notice("C-1", { certified: true, recipient: { rrn: english.rrn, name: english.name } }), SECRET, NOW)) as { id: string };
    const stale = await citizen(english.rrn, false);
    const refused = await openNotice(t.db, pool, selfSubject(stale), created.id, "en", NOW).catch((e: TRPCError) => e);
    expect((refused as TRPCError).message).toBe("STEP_UP_REQUIRED");
    expect((await noticeStatus(t.db, nts.agencyId, { id: created.id }))!.readAt).toBeNull();

    const fresh = await citizen(english.rrn, true);
    const opened = await openNotice(t.db, pool, selfSubject(fresh), created.id, "en", NOW);
    expect(opened.rendered.title).toContain("income tax");
    expect(opened.originalKo).toContain("종합소득세");
    const later = new Date(NOW.getTime() + 60_000);
    expect((await openNotice(t.db, pool, selfSubject(fresh), created.id, "en", later)).readAt).toBe(NOW.toISOString());
    expect(await noticeStatus(t.db, nts.agencyId, { id: created.id })).toMatchObject({ readAt: NOW.toISOString(), readMethod: "step-up" });
    expect(await t.db.auditEvent.count({ where: { action: "notice.read", targetId: created.id } })).toBe(1);
  });

  it("never shows one person's notice to another, nor one agency's to another", async () => {
    const created = (await submitNotice(pool, nts, notice("C-2", { recipient: { rrn: english.rrn, name: english.name } }), SECRET, NOW)) as { id: string };
    const other = await citizen(senior.rrn, true);
    expect(await openNotice(t.db, pool, selfSubject(other), created.id, "ko", NOW).catch((e: TRPCError) => e.code)).toBe("NOT_FOUND");
    const inbox = await listInbox(t.db, other.id, { filter: "all", locale: "ko", now: NOW });
    expect(inbox.items.map((i) => i.id)).not.toContain(created.id);
    const knpa = await t.db.agency.findUniqueOrThrow({ where: { code: "KNPA" } });
    expect(await noticeStatus(t.db, knpa.id, { id: created.id })).toBeNull();
  });

  it("lists the inbox newest first, hiding a certified notice's content, with filters", async () => {
    const me = await citizen(english.rrn, false);
    const inbox = await listInbox(t.db, me.id, { filter: "all", locale: "en", now: NOW });
    expect(inbox.items.length).toBeGreaterThanOrEqual(2);
    const certified = inbox.items.find((i) => i.certified)!;
    expect(certified.amountDue).toBeNull();
    // Accepted at as toISOString() writes it, from PostgreSQL's own formatting.
    const stored = await t.db.notice.findMany({ where: { id: { in: inbox.items.map((i) => i.id) } }, select: { id: true, acceptedAt: true, readAt: true } });
    for (const row of stored) {
      const item = inbox.items.find((i) => i.id === row.id)!;
      expect(item.acceptedAt).toBe(row.acceptedAt.toISOString());
      expect(item.unread).toBe(row.readAt === null);
    }
    const odd = new Date(NOW.getTime() - 953);
    await t.db.notice.update({ where: { id: certified.id }, data: { acceptedAt: odd } });
    expect((await listInbox(t.db, me.id, { filter: "all", locale: "en", now: NOW })).items.find((i) => i.id === certified.id)!.acceptedAt).toBe(odd.toISOString());
    await t.db.notice.update({ where: { id: certified.id }, data: { acceptedAt: NOW } });
    expect(certified.kind).toBeTruthy();
    const unread = await listInbox(t.db, me.id, { filter: "unread", locale: "en", now: NOW });
    expect(unread.items.every((i) => i.unread)).toBe(true);
    expect(unread.items.map((i) => i.id)).not.toContain(certified.id);
    const counts = await inboxCounts(t.db, me.id, NOW);
    expect(counts).toMatchObject({ all: inbox.items.length, unread: unread.items.length, toPay: 0, dueSoon: 0 });
    expect(counts.agencies.map((a) => a.code)).toEqual(["KNPA", "NTS"]);
    const ntsAgency = await t.db.agency.findUniqueOrThrow({ where: { code: "NTS" } });
    expect(counts.agencies[1].name).toEqual(ntsAgency.name);
    const nobody = await t.db.person.create({ data: { ci: "N".repeat(88), name: "No notices" } });
    expect(await inboxCounts(t.db, nobody.id, NOW)).toEqual({ all: 0, unread: 0, toPay: 0, dueSoon: 0, agencies: [] });
  });

  it("filters bills to pay and due soon, by agency, and pages with a cursor", async () => {
    const bill = (reference: string, dueDate: string) =>
      submitNotice(pool, nts, notice(reference, { recipient: { rrn: english.rrn, name: english.name }, payment: { number: "0123-4567-8901", amount: 12_000, dueDate } }), SECRET, NOW);
    const soon = (await bill("B-soon", "2026-11-27")) as { id: string };
    const later = (await bill("B-later", "2026-12-20")) as { id: string };
    const past = (await bill("B-past", "2026-11-01")) as { id: string };
    const me = await citizen(english.rrn, false);
    const ids = async (filter: "to-pay" | "due-soon", agency?: string) => (await listInbox(t.db, me.id, { filter, agency, locale: "en", now: NOW })).items.map((i) => i.id);
    expect(new Set(await ids("to-pay"))).toEqual(new Set([soon.id, later.id]));
    expect(await ids("due-soon")).toEqual([soon.id]);
    expect(await ids("to-pay", "KNPA")).toEqual([]);
    const item = (await listInbox(t.db, me.id, { filter: "due-soon", locale: "en", now: NOW })).items[0];
    expect(item).toMatchObject({ amountDue: 12_000, dueDate: "2026-11-27", agencyCode: "NTS" });
    expect(await inboxCounts(t.db, me.id, NOW)).toMatchObject({ toPay: 2, dueSoon: 1 });

    const all = await listInbox(t.db, me.id, { filter: "all", locale: "en", now: NOW });
    expect(all.items.map((i) => i.id)).toContain(past.id);
    // The cursor: what comes after the second notice is the rest of the list.
    const rest = await listInbox(t.db, me.id, { filter: "all", before: all.items[1].id, locale: "en", now: NOW });
    expect(rest.items.map((i) => i.id)).toEqual(all.items.slice(2).map((i) => i.id));
  });
});

describe("a resident who has not signed up yet", () => {
  it("finds the notices sent to them in their inbox at the first sign-in, through the index of unclaimed notices", async () => {
    const rrn = "010203-3123450";
    const sent = (await submitNotice(pool, nts, notice("U-1", { recipient: { rrn, name: "새주민" } }), SECRET, NOW)) as { id: string; route: string };
    expect(sent.route).toBe("postal");
    const ci = rrnToCi(rrn, SECRET);
    // The partial index serves the lookup that links them (whatever a small table's plan would prefer).
    const client = await pool.connect();
    try {
      await client.query("SET enable_seqscan = off");
      const { rows: plan } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN SELECT id FROM "Notice" WHERE "recipientCi" = $1 AND "personId" IS NULL`, [ci]);
      expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("Notice_recipientCi_idx");
    } finally {
      await client.query("RESET enable_seqscan");
      client.release();
    }

    const { personId } = await signInCitizen(t.db, { ci, name: "새주민", birthDate: null, phone: null, authTime: NOW }, { now: NOW, locale: "ko", stepUp: false });
    const inbox = await listInbox(t.db, personId, { filter: "all", locale: "ko", now: NOW });
    expect(inbox.items.map((i) => i.id)).toEqual([sent.id]);
  });
});

describe.each([
  { mode: "row checks", checkPerChunk: false, p: "R" },
  { mode: "per-chunk checks", checkPerChunk: true, p: "C" },
])("storing a chunk of notices ($mode)", ({ checkPerChunk, p }) => {
  const drafts = async (references: string[], taxAmount = 1000, rrn = senior.rrn) => {
    const templates = await loadAgencyTemplates(pool, nts.agencyId);
    return {
      templates,
      drafts: references.map((r) => {
        const prepared = prepareNotice(notice(r, { fields: { ...tax.example, taxAmount }, recipient: { rrn, name: "수신인" } }), templates.lookup, SECRET);
        if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
        return prepared.draft;
      }),
    };
  };
  const store = async (references: string[], options: { taxAmount?: number; rrn?: string; beforeCommit?: () => Promise<void>; templateId?: string } = {}) => {
    const { templates, drafts: list } = await drafts(references.map((r) => `${p}${r}`), options.taxAmount, options.rrn);
    if (options.templateId) list[0].templateId = options.templateId;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const outcomes = await storeChunk(client, list, templates, { agencyId: nts.agencyId, testMode: false, batchId: null, now: NOW, dailyLimit: 1_000_000, checkPerChunk });
      await options.beforeCommit?.();
      await client.query("COMMIT");
      return outcomes;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  };
  const count = (prefix: string) => t.db.notice.count({ where: { reference: { startsWith: `${p}${prefix}` } } });

  it("stores the new references of a chunk and answers the used ones with what is stored", async () => {
    const [first] = await store(["S-1"]);
    const outcomes = await store(["S-2", "S-1", "S-3", "S-2"], { taxAmount: 2000 });
    expect(outcomes.map((o) => o.kind)).toEqual(["accepted", "duplicate", "accepted", "duplicate"]);
    expect(outcomes[1]).toEqual({ kind: "duplicate", id: (first as { id: string }).id, sameContent: false });
    expect(outcomes[3]).toEqual({ kind: "duplicate", id: outcomes[0].id, sameContent: true });
    expect(await count("S-")).toBe(3);
    // Each row as encoded: the Korean original with the SHA-256 of its UTF-8 bytes, the recipient matched.
    const { rows } = await pool.query(
      `SELECT id, "originalKo", "originalSha256" = encode(sha256(convert_to("originalKo", 'UTF8')), 'hex') AS "hashMatches", "personId" IS NOT NULL AS matched, route FROM "Notice" WHERE reference LIKE $1 ORDER BY reference`,
      [`${p}S-%`],
    );
    expect(rows.map((r) => r.id)).toEqual([first.id, outcomes[0].id, outcomes[2].id]);
    for (const r of rows) expect(r).toMatchObject({ hashMatches: true, matched: true, route: "electronic", originalKo: expect.stringContaining("종합소득세") });
  });

  it("stores each reference once when two uploads of the same references commit at the same time", async () => {
    const references = Array.from({ length: 50 }, (_, i) => `P-${i}`);
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = store(references, { beforeCommit: () => firstHolds });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The second waits on the first's rows, then finds them taken.
    const second = store([...references.slice(25), "P-new"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseFirst();
    const [a, b] = await Promise.all([first, second]);
    expect(a.map((o) => o.kind)).toEqual(a.map(() => "accepted"));
    expect(b.slice(0, 25).map((o) => o.id)).toEqual(a.slice(25).map((o) => o.id));
    expect(b.slice(0, 25).every((o) => o.kind === "duplicate" && o.sameContent)).toBe(true);
    expect(b[25].kind).toBe("accepted");
    expect(await count("P-")).toBe(51);
  });

  it("refuses the whole chunk when a notice names a template that is not the agency's", async () => {
    const other = await t.db.template.findFirstOrThrow({ where: { agency: { code: { not: "NTS" } } } });
    const missing = "019aa000-0000-7000-8000-000000000000";
    await expect(store(["T-1", "T-2"], { templateId: missing })).rejects.toThrow();
    if (checkPerChunk) await expect(store(["T-3", "T-4"], { templateId: other.id })).rejects.toThrow(/does not exist/);
    expect(await count("T-")).toBe(0);
  });

  it("keeps a recipient from being deleted until the chunk commits, then unlinks their notices", async () => {
    const rrn = checkPerChunk ? "850505-1000007" : "850506-1000004";
    const person = await t.db.person.create({ data: { ci: rrnToCi(rrn, SECRET), name: "삭제될 주민", locale: "ko" } });
    await t.db.consent.create({ data: { personId: person.id, purpose: "electronic-delivery", termsVersion: "2026-11", channel: "test" } });
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      const [stored] = await store(["D-1"], {
        rrn,
        beforeCommit: async () => {
          await other.query("SET lock_timeout = '300ms'");
          await expect(other.query(`DELETE FROM "Person" WHERE id = $1`, [person.id])).rejects.toMatchObject({ code: "55P03" });
        },
      });
      expect(stored).toMatchObject({ kind: "accepted", route: "electronic" });
      expect((await t.db.notice.findUniqueOrThrow({ where: { id: (stored as { id: string }).id } })).personId).toBe(person.id);
      await other.query(`DELETE FROM "Person" WHERE id = $1`, [person.id]);
      expect((await t.db.notice.findUniqueOrThrow({ where: { id: (stored as { id: string }).id } })).personId).toBeNull();
    } finally {
      await other.end();
    }
  });
});
