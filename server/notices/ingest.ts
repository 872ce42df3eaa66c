import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { AgencyTemplates } from "./agency-templates";
import type { NoticeDraft } from "./input";
import { encodedFields, encodedId, NOTICE_COLUMNS, NoticeEncoder, REQUEST_HASH_LENGTH, type EncodeContext, type EncodedNotices } from "./notice-encoder";
import { ELECTRONIC_DELIVERY } from "../identity/citizens";
import { CI_LENGTH } from "../identity/rrn";
import { BinaryCopyRows } from "../db/copy-binary";

export interface IngestContext extends EncodeContext {
  now: Date;
  dailyLimit: number;
  /**
   * Check the chunk's references (agency, templates, batch, people) once, locking the rows as the
   * foreign keys would, and COPY with the per-row foreign-key triggers off: those cost PostgreSQL
   * more than the COPY itself (4 lookups and row locks per notice). Needs `canCheckPerChunk`.
   */
  checkPerChunk?: boolean;
}

export type StoreOutcome = { kind: "accepted"; id: string; route: "electronic" | "postal" } | { kind: "duplicate"; id: string; sameContent: boolean };

/** Thrown after the insert when the day's count would pass the agency's limit: the caller rolls back. */
export class DailyLimitReached extends Error {}

/** What is known once the recipient is matched, at the time the chunk is stored. */
const MATCH_COLUMNS = ["personId", "route", "nextStep", "nextStepAt", "acceptedAt", "deliveredAt"] as const;
const COLUMNS = [...NOTICE_COLUMNS, ...MATCH_COLUMNS];
const QUOTED = COLUMNS.map((c) => `"${c}"`).join(", ");

function copyInto(client: pg.PoolClient, table: string, rows: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${QUOTED}) FROM STDIN (FORMAT binary)`));
    stream.on("finish", resolve);
    stream.on("error", reject);
    stream.end(rows);
  });
}

/**
 * Stores the rows: `"all"`, or the references stored. COPY straight into "Notice" first (the fast
 * path: no reference of the chunk was used before); when one was (a re-sent batch, or a concurrent
 * upload got there first), the unique index stops the COPY at that row, the savepoint undoes it,
 * and the rows go through a staging table with ON CONFLICT, which stores only the new ones.
 */
async function insertNew(client: pg.PoolClient, copyRows: Buffer, checkPerChunk: boolean): Promise<"all" | Set<string>> {
  await client.query(checkPerChunk ? `SAVEPOINT copy_notices; SELECT set_config('session_replication_role', 'replica', true)` : "SAVEPOINT copy_notices");
  try {
    await copyInto(client, `"Notice"`, copyRows);
    await client.query(checkPerChunk ? `SELECT set_config('session_replication_role', 'origin', true); RELEASE SAVEPOINT copy_notices` : "RELEASE SAVEPOINT copy_notices");
    return "all";
  } catch (error) {
    if ((error as { code?: string }).code !== "23505") throw error;
    await client.query("ROLLBACK TO SAVEPOINT copy_notices");
  }
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS notice_stage (LIKE "Notice" INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`);
  await copyInto(client, "notice_stage", copyRows);
  const { rows } = await client.query<{ reference: string }>(
    `INSERT INTO "Notice" (${QUOTED}) SELECT ${QUOTED} FROM notice_stage ON CONFLICT ("agencyId", reference) DO NOTHING RETURNING reference`,
  );
  await client.query("TRUNCATE notice_stage");
  return new Set(rows.map((r) => r.reference));
}

/**
 * Whether this connection may turn row triggers off for a COPY (superuser, or on PostgreSQL ≥ 15
 * `GRANT SET ON PARAMETER session_replication_role TO <role>`); without it, the foreign keys check
 * every row as usual.
 */
export async function canCheckPerChunk(client: pg.Pool | pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(`SELECT has_parameter_privilege('session_replication_role', 'SET') AS ok`);
  return rows[0].ok;
}

/**
 * What the foreign keys of the chunk's rows check, done once: the agency, templates and batch exist,
 * and stay (FOR KEY SHARE, as the foreign-key triggers lock them) until the chunk commits. People
 * are locked by the lookup that found them.
 */
