import { createHash } from "node:crypto";
import type { Db } from "../../server/db";
import { apiKeyPrefix, formatApiKey, hashApiKey, type ApiKeyKind } from "../../server/agencies/api-keys";
import { ELECTRONIC_DELIVERY, ELECTRONIC_DELIVERY_TERMS } from "../../server/identity/citizens";
import { rrnToCi, checkRrn } from "../../server/identity/rrn";
import { hashPassword } from "../../server/identity/workers";
import { DEMO_AGENCIES, DEMO_CENTER, DEMO_CITIZENS, DEMO_OPERATOR_PASSWORD, DEMO_OPERATOR_TOTP_SECRET, DEMO_STAFF, OPERATOR_PERMISSIONS } from "./data";
import { DEMO_TEMPLATES } from "./templates";

/** Demo keys are derived from the agency code so the README can list them; never use in production. */
export function demoApiKey(kind: ApiKeyKind, agencyCode: string): string {
  const secret = createHash("sha256").update(`moa-demo-${kind}-${agencyCode}`).digest("hex").slice(0, 40);
  return formatApiKey(kind, agencyCode, secret);
}


/** Seeds the demo data once; returns false when the database already has agencies. */
export async function seedDemo(db: Db, ciSecret: string): Promise<boolean> {
  if ((await db.agency.count()) > 0) return false;
  await db.$transaction(async (tx) => {
    for (const a of DEMO_AGENCIES) {
      const agency = await tx.agency.create({ data: { code: a.code, name: a.name } });
      for (const kind of ["test", "live"] as const) {
        const key = demoApiKey(kind, a.code);
        await tx.agencyApiKey.create({
          data: { agencyId: agency.id, name: `Demo ${kind} key`, kind, prefix: apiKeyPrefix(key), keyHash: hashApiKey(key) },
        });
      }
      await tx.agencyOperator.create({
        data: {
          agencyId: agency.id,
          email: a.operator.email,
          name: a.operator.name,
          passwordHash: await hashPassword(DEMO_OPERATOR_PASSWORD),
          totpSecret: DEMO_OPERATOR_TOTP_SECRET,
          permissions: OPERATOR_PERMISSIONS,
        },
      });
      for (const t of DEMO_TEMPLATES.filter((x) => x.agency === a.code)) {
        await tx.template.create({
          data: {
            agencyId: agency.id,
            kind: t.kind,
            version: t.version,
            name: t.name,
            fieldSchema: t.fields as object,
            messages: t.messages as object,
            payable: t.payable,
            lateChargeRule: t.lateChargeRule,
            deliveryPolicy: t.deliveryPolicy as object,
          },
        });
      }
    }
    const center = await tx.communityCenter.create({
      data: { code: DEMO_CENTER.code, name: DEMO_CENTER.name, address: DEMO_CENTER.address, phone: DEMO_CENTER.phone },
    });
    for (const s of DEMO_STAFF) {
      await tx.staff.create({
        data: { centerId: center.id, username: s.username, name: s.name, passwordHash: await hashPassword(s.password), totpSecret: s.totpSecret, supervisor: s.supervisor },
      });
    }
    for (const c of DEMO_CITIZENS) {
      const check = checkRrn(c.rrn);
      const person = await tx.person.create({
        data: {
          ci: rrnToCi(c.rrn, ciSecret),
          name: c.name,
          birthDate: check.birthDate ? new Date(check.birthDate) : null,
          phone: c.phone,
          postalAddress: c.postalAddress,
          locale: c.locale,
          textSize: c.textSize,
          screenReader: c.screenReader,
          highContrast: c.highContrast,
        },
      });
      if (c.consented) {
        await tx.consent.create({
          data: { personId: person.id, purpose: ELECTRONIC_DELIVERY, termsVersion: ELECTRONIC_DELIVERY_TERMS, channel: "seed" },
        });
      }
    }
  }, { timeout: 60_000 });
  return true;
}
