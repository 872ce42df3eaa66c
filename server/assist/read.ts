import type { Db } from "../db";
import type { SessionPrincipal } from "../identity/sessions";
import type { Locale, Localized } from "../../locales/config";
import { isActive } from "./subject";

export interface ActingContext {
  grantId: string;
  kind: "assist" | "proxy";
  /** The person helped. */
  personId: string;
  name: string;
  locale: string;
  textSize: number;
  scopes: string[];
  consentMethod: string;
  expiresAt: Date;
  active: boolean;
}

/** Whom this session acts for, if anyone: the banner's "Helping {name} — ends {time}". */
export async function actingContext(db: Db, principal: Pick<SessionPrincipal, "actingGrantId">, now: Date): Promise<ActingContext | null> {
  if (!principal.actingGrantId) return null;
  const grant = await db.grant.findUnique({ where: { id: principal.actingGrantId }, include: { person: { select: { name: true, locale: true, textSize: true } } } });
  if (!grant || !grant.expiresAt) return null;
  return {
    grantId: grant.id,
    kind: grant.kind as "assist" | "proxy",
    personId: grant.personId,
    name: grant.person.name,
    locale: grant.person.locale,
    textSize: grant.person.textSize,
    scopes: grant.scopes,
    consentMethod: grant.consentMethod,
    expiresAt: grant.expiresAt,
    active: isActive(grant, now),
  };
}

export interface GrantRow {
  id: string;
  kind: "assist" | "proxy";
  status: string;
  scopes: string[];
  /** The other party: the helper (or staff and center) for grants given, the citizen for grants held. */
  who: string | null;
  place: string | null;
  consentMethod: string;
  createdAt: Date;
  expiresAt: Date | null;
  active: boolean;
}

/** Grants the citizen gave (proxies and counter sessions) and proxies they hold for others. */
export async function listGrants(db: Db, citizenId: string, locale: Locale, now: Date): Promise<{ given: GrantRow[]; held: GrantRow[] }> {
  const [given, held] = await Promise.all([
    db.grant.findMany({
      where: { personId: citizenId, status: { not: "denied" } },
      orderBy: { createdAt: "desc" },
      take: 50,
      include: { helper: { select: { name: true } }, staff: { select: { name: true, center: { select: { name: true } } } } },
    }),
    db.grant.findMany({ where: { helperId: citizenId, kind: "proxy" }, orderBy: { createdAt: "desc" }, take: 50, include: { person: { select: { name: true } } } }),
  ]);
  const base = (g: (typeof given)[number] | (typeof held)[number]) => ({
    id: g.id,
    kind: g.kind as "assist" | "proxy",
    status: g.status,
    scopes: g.scopes,
    consentMethod: g.consentMethod,
    createdAt: g.createdAt,
    expiresAt: g.expiresAt,
    active: isActive(g, now),
  });
  return {
    given: given.map((g) => ({ ...base(g), who: g.helper?.name ?? g.staff?.name ?? null, place: g.staff ? (g.staff.center.name as Localized)[locale] : null })),
    held: held.map((g) => ({ ...base(g), who: g.person.name, place: null })),
  };
}
