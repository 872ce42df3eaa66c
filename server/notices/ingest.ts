import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Localized } from "../../locales/config";
import type { NoticeDraft, TemplateLookup, TemplateRef } from "./input";
import { koreanOriginal, type FieldSpec, type TemplateForRender } from "./render";
import { ELECTRONIC_DELIVERY } from "../identity/citizens";
import { uuid7 } from "../db/uuid7";
import { BinaryCopyRows } from "../db/copy-binary";

/** An agency's templates, loaded once per request or batch. */
export interface AgencyTemplates {
  lookup: TemplateLookup;
  forRender: Map<string, TemplateForRender>;
}

export async function loadAgencyTemplates(client: pg.Pool | pg.PoolClient, agencyId: string): Promise<AgencyTemplates> {
  const { rows } = await client.query<{ id: string; kind: string; version: number; fieldSchema: Record<string, FieldSpec>; messages: TemplateForRender["messages"]; agencyName: Localized }>(
    `SELECT t.id, t.kind, t.version, t."fieldSchema", t.messages, a.name AS "agencyName" FROM "Template" t JOIN "Agency" a ON a.id = t."agencyId" WHERE t."agencyId" = $1 ORDER BY t.version DESC`,
    [agencyId],
  );
  const byKind = new Map<string, TemplateRef[]>();
  const forRender = new Map<string, TemplateForRender>();
  for (const r of rows) {
    byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), { id: r.id, kind: r.kind, version: r.version, fieldSchema: r.fieldSchema }]);
    forRender.set(r.id, { agencyName: r.agencyName, fieldSchema: r.fieldSchema, messages: r.messages });
  }
  return {
    lookup: (kind, version) => (version === undefined ? byKind.get(kind)?.[0] : byKind.get(kind)?.find((t) => t.version === version)),
    forRender,
  };
}

