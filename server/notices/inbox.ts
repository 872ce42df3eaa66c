import type pg from "pg";
import { markRead } from "../delivery/read";
import { TRPCError } from "@trpc/server";
import { poolOf, type Db } from "../db";
import { catalogue, localized } from "./catalogue";
import type { Locale, Localized } from "../../locales/config";
import { appendAudit } from "../audit/chain";
import { auditActor, grantDetail, type Subject } from "../assist/subject";
import { isSteppedUp, requireStepUp } from "../identity/step-up";
import { renderNotice, type FieldSpec, type FieldValue, type TemplateForRender } from "./render";

export const INBOX_PAGE = 20;
export const DUE_SOON_DAYS = 7;
export type InboxFilter = "all" | "unread" | "to-pay" | "due-soon";

/**
 * The filter as an SQL condition on "Notice" n, `today()` giving the placeholder of today's date
 * (asked only by the filters that use it): one definition for the list and its counts.
 */
function filterSql(filter: InboxFilter, today: () => string): string {
  if (filter === "unread") return `n."readAt" IS NULL`;
  if (filter === "to-pay") return `n."amountDue" IS NOT NULL AND n."dueDate" >= ${today()}::date`;
  if (filter === "due-soon") return `n."dueDate" BETWEEN ${today()}::date AND ${today()}::date + ${DUE_SOON_DAYS}`;
  return "TRUE";
}

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

interface InboxRow {
  id: string;
  certified: boolean;
  testMode: boolean;
  /** As toISOString() writes it, by PostgreSQL: no Date made and written again per row. */
  acceptedAt: string;
  unread: boolean;
  /** bigint, as node-postgres gives it: text. */
  amountDue: string | null;
  /** YYYY-MM-DD. */
  dueDate: string | null;
  agencyId: string;
  templateId: string;
}

/**
 * One page of a citizen's inbox, every agency together, newest first, in one query on the
 * (personId, acceptedAt) index. Certified notices show only sender and kind here: their content
 * waits for step-up on the notice page.
 */
export async function listInbox(db: Db, personId: string, options: { filter: InboxFilter; agency?: string; before?: string; locale: Locale; now: Date }) {
  const pool = poolOf(db);
  const values: unknown[] = [personId];
  const param = (value: unknown) => `$${values.push(value)}`;
  let today: string | undefined;
  const filter = filterSql(options.filter, () => (today ??= param(dayOf(options.now))));
  const agency = options.agency ? `AND n."agencyId" = (SELECT a.id FROM "Agency" a WHERE a.code = ${param(options.agency)})` : "";
  const cursor = options.before
    ? `AND (n."acceptedAt", n.id) < (SELECT c."acceptedAt", c.id FROM "Notice" c WHERE c.id = ${param(options.before)}::uuid AND c."personId" = $1::uuid)`
    : "";
  // The first page of every inbox runs this: a named statement on node-postgres (planned once per
  // connection and variant), not Prisma, whose own work would be most of the cost; the agencies'
  // and templates' names come from the catalogue rather than two joins.
  const { rows } = await pool.query<InboxRow>({
    name: `moa-inbox-${options.filter}-${agency ? "agency" : "all"}-${cursor ? "after" : "first"}`,
    text: `SELECT n.id, n.certified, n."testMode", to_char(n."acceptedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "acceptedAt", n."readAt" IS NULL AS unread, n."amountDue", n."dueDate"::text AS "dueDate", n."agencyId", n."templateId"
           FROM "Notice" n
           WHERE n."personId" = $1::uuid AND ${filter} ${agency} ${cursor}
           ORDER BY n."acceptedAt" DESC, n.id DESC
           LIMIT ${INBOX_PAGE + 1}`,
    values,
  });
  const page = rows.slice(0, INBOX_PAGE);
  const names = await catalogue(pool, { agencies: page.map((n) => n.agencyId), templates: page.map((n) => n.templateId) });
  return {
    items: page.map((n) => {
      const agency = names.agency(n.agencyId);
      return {
        id: n.id,
        agency: localized(agency?.name, options.locale),
        agencyCode: agency?.code ?? "",
        kind: localized(names.templateName(n.templateId), options.locale),
        certified: n.certified,
        testMode: n.testMode,
        acceptedAt: n.acceptedAt,
        unread: n.unread,
        amountDue: n.certified || n.amountDue === null ? null : Number(n.amountDue),
        dueDate: n.certified ? null : n.dueDate,
      };
    }),
    nextBefore: rows.length > INBOX_PAGE ? page[page.length - 1].id : null,
  };
}

