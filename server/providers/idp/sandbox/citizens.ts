import { DEMO_CITIZENS, type DemoCitizen } from "../../../../prisma/seed/data";
import { checkRrn, rrnToCi } from "../../../identity/rrn";
import type { DemoIdpCitizen } from "./provider";

/** A Korean phone number as written at home (010-2000-0001) in E.164 (+821020000001). */
export function koreanPhoneToE164(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return digits;
  if (digits.startsWith("82")) return `+${digits}`;
  if (!/^0\d{8,10}$/.test(digits)) throw new Error("not a Korean phone number");
  return `+82${digits.slice(1)}`;
}

/** The seed's demo residents as the identity provider knows them: CI under the given secret, never the RRN. */
export function demoIdpCitizens(ciSecret: string, residents: DemoCitizen[] = DEMO_CITIZENS): DemoIdpCitizen[] {
  return residents.map((r) => {
    const check = checkRrn(r.rrn);
    if (!check.ok || !check.birthDate) throw new Error(`demo resident ${r.key} has an invalid registration number`);
    return {
      ci: rrnToCi(r.rrn, ciSecret),
      name: r.name,
      birthdate: check.birthDate,
      phoneNumber: koreanPhoneToE164(r.phone),
      locale: r.locale,
    };
  });
}
