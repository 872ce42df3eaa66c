import { createHash } from "node:crypto";
import { importJWK, SignJWT } from "jose";
import type pg from "pg";
import { z } from "zod";
import "../db/pg-utc";
import { inTransaction } from "../db/transaction";
import { uuid7 } from "../db/uuid7";
import { newLetterNumber } from "../delivery/letter-number";
import type { Keyring } from "./keys";
import { appendLeavesWithin } from "./log/store";
import type { SourceRegistry } from "./registries";
import { conceal, SD_ALG } from "./sd-jwt";
import { allocateStatus } from "./status-store";
import { CREDENTIALS, SD_JWT_VC_TYP, type CredentialType } from "./types";

export interface IssueDeps {
  pool: pg.Pool;
  keyring: Keyring;
  registry: SourceRegistry;
  publicUrl: string;
}

export interface IssuedCredential {
  id: string;
  type: CredentialType;
  authenticityNumber: string;
  /** The issuer-signed SD-JWT with every disclosure, for the holder's wallet. */
  sdJwt: string;
  statusListUri: string;
  statusIdx: number;
  logIndex: number;
  sourceVersion: number;
  issuedAt: Date;
}

/** The person has no record of this kind (e.g. no resident register entry for a foreigner). */
export class NoSourceRecordError extends Error {
  override name = "NoSourceRecordError";
}

const coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const holderJwkSchema = z.object({ kty: z.literal("EC"), crv: z.literal("P-256"), x: coordinate, y: coordinate, d: z.never().optional() });

/** The public JWK of the holder's device key (ES256), reduced to its members; the point must be on the curve. */
async function parseHolderJwk(value: unknown): Promise<{ kty: "EC"; crv: "P-256"; x: string; y: string }> {
  const parsed = holderJwkSchema.safeParse(value);
  if (!parsed.success) throw new TypeError("holderJwk must be the public JWK of an EC P-256 key");
  const { kty, crv, x, y } = parsed.data;
  await importJWK({ kty, crv, x, y }, "ES256").catch(() => {
    throw new TypeError("holderJwk is not a point on P-256");
  });
  return { kty, crv, x, y };
}

/**
 * Issues a certificate from the person's source record: an SD-JWT VC bound to `holderJwk`, with
 * a status list entry, logged (SHA-256 of the issuer-signed JWT) in the same transaction as it is
 * stored, so nothing is issued unlogged.
 */
export async function issueCredential(deps: IssueDeps, input: { personId: string; type: CredentialType; holderJwk: unknown }, now: Date): Promise<IssuedCredential> {
  const holderJwk = await parseHolderJwk(input.holderJwk);
  const definition = CREDENTIALS[input.type];
  const person = await deps.pool.query<{ ci: string }>(`SELECT "ci" FROM "Person" WHERE "id" = $1`, [input.personId]);
  const record = person.rows[0] ? await deps.registry.lookup(person.rows[0].ci, input.type) : null;
  if (!record) throw new NoSourceRecordError(`no ${input.type} record for this person`);
  const signer = deps.keyring.issuer(definition.issuer);

  return inTransaction(deps.pool, async (client) => {
    const status = await allocateStatus(client, definition.issuer, deps.publicUrl);
    const { payload, disclosures } = conceal(record.claims as unknown as Record<string, unknown>, definition.disclosable);
    const jwt = await new SignJWT({
      vct: definition.vct,
      ...payload,
      _sd_alg: SD_ALG,
      cnf: { jwk: holderJwk },
      status: { status_list: { idx: status.idx, uri: status.uri } },
    })
      .setProtectedHeader({ alg: "ES256", typ: SD_JWT_VC_TYP, kid: signer.signer.kid })
      .setIssuer(signer.iss)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .sign(signer.signer.privateKey);
    const sdJwt = [jwt, ...disclosures, ""].join("~");
    const jwtDigest = createHash("sha256").update(jwt, "ascii").digest();
    const { first: logIndex } = await appendLeavesWithin(client, [jwtDigest]);
    const id = uuid7(now.getTime());
    const authenticityNumber = newLetterNumber();
    await client.query(
      `INSERT INTO "Credential" ("id", "personId", "type", "issuer", "authenticityNumber", "sdJwt", "jwtDigest", "holderJwk", "statusListId", "statusIdx", "logIndex", "sourceVersion", "issuedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, input.personId, input.type, definition.issuer, authenticityNumber, sdJwt, jwtDigest, holderJwk, status.listId, status.idx, logIndex, record.sourceVersion, now],
    );
    return { id, type: input.type, authenticityNumber, sdJwt, statusListUri: status.uri, statusIdx: status.idx, logIndex, sourceVersion: record.sourceVersion, issuedAt: now };
  });
}
