import type pg from "pg";
import { rrnToCi } from "../../server/identity/rrn";
import { issueCredential } from "../../server/credentials/issue";
import type { Keyring } from "../../server/credentials/keys";
import { demoRegistry } from "../../server/credentials/registries";
import type { CredentialType } from "../../server/credentials/types";
import { DEMO_CITIZENS } from "./data";

/**
 * A few certificates issued at first start, so that the transparency log is never empty. No device
 * holds their key: this public key's private half was thrown away when it was made. The wallet
 * shares them without key binding (the share page then asks no holder check), and says so.
 */
export const SEED_HOLDER_JWK = { kty: "EC", crv: "P-256", x: "HYOodhV946dToBavJVZo0PiJO8KXJG3NWQTN1Sn3nBA", y: "ToFV44xqy69JTZDNvOTl1xK-_x0y-kUyTpscebgyZEE" } as const;

export const SEEDED_CREDENTIALS: { citizen: string; type: CredentialType }[] = [
  { citizen: "senior", type: "health-insurance-eligibility" },
  { citizen: "screen-reader", type: "family-relationship" },
  { citizen: "english", type: "tax-payment" },
  { citizen: "vietnamese", type: "health-insurance-eligibility" },
];

/** Issues SEEDED_CREDENTIALS to the demo citizens (already seeded under `ciSecret`); returns how many. */
export async function seedCredentials(pool: pg.Pool, keyring: Keyring, ciSecret: string, publicUrl: string, now = new Date()): Promise<number> {
  const deps = { pool, keyring, registry: demoRegistry(ciSecret), publicUrl };
  let issued = 0;
  for (const { citizen, type } of SEEDED_CREDENTIALS) {
    const rrn = DEMO_CITIZENS.find((c) => c.key === citizen)!.rrn;
    const { rows } = await pool.query<{ id: string }>(`SELECT "id" FROM "Person" WHERE "ci" = $1`, [rrnToCi(rrn, ciSecret)]);
    if (!rows[0]) continue;
    await issueCredential(deps, { personId: rows[0].id, type, holderJwk: SEED_HOLDER_JWK }, now);
    issued++;
  }
  return issued;
}