/**
 * Counts for the filters and the agencies that wrote to this person, in one named statement; the
 * agencies' names from the catalogue, as the list has them. Asked with the list by every inbox page.
 */
export async function inboxCounts(db: Db, personId: string, now: Date) {
  const pool = poolOf(db);
  const { rows } = await pool.query<{ all: number; unread: number; toPay: number; dueSoon: number; agencyIds: string[] | null }>({
    name: "moa-inbox-counts",
    text: `SELECT count(*)::int AS "all",
                  count(*) FILTER (WHERE ${filterSql("unread", () => "$2")})::int AS unread,
                  count(*) FILTER (WHERE ${filterSql("to-pay", () => "$2")})::int AS "toPay",
                  count(*) FILTER (WHERE ${filterSql("due-soon", () => "$2")})::int AS "dueSoon",
                  array_agg(DISTINCT n."agencyId")::text[] AS "agencyIds"
           FROM "Notice" n WHERE n."personId" = $1::uuid`,
    values: [personId, dayOf(now)],
  });
  const { agencyIds, ...counts } = rows[0];
  const names = await catalogue(pool, { agencies: agencyIds ?? [] });
  const agencies = (agencyIds ?? [])
    .map((id) => names.agency(id))
    .filter((a) => a !== undefined)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { ...counts, agencies };
}

/**
 * Opens a notice of the signed-in citizen in their language. A certified notice needs a step-up
 * within 5 minutes; the first opening is the read receipt (legal proof of delivery), audited and
 * visible to the agency at once.
 */
export async function openNotice(db: Db, pool: pg.Pool, subject: Subject, id: string, locale: Locale, now: Date) {
  const notice = await db.notice.findFirst({
    where: { id, personId: subject.id },
    include: { agency: true, template: true },
  });
  if (!notice) throw new TRPCError({ code: "NOT_FOUND" });
  if (notice.certified) requireStepUp(subject, now);
  const template: TemplateForRender = {
    agencyName: notice.agency.name as Localized,
    fieldSchema: notice.template.fieldSchema as unknown as Record<string, FieldSpec>,
    messages: notice.template.messages as unknown as TemplateForRender["messages"],
  };
  const fields = notice.fields as unknown as Record<string, FieldValue>;
  let readAt = notice.readAt;
  if (!readAt) {
    // Staff open it at the counter after checking an identity document; a proxy after their own sign-in.
    const method = subject.grant?.kind === "assist" ? "assisted" : subject.grant ? "proxy" : notice.certified ? "step-up" : "signed-in";
    if (await markRead(pool, id, method, now)) {
      readAt = now;
      await appendAudit(db, { ...auditActor(subject), action: "notice.read", targetType: "notice", targetId: id, detail: { method, certified: notice.certified, ...grantDetail(subject) } }, now);
    } else readAt = (await db.notice.findUniqueOrThrow({ where: { id } })).readAt;
  }
  return {
    id: notice.id,
    agency: (notice.agency.name as Localized)[locale],
    kind: (notice.template.name as Localized)[locale],
    certified: notice.certified,
    testMode: notice.testMode,
    rendered: renderNotice(template, fields, locale),
    originalKo: notice.originalKo,
    originalSha256: notice.originalSha256,
    amountDue: notice.amountDue === null ? null : Number(notice.amountDue),
    dueDate: notice.dueDate?.toISOString().slice(0, 10) ?? null,
    paymentNumber: notice.paymentNumber,
    acceptedAt: notice.acceptedAt.toISOString(),
    readAt: readAt!.toISOString(),
    fields: Object.entries(template.fieldSchema).map(([name, spec]) => ({ name, label: spec.label[locale], type: spec.type, value: fields[name] ?? null })),
  };
}

/** Sender and kind only: what anyone signed in as the recipient sees before a step-up. */
export async function noticeEnvelope(db: Db, subject: Subject, id: string, locale: Locale, now: Date) {
  const notice = await db.notice.findFirst({ where: { id, personId: subject.id }, include: { agency: true, template: true } });
  if (!notice) throw new TRPCError({ code: "NOT_FOUND" });
  return {
    id: notice.id,
    agency: (notice.agency.name as Localized)[locale],
    kind: (notice.template.name as Localized)[locale],
    certified: notice.certified,
    acceptedAt: notice.acceptedAt.toISOString(),
    needsStepUp: notice.certified && !isSteppedUp(subject, now),
  };
}
