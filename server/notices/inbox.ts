import type pg from "pg";
import { markRead } from "../delivery/read";
import { TRPCError } from "@trpc/server";
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { Locale, Localized } from "../../locales/config";
import { appendAudit } from "../audit/chain";
import { auditActor, grantDetail, type Subject } from "../assist/subject";
import { isSteppedUp, requireStepUp } from "../identity/step-up";
import { renderNotice, type FieldSpec, type FieldValue, type TemplateForRender } from "./render";

export const INBOX_PAGE = 20;
export const DUE_SOON_DAYS = 7;
export type InboxFilter = "all" | "unread" | "to-pay" | "due-soon";

/** The filter as an SQL condition on "Notice" n: one definition for the list and its counts. */
function filterSql(filter: InboxFilter, now: Date): Prisma.Sql {
  const today = now.toISOString().slice(0, 10);
  if (filter === "unread") return Prisma.sql`n."readAt" IS NULL`;
  if (filter === "to-pay") return Prisma.sql`n."amountDue" IS NOT NULL AND n."dueDate" >= ${today}::date`;
  if (filter === "due-soon") return Prisma.sql`n."dueDate" BETWEEN ${today}::date AND ${today}::date + ${DUE_SOON_DAYS}::int`;
  return Prisma.sql`TRUE`;
}

interface InboxRow {
  id: string;
  certified: boolean;
  testMode: boolean;
  acceptedAt: Date;
  readAt: Date | null;
  amountDue: bigint | null;
  dueDate: Date | null;
  agencyCode: string;
  agency: string;
  kind: string;
}

/**
 * One page of a citizen's inbox, every agency together, newest first, in one query on the
 * (personId, acceptedAt) index. Certified notices show only sender and kind here: their content
 * waits for step-up on the notice page.
 */
export async function listInbox(db: Db, personId: string, options: { filter: InboxFilter; agency?: string; before?: string; locale: Locale; now: Date }) {
  const cursor = options.before
    ? Prisma.sql`AND (n."acceptedAt", n.id) < (SELECT c."acceptedAt", c.id FROM "Notice" c WHERE c.id = ${options.before}::uuid AND c."personId" = ${personId}::uuid)`
    : Prisma.empty;
  const agency = options.agency ? Prisma.sql`AND a.code = ${options.agency}` : Prisma.empty;
  const rows = await db.$queryRaw<InboxRow[]>`
    SELECT n.id, n.certified, n."testMode", n."acceptedAt", n."readAt", n."amountDue", n."dueDate",
           a.code AS "agencyCode", a.name ->> ${options.locale} AS agency, t.name ->> ${options.locale} AS kind
    FROM "Notice" n JOIN "Agency" a ON a.id = n."agencyId" JOIN "Template" t ON t.id = n."templateId"
    WHERE n."personId" = ${personId}::uuid AND ${filterSql(options.filter, options.now)} ${agency} ${cursor}
    ORDER BY n."acceptedAt" DESC, n.id DESC
    LIMIT ${INBOX_PAGE + 1}`;
  const page = rows.slice(0, INBOX_PAGE);
  return {
    items: page.map((n) => ({
      id: n.id,
      agency: n.agency,
      agencyCode: n.agencyCode,
      kind: n.kind,
      certified: n.certified,
      testMode: n.testMode,
      acceptedAt: n.acceptedAt.toISOString(),
      unread: n.readAt === null,
      amountDue: n.certified || n.amountDue === null ? null : Number(n.amountDue),
      dueDate: n.certified || !n.dueDate ? null : n.dueDate.toISOString().slice(0, 10),
    })),
    nextBefore: rows.length > INBOX_PAGE ? page[page.length - 1].id : null,
  };
}

/** Counts for the filters in one query, and the agencies that wrote to this person. */
export async function inboxCounts(db: Db, personId: string, now: Date) {
  const [counts] = await db.$queryRaw<{ all: number; unread: number; toPay: number; dueSoon: number }[]>`
    SELECT count(*)::int AS "all",
           count(*) FILTER (WHERE ${filterSql("unread", now)})::int AS unread,
           count(*) FILTER (WHERE ${filterSql("to-pay", now)})::int AS "toPay",
           count(*) FILTER (WHERE ${filterSql("due-soon", now)})::int AS "dueSoon"
    FROM "Notice" n WHERE n."personId" = ${personId}::uuid`;
  const agencies = await db.agency.findMany({ where: { notices: { some: { personId } } }, select: { code: true, name: true }, orderBy: { code: "asc" } });
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
