import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { processPrintBatches } from "../sandbox/print-house";
import { newLetterNumber } from "./letter-number";
import { collectPrintReceipts, seoulDay, writePrintBatch, type Localize } from "./print";
import type { Manifest, Receipts } from "./print-files";

const tmp = mkdtempSync(path.join(os.tmpdir(), "moa-print-"));
const dataDir = path.join(tmp, "data");
// 01:30 on 24 November in Seoul, still the 23rd in UTC.
const NOW = new Date("2026-11-23T16:30:00Z");
const DAY = "2026-11-24";
const dir = path.join(dataDir, "print", DAY);
const ADDRESS = "서울특별시 종로구 세종대로 209, 정부서울청사 3층\n03171";

let t: TestDatabase;
let pool: pg.Pool;
let agencyId: string;
let templateId: string;
let vietnameseId: string;
let count = 0;

const localize = vi.fn<Localize>((notice, locale) => ({ title: `Thông báo ${notice.reference}`, body: `Bản dịch (${locale}): ${notice.originalKo}` }));
const batch = (extra: Partial<Parameters<typeof writePrintBatch>[0]> = {}) => writePrintBatch({ pool, dataDir, now: NOW, publicUrl: "https://moa.example.kr/", localize, ...extra });
const manifest = () => JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
const receipts = () => JSON.parse(readFileSync(path.join(dir, "receipts.json"), "utf8")) as Receipts;

/** A notice with a queued letter; returns the letter number. */
async function queueLetter(options: { personId?: string; postalAddress?: string } = {}): Promise<string> {
  const reference = `NTS-2026-${String(++count).padStart(6, "0")}`;
  const notice = await t.db.notice.create({
    data: {
      agencyId,
      templateId,
      recipientCi: "C".repeat(86) + "==",
      personId: options.personId,
      reference,
      requestHash: "0".repeat(64),
      recipientName: options.personId ? "Nguyễn Thị Lan" : "김순자",
      postalAddress: options.postalAddress ?? ADDRESS,
      fields: {},
      originalKo: `${reference} 종합소득세 납부 안내: 납부할 세액은 1,234,000원입니다.`,
      originalSha256: "0".repeat(64),
      route: "postal",
    },
  });
  const letterNumber = newLetterNumber();
  await t.db.delivery.create({ data: { noticeId: notice.id, channel: "letter", target: "letter", status: "queued", letterNumber } });
  return letterNumber;
}

const statuses = async () => Object.fromEntries((await t.db.delivery.findMany({ select: { letterNumber: true, status: true } })).map((d) => [d.letterNumber, d.status]));

beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  agencyId = (await t.db.agency.create({ data: { code: "NTS", name: { ko: "국세청", vi: "Tổng cục Thuế Quốc gia" } } })).id;
  templateId = (await t.db.template.create({ data: { agencyId, kind: "income-tax", version: 1, name: { ko: "종합소득세 납부 안내" }, fieldSchema: {}, messages: {} } })).id;
  vietnameseId = (await t.db.person.create({ data: { ci: "V".repeat(86) + "==", name: "Nguyễn Thị Lan", locale: "vi" } })).id;
});