async function lockReferences(client: pg.PoolClient, ctx: IngestContext, templateIds: string[]): Promise<void> {
  const { rows } = await client.query<{ agencies: number; templates: number; batches: number }>(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM "Agency" WHERE id = $1 FOR KEY SHARE) a)::int AS agencies,
            (SELECT count(*) FROM (SELECT 1 FROM "Template" WHERE id = ANY($2::uuid[]) AND "agencyId" = $1 FOR KEY SHARE) t)::int AS templates,
            (SELECT count(*) FROM (SELECT 1 FROM "NoticeBatch" WHERE id = $3 FOR KEY SHARE) b)::int AS batches`,
    [ctx.agencyId, templateIds, ctx.batchId],
  );
  const found = rows[0];
  if (found.agencies !== 1 || found.templates !== templateIds.length || found.batches !== (ctx.batchId === null ? 0 : 1)) {
    throw new Error("a notice refers to an agency, template or batch that does not exist");
  }
}

/** The Seoul calendar day, for the daily limit. */
function seoulDay(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Bytes per person found by matchRecipients: the recipient's index (int4), the person's id (uuid), consent (bool). */
const MATCH_BYTES = 4 + 16 + 1;

/**
 * The people the chunk's recipients are (one index lookup per CI: LATERAL, and OFFSET 0 keeps it
 * from becoming a hash join over every person), locked as the foreign key would lock them when the
 * COPY skips the key's own check. CIs go in as bytes (a binary parameter) and people come out as
 * one bytea: a chunk's thousands of CIs and ids never become JavaScript strings of their own.
 * (A CI is base64, which `encode(…, 'escape')` leaves as it is; with `convert_from`, which is only
 * stable, PostgreSQL scans every person instead of the index.)
 */
async function matchRecipients(client: pg.PoolClient, cis: Uint8Array, lock: boolean): Promise<{ id(r: number): Uint8Array | null; consented(r: number): boolean }> {
  const { rows } = await client.query<{ found: Buffer | null }>({
    text: `SELECT string_agg(int4send(x.r) || uuid_send(p.id) || boolsend(p.consent), ''::bytea) AS found
       FROM generate_series(0, length($1::bytea) / ${CI_LENGTH} - 1) AS x(r) CROSS JOIN LATERAL (
         SELECT id, EXISTS (SELECT 1 FROM "Consent" c WHERE c."personId" = "Person".id AND c.purpose = $2 AND c."withdrawnAt" IS NULL) AS consent
         FROM "Person" WHERE ci = encode(substring($1::bytea FROM x.r * ${CI_LENGTH} + 1 FOR ${CI_LENGTH}), 'escape')::bpchar ${lock ? "FOR KEY SHARE" : "OFFSET 0"}) p`,
    values: [Buffer.from(cis.buffer, cis.byteOffset, cis.byteLength), ELECTRONIC_DELIVERY],
  });
  const found = rows[0].found ?? Buffer.alloc(0);
  const at = new Int32Array(cis.length / CI_LENGTH).fill(-1);
  for (let k = 0; k < found.length; k += MATCH_BYTES) at[found.readInt32BE(k)] = k + 4;
  return {
    id: (r) => (at[r] < 0 ? null : found.subarray(at[r], at[r] + 16)),
    consented: (r) => at[r] >= 0 && found[at[r] + 16] === 1,
  };
}

/** Drafts encoded here and stored (see storeEncoded): one notice from the API, or tests. */
export async function storeChunk(client: pg.PoolClient, drafts: NoticeDraft[], templates: AgencyTemplates, ctx: IngestContext): Promise<StoreOutcome[]> {
  const encoder = new NoticeEncoder(templates.forRender, ctx, ctx.now.getTime(), drafts.length);
  for (const d of drafts) encoder.add(d);
  const stored = await storeEncoded(client, encoder.finish(), ctx);
  return drafts.map((_, i) => {
    const id = stored.idOf(i);
    if (stored.outcomes[i] === ACCEPTED) return { kind: "accepted", id, route: stored.routeOf(i) };
    return { kind: "duplicate", id, sameContent: stored.outcomes[i] === SAME_CONTENT };
  });
}

/** What became of each notice of a chunk. */
export const ACCEPTED = 0;
/** Its reference was used before (in the database or earlier in the chunk) with the same content: nothing stored. */
export const SAME_CONTENT = 1;
/** Its reference was used before with other content: nothing stored, an error for the agency. */
export const REFERENCE_REUSED = 2;

export interface StoredNotices {
  /** ACCEPTED, SAME_CONTENT or REFERENCE_REUSED, per notice in order. */
  outcomes: Uint8Array;
  /** The stored notice a notice's reference names: its own if accepted. */
  idOf(i: number): string;
  /** An accepted notice's route. */
  routeOf(i: number): "electronic" | "postal";
}

/**
 * Stores one chunk of encoded notices in the caller's transaction: recipients matched by CI in
 * one query, the rows streamed with COPY, and only when a reference was already used (a re-sent
 * notice, found rather than stored twice) the slower path of insertNew and a lookup of what is
 * stored. Delivery is scheduled by `nextStepAt` in the same rows: the delivery sweeper (issue 5)
 * picks up what is due.
 */
export async function storeEncoded(client: pg.PoolClient, notices: EncodedNotices, ctx: IngestContext): Promise<StoredNotices> {
  const { count, recipient, sameReferenceAs } = notices;
  if (count === 0) return { outcomes: new Uint8Array(0), idOf: () => "", routeOf: () => "postal" };
  const people = await matchRecipients(client, notices.recipientCis, ctx.checkPerChunk ?? false);
  if (ctx.checkPerChunk) await lockReferences(client, ctx, notices.templateIds);

  const nowMs = ctx.now.getTime();
  const electronic = new Uint8Array(count);
  // Written as bytes at once: outside V8's heap.
  const rows = new BinaryCopyRows({ size: notices.fields.length + count * 80 + 64 });
  let planned = 0;
  for (let i = 0; i < count; i++) {
    if (sameReferenceAs[i] >= 0) continue;
    planned++;
    const r = recipient[i];
    const consented = people.consented(r);
    electronic[i] = consented ? 1 : 0;
    rows.row(COLUMNS.length);
    rows.raw(encodedFields(notices, i));
    rows.uuidBytes(people.id(r));
    rows.text(consented ? "electronic" : "postal");
    // Arriving in the mailbox of a person who consented is delivery; everyone else gets a letter.
    rows.text(consented ? "push" : "letter");
    rows.timestamp(nowMs);
    rows.timestamp(nowMs);
    rows.timestamp(consented ? nowMs : null);
  }
  const stored = await insertNew(client, rows.contents(), ctx.checkPerChunk ?? false);
  const references = stored === "all" ? [] : Buffer.from(notices.references).toString("utf8").split("\n");
  const fresh = stored === "all" ? planned : stored.size;
  if (fresh > 0) {
    const { rows: counted } = await client.query<{ count: number }>(
      `INSERT INTO "AgencyDailyCount" ("agencyId", day, count) VALUES ($1, $2, $3)
       ON CONFLICT ("agencyId", day) DO UPDATE SET count = "AgencyDailyCount".count + EXCLUDED.count RETURNING count`,
      [ctx.agencyId, seoulDay(ctx.now), fresh],
    );
    if (counted[0].count > ctx.dailyLimit) throw new DailyLimitReached();
  }
  // References this agency had already used (or another upload took meanwhile): what is stored wins.
  const existing = new Map<string, { id: string; requestHash: string }>();
  const lost = stored === "all" ? [] : references.filter((r, i) => sameReferenceAs[i] < 0 && !stored.has(r));
  if (lost.length > 0) {
    const { rows } = await client.query<{ id: string; reference: string; requestHash: string }>(
      `SELECT id, reference, "requestHash" FROM "Notice" WHERE "agencyId" = $1 AND reference = ANY($2::text[])`,
      [ctx.agencyId, lost],
    );
    for (const r of rows) existing.set(r.reference, r);
  }
  const hashOf = (i: number) => Buffer.from(notices.requestHashes.buffer, notices.requestHashes.byteOffset + i * REQUEST_HASH_LENGTH, REQUEST_HASH_LENGTH).toString("latin1");
  const outcomes = new Uint8Array(count);
  /** The notice of this chunk whose id a notice's reference names, or -1 for one stored before. */
  const idFrom = Int32Array.from({ length: count }, (_, i) => i);
  const isStored = (i: number) => stored === "all" || stored.has(references[i]);
  for (let i = 0; i < count; i++) {
    const first = sameReferenceAs[i] < 0 ? i : sameReferenceAs[i];
    if (first === i && isStored(i)) continue; // ACCEPTED
    const before = isStored(first) ? undefined : existing.get(references[first]);
    idFrom[i] = before ? -1 : first;
    outcomes[i] = (before?.requestHash ?? hashOf(first)) === hashOf(i) ? SAME_CONTENT : REFERENCE_REUSED;
  }
  return {
    outcomes,
    idOf: (i) => (idFrom[i] >= 0 ? encodedId(notices, idFrom[i]) : existing.get(references[i])!.id),
    routeOf: (i) => (electronic[i] === 1 ? "electronic" : "postal"),
  };
}
