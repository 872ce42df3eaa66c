import { createHash } from "node:crypto";
import { importJWK } from "jose";
import type pg from "pg";
import { z } from "zod";
import "../db/pg-utc";
import { inTransaction } from "../db/transaction";
import { uuid7 } from "../db/uuid7";
import { newLetterNumber } from "../delivery/letter-number";
import type { Keyring } from "./keys";
import { signEs256 } from "./es256";
import { groupCommit } from "./group-commit";
import { appendLeavesWithin } from "./log/store";
import type { SourceRegistry } from "./registries";
import { conceal, SD_ALG } from "./sd-jwt";
import { allocateStatuses } from "./status-store";
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

interface Prepared {
  deps: IssueDeps;
  personId: string;
  type: CredentialType;
  holderJwk: { kty: "EC"; crv: "P-256"; x: string; y: string };
  payload: Record<string, unknown>;
  disclosures: string[];
  sourceVersion: number;
  now: Date;
}

/**
 * Issues a certificate from the person's source record: an SD-JWT VC bound to `holderJwk`, with
 * a status list entry, logged (SHA-256 of the issuer-signed JWT) in the same transaction as it is
 * stored, so nothing is issued unlogged. Concurrent issuances share that transaction (group
 * commit): the log's append lock is taken once per batch, not once per certificate.
 */
export async function issueCredential(deps: IssueDeps, input: { personId: string; type: CredentialType; holderJwk: unknown }, now: Date): Promise<IssuedCredential> {
  const holderJwk = await parseHolderJwk(input.holderJwk);
  const definition = CREDENTIALS[input.type];
  const person = await deps.pool.query<{ ci: string }>(`SELECT "ci" FROM "Person" WHERE "id" = $1`, [input.personId]);
  const record = person.rows[0] ? await deps.registry.lookup(person.rows[0].ci, input.type) : null;
  if (!record) throw new NoSourceRecordError(`no ${input.type} record for this person`);
  const { payload, disclosures } = conceal(record.claims as unknown as Record<string, unknown>, definition.disclosable);
  return queueOf(deps.pool)({ deps, personId: input.personId, type: input.type, holderJwk, payload, disclosures, sourceVersion: record.sourceVersion, now });
}

const queues = new WeakMap<pg.Pool, (item: Prepared) => Promise<IssuedCredential>>();
function queueOf(pool: pg.Pool) {
  let queue = queues.get(pool);
  if (!queue) queues.set(pool, (queue = groupCommit((items: Prepared[]) => inTransaction(pool, (client) => storeBatch(client, items)))));
  return queue;
}

/** Status entries (issuers in a fixed order, so concurrent batches lock lists alike), signatures, log leaves and rows. */
async function storeBatch(client: pg.PoolClient, items: Prepared[]): Promise<IssuedCredential[]> {
  const statuses = new Map<Prepared, { listId: string; uri: string; idx: number }>();
  const groups = new Map<string, Prepared[]>();
  for (const item of items) {
    const key = `${CREDENTIALS[item.type].issuer} ${item.deps.publicUrl}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    const allocated = await allocateStatuses(client, CREDENTIALS[group[0].type].issuer, group[0].deps.publicUrl, group.length);
    group.forEach((item, i) => statuses.set(item, allocated[i]));
  }
  const signed = items.map((item) => {
    const definition = CREDENTIALS[item.type];
    const signer = item.deps.keyring.issuer(definition.issuer);
    const status = statuses.get(item)!;
    const jwt = signEs256(
      { alg: "ES256", typ: SD_JWT_VC_TYP, kid: signer.signer.kid },
      {
        vct: definition.vct,
        ...item.payload,
        _sd_alg: SD_ALG,
        cnf: { jwk: item.holderJwk },
        status: { status_list: { idx: status.idx, uri: status.uri } },
        iss: signer.iss,
        iat: Math.floor(item.now.getTime() / 1000),
      },
      signer.signer.privateKey,
    );
    return { item, status, jwt, sdJwt: [jwt, ...item.disclosures, ""].join("~"), jwtDigest: createHash("sha256").update(jwt, "ascii").digest(), id: uuid7(item.now.getTime()), authenticityNumber: newLetterNumber() };
  });
  const { first } = await appendLeavesWithin(
    client,
    signed.map((s) => s.jwtDigest),
  );
  await client.query(
    `INSERT INTO "Credential" ("id", "personId", "type", "issuer", "authenticityNumber", "sdJwt", "jwtDigest", "holderJwk", "statusListId", "statusIdx", "logIndex", "sourceVersion", "issuedAt")
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::char(16)[], $6::text[], $7::bytea[], $8::jsonb[], $9::text[], $10::int[], $11::bigint[], $12::int[], $13::timestamp(3)[])`,
    [
      signed.map((s) => s.id),
      signed.map((s) => s.item.personId),
      signed.map((s) => s.item.type),
      signed.map((s) => CREDENTIALS[s.item.type].issuer),
      signed.map((s) => s.authenticityNumber),
      signed.map((s) => s.sdJwt),
      signed.map((s) => s.jwtDigest),
      signed.map((s) => JSON.stringify(s.item.holderJwk)),
      signed.map((s) => s.status.listId),
      signed.map((s) => s.status.idx),
      signed.map((_, i) => first + i),
      signed.map((s) => s.item.sourceVersion),
      signed.map((s) => s.item.now),
    ],
  );
  return signed.map((s, i) => ({
    id: s.id,
    type: s.item.type,
    authenticityNumber: s.authenticityNumber,
    sdJwt: s.sdJwt,
    statusListUri: s.status.uri,
    statusIdx: s.status.idx,
    logIndex: first + i,
    sourceVersion: s.item.sourceVersion,
    issuedAt: s.item.now,
  }));
}
