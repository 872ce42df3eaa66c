import { createHash, randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import "../db/pg-utc";
import { isLocale, type Locale } from "../../locales/config";
import { TIME_ZONE } from "../../locales/formats";
import { enqueueWebhookEvents } from "../webhooks/events";
import { AddressDoesNotFit, letterDocument } from "./letter";
import { MANIFEST, RECEIPTS, printDays, printDir, readJson, writeFileAtomic, type Manifest, type ManifestEntry, type Receipts } from "./print-files";

/** What `localize` is given to put a notice into the citizen's language. */
export interface PrintNotice {
  id: string;
  reference: string;
  originalKo: string;
  fields: Record<string, unknown>;
  agencyName: Record<string, string>;
  template: { kind: string; version: number; fieldSchema: unknown; messages: unknown };
}

export type Localize = (notice: PrintNotice, locale: Locale) => { title: string; body: string } | null | Promise<{ title: string; body: string } | null>;

export interface PrintBatchOptions {
  pool: pg.Pool;
  dataDir: string;
  now: Date;
  publicUrl: string;
  localize: Localize;
  /** Letters rendered at once. */
  concurrency?: number;
  /** Runs after the files are written, before the commit: tests simulate a crash there. */
  beforeCommit?: () => void | Promise<void>;
}

export interface PrintBatchResult {
  day: string;
  /** Letters added to the day's batch by this run. */
  added: number;
  /** Letters that cannot be printed (no address, or one too long for the window): permanent-failure. */
  failed: number;
  /** Letters in the day's batch. */
  total: number;
}

/** YYYY-MM-DD of `date` in Seoul. */
export const seoulDay = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);

const CLAIM = `
  SELECT d.id, d."letterNumber", n.id AS "noticeId", n."agencyId", n.reference, n."recipientName",
         COALESCE(n."postalAddress", p."postalAddress") AS "postalAddress", n."originalKo", n.fields,
         p.locale, a.name AS "agencyName", t.kind, t.version, t."fieldSchema", t.messages
  FROM "Delivery" d JOIN "Notice" n ON n.id = d."noticeId" JOIN "Agency" a ON a.id = n."agencyId"
  JOIN "Template" t ON t.id = n."templateId" LEFT JOIN "Person" p ON p.id = n."personId"
  WHERE d.channel = 'letter' AND d.target = 'letter' AND d.status = 'queued' AND d."printBatchId" IS NULL
    AND d."letterNumber" IS NOT NULL AND NOT n."testMode"
  ORDER BY d."createdAt", d.id
  FOR UPDATE OF d SKIP LOCKED`;

