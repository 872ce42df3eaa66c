import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Locale, Localized } from "../../locales/config";

export const ACCESS_ACTORS = ["staff", "helper", "agency", "all"] as const;
export type AccessActor = (typeof ACCESS_ACTORS)[number];
export const ACCESS_PERIODS = ["30d", "90d", "1y", "all"] as const;
export type AccessPeriod = (typeof ACCESS_PERIODS)[number];
export type AccessKind = "staff" | "helper" | "agency" | "system";

export const ACCESS_PAGE = 20;
export const CURSOR = /^\d{1,15}\.\d{1,18}$/;
const DAYS: Record<AccessPeriod, number | null> = { "30d": 30, "90d": 90, "1y": 365, all: null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessEntry {
  id: string;
  at: Date;
  action: string;
  kind: AccessKind;
  /** Staff, helper or agency name; null for the system or an actor since removed. */
  who: string | null;
  /** A staff member's community center. */
  place: string | null;
}

/** Someone other than the person: staff, a helper (another citizen), an agency or its operator, the system. */
function byActor(actor: AccessActor, personId: string): Prisma.AuditEventWhereInput {
  const staff = { actorType: "staff" };
  const helper = { actorType: "citizen", actorId: { not: personId } };
  const agency = { actorType: { in: ["agency", "operator"] } };
  if (actor === "staff") return staff;
  if (actor === "helper") return helper;
  if (actor === "agency") return agency;
  return { OR: [staff, helper, agency, { actorType: "system" }] };
}

/** Newest first, keyset-paged on (at, id): a cursor is "<epoch ms>.<id>" of the last entry shown. */
export async function accessLog(
  db: Db,
  personId: string,
  options: { actor: AccessActor; period: AccessPeriod; before?: string; locale: Locale; now: Date },
): Promise<{ items: AccessEntry[]; next: string | null }> {
  const where: Prisma.AuditEventWhereInput[] = [{ onBehalfOf: personId }, byActor(options.actor, personId)];
  const days = DAYS[options.period];
  if (days !== null) where.push({ at: { gte: new Date(options.now.getTime() - days * 86_400_000) } });
  if (options.before) {
    const [ms, id] = options.before.split(".");
    const at = new Date(Number(ms));
    where.push({ OR: [{ at: { lt: at } }, { at, id: { lt: BigInt(id) } }] });
  }
  const rows = await db.auditEvent.findMany({
    where: { AND: where },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: ACCESS_PAGE + 1,
    select: { id: true, at: true, actorType: true, actorId: true, action: true },
  });
  const page = rows.slice(0, ACCESS_PAGE);
  const names = await actorNames(db, page, options.locale);
  const items = page.map((r) => {
    const kind = kindOf(r.actorType);
    const name = r.actorId ? names.get(`${kind}:${r.actorId}`) : undefined;
    return { id: r.id.toString(), at: r.at, action: r.action, kind, who: name?.who ?? null, place: name?.place ?? null };
  });
  const last = page.at(-1);
  return { items, next: rows.length > ACCESS_PAGE && last ? `${last.at.getTime()}.${last.id}` : null };
}

function kindOf(actorType: string): AccessKind {
  if (actorType === "staff") return "staff";
  if (actorType === "citizen") return "helper";
  if (actorType === "agency" || actorType === "operator") return "agency";
  return "system";
}

async function actorNames(db: Db, rows: { actorType: string; actorId: string | null }[], locale: Locale) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.actorType === type && r.actorId && UUID.test(r.actorId)).map((r) => r.actorId!))];
  const [staff, helpers, agencies, operators] = await Promise.all([
    db.staff.findMany({ where: { id: { in: ids("staff") } }, select: { id: true, name: true, center: { select: { name: true } } } }),
    db.person.findMany({ where: { id: { in: ids("citizen") } }, select: { id: true, name: true } }),
    db.agency.findMany({ where: { id: { in: ids("agency") } }, select: { id: true, name: true } }),
    db.agencyOperator.findMany({ where: { id: { in: ids("operator") } }, select: { id: true, agency: { select: { name: true } } } }),
  ]);
  const local = (name: Prisma.JsonValue) => (name as Localized)[locale] ?? (name as Localized).ko;
  return new Map<string, { who: string; place: string | null }>([
    ...staff.map((s) => [`staff:${s.id}`, { who: s.name, place: local(s.center.name) }] as const),
    ...helpers.map((p) => [`helper:${p.id}`, { who: p.name, place: null }] as const),
    ...agencies.map((a) => [`agency:${a.id}`, { who: local(a.name), place: null }] as const),
    ...operators.map((o) => [`agency:${o.id}`, { who: local(o.agency.name), place: null }] as const),
  ]);
}
