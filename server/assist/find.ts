import type { Db } from "../db";
import { checkRrn, rrnToCi } from "../identity/rrn";
import { assistError } from "./errors";

export type CitizenQuery = { rrn: string } | { name: string; birthDate: string; phoneLast4: string };

export interface FoundCitizen {
  id: string;
  name: string;
  birthDate: string | null;
  locale: string;
  /** The phone with all but the last 4 digits hidden, to tell the citizen where a code goes. */
  phoneMasked: string | null;
  hasPushDevice: boolean;
}

export const maskPhone = (phone: string) => phone.replace(/\d(?=(?:\D*\d){4})/g, "•");

/**
 * Finds the citizen at the counter. A typed RRN becomes a CI at once and is neither kept nor
 * logged; otherwise name, birth date and the phone's last 4 digits must point to exactly one person.
 */
export async function findCitizen(db: Db, query: CitizenQuery, ciSecret: string): Promise<FoundCitizen> {
  let where;
  if ("rrn" in query) {
    if (!checkRrn(query.rrn).ok) throw assistError("BAD_REQUEST", "INVALID_RRN");
    where = { ci: rrnToCi(query.rrn, ciSecret) };
  } else {
    where = { name: query.name.trim().normalize("NFC"), birthDate: new Date(`${query.birthDate}T00:00:00Z`), phone: { endsWith: query.phoneLast4 } };
  }
  const found = await db.person.findMany({ where, take: 2, include: { _count: { select: { pushSubscriptions: true } } } });
  if (found.length === 0) throw assistError("NOT_FOUND", "CITIZEN_NOT_FOUND");
  if (found.length > 1) throw assistError("CONFLICT", "CITIZEN_AMBIGUOUS");
  const p = found[0];
  return {
    id: p.id,
    name: p.name,
    birthDate: p.birthDate?.toISOString().slice(0, 10) ?? null,
    locale: p.locale,
    phoneMasked: p.phone ? maskPhone(p.phone) : null,
    hasPushDevice: p._count.pushSubscriptions > 0,
  };
}