interface Claimed {
  id: string;
  letterNumber: string;
  noticeId: string;
  agencyId: string;
  reference: string;
  recipientName: string;
  postalAddress: string | null;
  originalKo: string;
  fields: Record<string, unknown>;
  locale: string | null;
  agencyName: Record<string, string>;
  kind: string;
  version: number;
  fieldSchema: unknown;
  messages: unknown;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Renders one letter into the day's folder; a letter that cannot be printed is a failure, not an error. */
async function printLetter(row: Claimed, dir: string, { now, publicUrl, localize }: PrintBatchOptions): Promise<{ row: Claimed; entry: ManifestEntry } | { row: Claimed; failed: string }> {
  if (!row.postalAddress) return { row, failed: "no-postal-address" };
  const locale: Locale = row.locale && isLocale(row.locale) ? row.locale : "ko";
  const { noticeId, reference, originalKo, fields, agencyName, kind, version, fieldSchema, messages } = row;
  try {
    const { pdf, pages } = await letterDocument({
      noticeId,
      letterNumber: row.letterNumber,
      verifyUrl: `${publicUrl.replace(/\/+$/, "")}/verify/letter/${row.letterNumber}`,
      agencyName,
      recipientName: row.recipientName,
      postalAddress: row.postalAddress,
      originalKo,
      locale,
      localized: locale === "ko" ? null : await localize({ id: noticeId, reference, originalKo, fields, agencyName, template: { kind, version, fieldSchema, messages } }, locale),
      issuedAt: now,
    });
    const file = `${row.letterNumber}.pdf`;
    await writeFileAtomic(path.join(dir, file), pdf);
    return { row, entry: { key: row.letterNumber, noticeId, file, pages, sha256: createHash("sha256").update(pdf).digest("hex") } };
  } catch (error) {
    if (error instanceof AddressDoesNotFit) return { row, failed: "address-too-long" };
    throw error;
  }
}

/**
 * Hands the day's new letters to the print house: claims every queued letter not yet in a batch,
 * writes its PDF and the day's manifest (all the day's letters), then records the batch and marks
 * the letters sent, all in one transaction. Files are written before the commit and named by the
 * letter number, so a run that dies in between is redone by the next one without duplicates.
 */
export async function writePrintBatch(options: PrintBatchOptions): Promise<PrintBatchResult> {
  const { pool, dataDir, now, concurrency = 4 } = options;
  const day = seoulDay(now);
  const dir = printDir(dataDir, day);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // The manifest lists the whole day: two runs for one day must not interleave.
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`moa:print:${day}`]);
    const claimed = (await client.query<Claimed>(CLAIM)).rows;
    const batch = (await client.query<{ id: string }>(`SELECT id FROM "PrintBatch" WHERE day = $1::date`, [day])).rows[0];
    const inBatch = batch ? (await client.query<{ letterNumber: string }>(`SELECT "letterNumber" FROM "Delivery" WHERE "printBatchId" = $1`, [batch.id])).rows : [];
    if (claimed.length === 0 && !batch) {
      await client.query("COMMIT");
      return { day, added: 0, failed: 0, total: 0 };
    }

    await mkdir(dir, { recursive: true });
    const outcomes = await mapLimit(claimed, concurrency, (row) => printLetter(row, dir, options));
    const added = outcomes.flatMap((o) => ("entry" in o ? [o.entry] : []));
    const failed = outcomes.flatMap((o) => ("failed" in o ? [o] : []));

    // Letters committed to the batch keep their entries; those of a run that never committed are
    // redone, or dropped if the letter is no longer queued.
    const committed = new Set(inBatch.map((r) => r.letterNumber));
    const previous = (await readJson<Manifest>(path.join(dir, MANIFEST)))?.letters.filter((e) => committed.has(e.key)) ?? [];
    if (previous.length !== committed.size) throw new Error(`The manifest of ${day} lacks letters of its batch: restore ${path.join(dir, MANIFEST)}.`);
    const letters = [...previous, ...added];
    await writeFileAtomic(path.join(dir, MANIFEST), JSON.stringify({ day, letters } satisfies Manifest, null, 2));

    if (added.length > 0) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "PrintBatch" (id, day, "letterCount", status, "createdAt", "updatedAt") VALUES ($1, $2::date, $3, 'written', $4, $4)
         ON CONFLICT (day) DO UPDATE SET "letterCount" = $3, status = 'written', "updatedAt" = $4 RETURNING id`,
        [randomUUID(), day, letters.length, now],
      );
      await client.query(
        `UPDATE "Delivery" SET "printBatchId" = $1, status = 'sent', "providerRefs" = ARRAY["letterNumber"], "updatedAt" = $2 WHERE "letterNumber" = ANY($3::text[])`,
        [rows[0].id, now, added.map((e) => e.key)],
      );
    }
    if (failed.length > 0) {
      await client.query(`UPDATE "Delivery" SET status = 'permanent-failure', error = u.error, "updatedAt" = $3 FROM unnest($1::uuid[], $2::text[]) AS u(id, error) WHERE "Delivery".id = u.id`, [
        failed.map((f) => f.row.id),
        failed.map((f) => f.failed),
        now,
      ]);
      await enqueueWebhookEvents(
        client,
        failed.map(({ row, failed: reason }) => ({ agencyId: row.agencyId, type: "notice.failed" as const, noticeId: row.noticeId, data: { reference: row.reference, channel: "letter", reason }, at: now })),
      );
    }
    await options.beforeCommit?.();
    await client.query("COMMIT");
    return { day, added: added.length, failed: failed.length, total: letters.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Reads the print house's receipts and moves letters sent → printed → dispatched, never back
 * (a `returned` letter stays returned), and each batch's status with its letters. Idempotent.
 * Returns how many letters moved.
 */
export async function collectPrintReceipts(options: { pool: pg.Pool; dataDir: string; now?: Date }): Promise<{ printed: number; dispatched: number }> {
  const { pool, dataDir, now = new Date() } = options;
  const printed: string[] = [];
  const dispatched: string[] = [];
  const days = await printDays(dataDir);
  for (const day of days) {
    const receipts = await readJson<Receipts>(path.join(printDir(dataDir, day), RECEIPTS));
    for (const [key, receipt] of Object.entries(receipts?.letters ?? {})) (receipt.status === "dispatched" ? dispatched : printed).push(key);
  }
  const move = (to: string, from: string[], keys: string[]) =>
    pool.query(`UPDATE "Delivery" SET status = $1, "updatedAt" = $2 WHERE channel = 'letter' AND "letterNumber" = ANY($3::text[]) AND status = ANY($4::text[])`, [to, now, keys, from]);
  const p = await move("printed", ["sent"], printed);
  const d = await move("dispatched", ["sent", "printed"], dispatched);
  // A batch is as far along as its least advanced letter; a returned letter had been dispatched.
  await pool.query(
    `UPDATE "PrintBatch" b SET status = s.status, "updatedAt" = $2
     FROM (SELECT "printBatchId" AS id,
                  CASE WHEN bool_and(status IN ('dispatched', 'returned')) THEN 'dispatched'
                       WHEN bool_and(status IN ('printed', 'dispatched', 'returned')) THEN 'printed' ELSE 'written' END AS status
           FROM "Delivery" WHERE "printBatchId" IN (SELECT id FROM "PrintBatch" WHERE day = ANY($1::date[])) GROUP BY 1) s
     WHERE b.id = s.id AND b.status <> s.status`,
    [days, now],
  );
  return { printed: p.rowCount ?? 0, dispatched: d.rowCount ?? 0 };
}