export interface IngestContext {
  agencyId: string;
  testMode: boolean;
  batchId: string | null;
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

const COLUMNS = [
  "id", "agencyId", "templateId", "recipientCi", "personId", "reference", "requestHash", "batchId", "testMode", "recipientName", "recipientPhone",
  "postalAddress", "fields", "originalKo", "originalSha256", "certified", "paymentNumber", "amountDue", "dueDate", "route", "nextStep", "nextStepAt", "acceptedAt", "deliveredAt",
] as const;
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
 * Stores the rows and returns the references stored. COPY straight into "Notice" first (the fast
 * path: no reference of the chunk was used before); when one was (a re-sent batch, or a concurrent
 * upload got there first), the unique index stops the COPY at that row, the savepoint undoes it,
 * and the rows go through a staging table with ON CONFLICT, which stores only the new ones.
 */
async function insertNew(client: pg.PoolClient, copyRows: Buffer, references: string[], checkPerChunk: boolean): Promise<Set<string>> {
  await client.query(checkPerChunk ? `SAVEPOINT copy_notices; SELECT set_config('session_replication_role', 'replica', true)` : "SAVEPOINT copy_notices");
  try {
    await copyInto(client, `"Notice"`, copyRows);
    await client.query(checkPerChunk ? `SELECT set_config('session_replication_role', 'origin', true); RELEASE SAVEPOINT copy_notices` : "RELEASE SAVEPOINT copy_notices");
    return new Set(references);
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

/**
 * One notice as a row of binary COPY, in COLUMNS order: Korean original rendered, accepted at
 * `nowMs`.
 */
export function writeNoticeRow(rows: BinaryCopyRows, d: NoticeDraft, match: { id: string; personId: string | null; route: "electronic" | "postal" }, template: TemplateForRender, ctx: IngestContext, nowMs: number): void {
  const original = koreanOriginal(template, d.fields);
  const electronic = match.route === "electronic";
  rows.row(COLUMNS.length);
  rows.uuid(match.id);
  rows.uuid(ctx.agencyId);
  rows.uuid(d.templateId);
  rows.text(d.recipientCi);
  rows.uuid(match.personId);
  rows.text(d.reference);
  rows.text(d.requestHash);
  rows.uuid(ctx.batchId);
  rows.bool(ctx.testMode);
  rows.text(d.recipientName);
  rows.text(d.recipientPhone);
  rows.text(d.postalAddress);
  rows.jsonb(JSON.stringify(d.fields));
  rows.text(original.text);
  rows.text(original.sha256);
  rows.bool(d.certified);
  rows.text(d.paymentNumber);
  rows.int8(d.amountDue);
  rows.date(d.dueDate);
  rows.text(match.route);
  // Arriving in the mailbox of a person who consented is delivery; everyone else gets a letter.
  rows.text(electronic ? "push" : "letter");
  rows.timestamp(nowMs);
  rows.timestamp(nowMs);
  rows.timestamp(electronic ? nowMs : null);
}

/** The Seoul calendar day, for the daily limit. */
function seoulDay(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Stores one chunk of prepared notices in the caller's transaction: recipients matched by CI in
 * one query, the rows streamed with COPY, and only when a reference was already used (a re-sent
 * notice, found rather than stored twice) the slower path of insertNew and a lookup of what is
 * stored. Delivery is scheduled by `nextStepAt` in the same rows: the delivery sweeper (issue 5)
 * picks up what is due.
 */
export async function storeChunk(client: pg.PoolClient, drafts: NoticeDraft[], templates: AgencyTemplates, ctx: IngestContext): Promise<StoreOutcome[]> {
  if (drafts.length === 0) return [];

  const cis = [...new Set(drafts.map((d) => d.recipientCi))];
  // One index lookup per recipient (LATERAL; OFFSET 0 keeps it from becoming a hash join over every
  // person), locked as the foreign key would lock it when the COPY skips the key's own check.
  const { rows: people } = await client.query<{ id: string; ci: string; consent: boolean }>(
    `SELECT p.id, p.ci, p.consent FROM unnest($1::bpchar[]) AS x(ci) CROSS JOIN LATERAL (
       SELECT id, ci, EXISTS (SELECT 1 FROM "Consent" c WHERE c."personId" = "Person".id AND c.purpose = $2 AND c."withdrawnAt" IS NULL) AS consent
       FROM "Person" WHERE ci = x.ci ${ctx.checkPerChunk ? "FOR KEY SHARE" : "OFFSET 0"}) p`,
    [cis, ELECTRONIC_DELIVERY],
  );
  if (ctx.checkPerChunk) await lockReferences(client, ctx, [...new Set(drafts.map((d) => d.templateId))]);
  const byCi = new Map(people.map((p) => [p.ci, p]));

  const nowMs = ctx.now.getTime();
  const planned = new Map<string, { id: string; route: "electronic" | "postal"; requestHash: string }>();
  // Written as bytes at once: outside V8's heap.
  const rows = new BinaryCopyRows();
  for (const d of drafts) {
    if (planned.has(d.reference)) continue; // the first of a reference in the chunk wins
    const person = byCi.get(d.recipientCi);
    const route = person?.consent ? "electronic" : "postal";
    const id = uuid7(ctx.now.getTime());
    planned.set(d.reference, { id, route, requestHash: d.requestHash });
    writeNoticeRow(rows, d, { id, personId: person?.id ?? null, route }, templates.forRender.get(d.templateId)!, ctx, nowMs);
  }
  const fresh = await insertNew(client, rows.contents(), [...planned.keys()], ctx.checkPerChunk ?? false);
  if (fresh.size > 0) {
    const { rows: counted } = await client.query<{ count: number }>(
      `INSERT INTO "AgencyDailyCount" ("agencyId", day, count) VALUES ($1, $2, $3)
       ON CONFLICT ("agencyId", day) DO UPDATE SET count = "AgencyDailyCount".count + EXCLUDED.count RETURNING count`,
      [ctx.agencyId, seoulDay(ctx.now), fresh.size],
    );
    if (counted[0].count > ctx.dailyLimit) throw new DailyLimitReached();
  }
  // References this agency had already used (or another upload took meanwhile): what is stored wins.
  const existing = new Map<string, { id: string; requestHash: string }>();
  const lost = [...planned.keys()].filter((r) => !fresh.has(r));
  if (lost.length > 0) {
    const { rows } = await client.query<{ id: string; reference: string; requestHash: string }>(
      `SELECT id, reference, "requestHash" FROM "Notice" WHERE "agencyId" = $1 AND reference = ANY($2::text[])`,
      [ctx.agencyId, lost],
    );
    for (const r of rows) existing.set(r.reference, r);
  }
  const seen = new Set<string>();
  return drafts.map((d) => {
    if (fresh.has(d.reference) && !seen.has(d.reference)) {
      seen.add(d.reference);
      const p = planned.get(d.reference)!;
      return { kind: "accepted", id: p.id, route: p.route };
    }
    const first = existing.get(d.reference) ?? planned.get(d.reference)!;
    return { kind: "duplicate", id: first.id, sameContent: first.requestHash === d.requestHash };
  });
}
