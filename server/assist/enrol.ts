import type { Db } from "../db";
import { appendAuditWith } from "../audit/chain";
import { checkRrn, rrnToCi } from "../identity/rrn";
import { assistError } from "./errors";
import { findCitizen, type FoundCitizen } from "./find";

/**
 * A resident who never signed in to Moa (say, a senior without a smartphone) is enrolled at the
 * counter after the ID check: an account keyed by the CI, with the notices already addressed to
 * them. No consent to electronic delivery is assumed: their letters keep coming until they give it.
 */
export async function enrolAtCounter(db: Db, staffId: string, input: { rrn: string; name: string; phone?: string }, ciSecret: string, now: Date): Promise<FoundCitizen> {
  const check = checkRrn(input.rrn);
  if (!check.ok) throw assistError("BAD_REQUEST", "INVALID_RRN");
  const ci = rrnToCi(input.rrn, ciSecret);
  if (!(await db.person.findUnique({ where: { ci }, select: { id: true } }))) {
    await db.$transaction(async (tx) => {
      const person = await tx.person.create({ data: { ci, name: input.name.trim().normalize("NFC"), birthDate: new Date(`${check.birthDate}T00:00:00Z`), phone: input.phone || null } });
      const linked = await tx.notice.updateMany({ where: { recipientCi: ci, personId: null }, data: { personId: person.id } });
      await appendAuditWith(tx, { actorType: "staff", actorId: staffId, onBehalfOf: person.id, action: "citizen.enrolled", targetType: "person", targetId: person.id, detail: { at: "counter", notices: linked.count } }, now);
    });
  }
  return findCitizen(db, { rrn: input.rrn }, ciSecret);
}
