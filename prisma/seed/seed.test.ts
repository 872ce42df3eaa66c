import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verify } from "@node-rs/argon2";
import { hashApiKey } from "../../server/agencies/api-keys";
import { rrnToCi } from "../../server/identity/rrn";
import { createTestDatabase, type TestDatabase } from "../../server/test/db";
import { DEMO_AGENCIES, DEMO_CITIZENS, DEMO_STAFF } from "./data";
import { demoApiKey, seedDemo } from "./seed";
import { DEMO_TEMPLATES } from "./templates";
import { LOCALES } from "../../locales/config";

const SECRET = "s".repeat(40);

describe("demo seed", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("seeds once: agencies with keys and templates, a center with staff, citizens by CI", async () => {
    expect(await seedDemo(t.db, SECRET)).toBe(true);
    expect(await seedDemo(t.db, SECRET)).toBe(false);
    expect(await t.db.agency.count()).toBe(DEMO_AGENCIES.length);
    expect(await t.db.template.count()).toBe(DEMO_TEMPLATES.length);
    expect(await t.db.agencyApiKey.count()).toBe(DEMO_AGENCIES.length * 2);
    const nts = await t.db.agencyApiKey.findUnique({ where: { keyHash: hashApiKey(demoApiKey("live", "NTS")) }, include: { agency: true } });
    expect(nts?.agency.code).toBe("NTS");
    const staff = await t.db.staff.findUnique({ where: { username: DEMO_STAFF[0].username } });
    expect(await verify(staff!.passwordHash, DEMO_STAFF[0].password)).toBe(true);
    for (const c of DEMO_CITIZENS) {
      const person = await t.db.person.findUnique({ where: { ci: rrnToCi(c.rrn, SECRET) }, include: { consents: true } });
      expect(person?.locale).toBe(c.locale);
      expect(person?.consents.length).toBe(c.consented ? 1 : 0);
    }
  });

  it("covers every locale among citizens and names every agency in all six", () => {
    expect(new Set(DEMO_CITIZENS.map((c) => c.locale))).toEqual(new Set(LOCALES));
    for (const a of DEMO_AGENCIES) for (const l of LOCALES) expect(a.name[l], `${a.code} ${l}`).toBeTruthy();
  });

  it("stores no RRN anywhere, in any form", async () => {
    const tables = await t.db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    let dump = "";
    for (const { tablename } of tables) {
      const rows = await t.db.$queryRawUnsafe<{ j: unknown }[]>(`SELECT row_to_json(x)::text AS j FROM "${tablename}" x`);
      dump += rows.map((r) => r.j).join("\n");
    }
    expect(dump.length).toBeGreaterThan(1000);
    for (const c of DEMO_CITIZENS) {
      const digits = c.rrn.replace("-", "");
      expect(dump).not.toContain(digits);
      expect(dump).not.toContain(c.rrn);
      expect(dump).not.toContain(digits.slice(6)); // the back seven digits alone
    }
  });
});