afterAll(async () => {
  await pool?.end();
  await t?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("daily print batch", () => {
  const letters: string[] = [];

  it("writes the day's letters and manifest in Seoul's day, and marks them sent", async () => {
    expect(seoulDay(NOW)).toBe(DAY);
    letters.push(await queueLetter(), await queueLetter(), await queueLetter({ personId: vietnameseId }));
    const tooLong = await queueLetter({ postalAddress: Array(12).fill("서울특별시 종로구 세종대로 209").join("\n") });
    expect(await batch()).toEqual({ day: DAY, added: 3, failed: 1, total: 3 });

    const m = manifest();
    expect(m.day).toBe(DAY);
    expect(m.letters.map((l) => l.key).sort()).toEqual([...letters].sort());
    for (const letter of m.letters) {
      const bytes = readFileSync(path.join(dir, letter.file));
      expect(letter).toMatchObject({ file: `${letter.key}.pdf`, pages: 1, sha256: createHash("sha256").update(bytes).digest("hex") });
    }
    // Only the Vietnamese reader's letter is localized, and it carries the translation.
    expect(localize).toHaveBeenCalledTimes(1);
    const text = execFileSync("/usr/bin/pdftotext", ["-enc", "UTF-8", path.join(dir, `${letters[2]}.pdf`), "-"], { encoding: "utf8" });
    expect(text).toContain("Bản dịch chỉ để tham khảo");

    const rows = await t.db.delivery.findMany({ where: { letterNumber: { in: letters } }, include: { printBatch: true } });
    for (const row of rows) {
      expect(row).toMatchObject({ status: "sent", providerRefs: [row.letterNumber] });
      expect(row.printBatch).toMatchObject({ day: new Date(`${DAY}T00:00:00Z`), letterCount: 3, status: "written" });
    }
    expect(await t.db.delivery.findUnique({ where: { letterNumber: tooLong } })).toMatchObject({ status: "permanent-failure", error: "address-too-long", printBatchId: null });
    expect(await t.db.webhookEvent.count({ where: { type: "notice.failed" } })).toBe(1);
  });

  it("adds nothing when run again, and only the new letters later the same day", async () => {
    const before = readFileSync(path.join(dir, "manifest.json"), "utf8");
    expect(await batch()).toEqual({ day: DAY, added: 0, failed: 0, total: 3 });
    expect(readFileSync(path.join(dir, "manifest.json"), "utf8")).toBe(before);

    letters.push(await queueLetter());
    expect(await batch({ now: new Date(NOW.getTime() + 3 * 3600_000) })).toEqual({ day: DAY, added: 1, failed: 0, total: 4 });
    expect(manifest().letters.map((l) => l.key).sort()).toEqual([...letters].sort());
    expect(await t.db.printBatch.findMany()).toMatchObject([{ letterCount: 4 }]);
  });

  it("redoes a run that died between writing the files and committing, without duplicates", async () => {
    const crashed = [await queueLetter(), await queueLetter()];
    await expect(batch({ beforeCommit: () => Promise.reject(new Error("killed")) })).rejects.toThrow("killed");
    for (const key of crashed) expect(existsSync(path.join(dir, `${key}.pdf`))).toBe(true);
    expect(manifest().letters).toHaveLength(6);
    expect(await statuses()).toMatchObject({ [crashed[0]]: "queued", [crashed[1]]: "queued" });

    expect(await batch()).toEqual({ day: DAY, added: 2, failed: 0, total: 6 });
    letters.push(...crashed);
    const keys = manifest().letters.map((l) => l.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual([...letters].sort());
    expect(await t.db.printBatch.findMany()).toMatchObject([{ letterCount: 6 }]);
    expect(await t.db.delivery.count({ where: { printBatchId: { not: null } } })).toBe(6);
  });
});

describe("print house", () => {
  it("prints, then dispatches an hour later; receipts move the letters forward but never back", async () => {
    const keys = manifest().letters.map((l) => l.key);
    expect(await processPrintBatches({ dataDir, now: NOW })).toEqual({ printed: 6, dispatched: 0 });
    expect(Object.values(receipts().letters).map((r) => r.status)).toEqual(Array(6).fill("printed"));
    expect(await collectPrintReceipts({ pool, dataDir })).toEqual({ printed: 6, dispatched: 0 });
    expect(await t.db.printBatch.findMany()).toMatchObject([{ status: "printed" }]);

    // Returned by the post before the print house reports the dispatch (set elsewhere).
    await t.db.delivery.update({ where: { letterNumber: keys[0] }, data: { status: "returned" } });
    expect(await processPrintBatches({ dataDir, now: new Date(NOW.getTime() + 30 * 60_000) })).toEqual({ printed: 0, dispatched: 0 });
    expect(await processPrintBatches({ dataDir, now: new Date(NOW.getTime() + 61 * 60_000) })).toEqual({ printed: 0, dispatched: 6 });
    expect(receipts().letters[keys[1]]).toEqual({ status: "dispatched", printedAt: NOW.toISOString(), dispatchedAt: new Date(NOW.getTime() + 61 * 60_000).toISOString() });

    expect(await collectPrintReceipts({ pool, dataDir })).toEqual({ printed: 0, dispatched: 5 });
    expect(await collectPrintReceipts({ pool, dataDir })).toEqual({ printed: 0, dispatched: 0 });
    const after = await statuses();
    expect(after[keys[0]]).toBe("returned");
    for (const key of keys.slice(1)) expect(after[key]).toBe("dispatched");
    expect(await t.db.printBatch.findMany()).toMatchObject([{ status: "dispatched" }]);
  });

  it("prints nothing whose file does not match the manifest, and nothing twice", async () => {
    expect(await processPrintBatches({ dataDir, now: new Date(NOW.getTime() + 5 * 3600_000) })).toEqual({ printed: 0, dispatched: 0 });
    const key = await queueLetter();
    await batch();
    rmSync(path.join(dir, `${key}.pdf`));
    expect(await processPrintBatches({ dataDir, now: NOW })).toEqual({ printed: 0, dispatched: 0 });
    expect(receipts().letters[key]).toBeUndefined();
  });
});
