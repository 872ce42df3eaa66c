import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { rrnToCi } from "../identity/rrn";
import { prepareInWorker, type PrepareInput, type PreparedChunk } from "./batch-prepare";
import { BatchTooLarge } from "./batch-reader";
import { encodedId } from "./notice-encoder";

const SECRET = "s".repeat(40);
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;
const [senior, reader] = DEMO_CITIZENS;
const dir = mkdtempSync(path.join(os.tmpdir(), "moa-prepare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = "reference,template,recipient.rrn,recipient.name,fields.taxYear,fields.taxAmount,fields.dueDate,fields.taxOffice";
const row = (reference: string, rrn = senior.rrn, amount = "1000", template = tax.kind) => `${reference},${template},${rrn},수신인,2025,${amount},2026-11-30,종로세무서`;

function input(lines: string[], more: Partial<PrepareInput> = {}): PrepareInput {
  const file = path.join(dir, `${Math.random()}.csv`);
  writeFileSync(file, [HEADER, ...lines].join("\n") + "\n");
  return {
    file,
    format: "csv",
    encoding: null,
    templates: [{ id: "019aa000-0000-7000-8000-000000000001", kind: tax.kind, version: 1, fieldSchema: tax.fields, messages: tax.messages, agencyName: { ko: "국세청", en: "NTS", ja: "国税庁", zh: "国税厅", th: "กรมสรรพากร", vi: "Cục Thuế" } }],
    ciSecret: SECRET,
    ctx: { agencyId: "019aa000-0000-7000-8000-000000000002", batchId: null, testMode: false },
    committed: [],
    chunkRows: 3,
    ...more,
  };
}

async function all(chunks: AsyncGenerator<PreparedChunk>): Promise<PreparedChunk[]> {
  const out: PreparedChunk[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

describe("preparing a batch in a worker thread", () => {
  it("hands over chunks of rows in file order: refused rows with their reasons, the others encoded with their recipients and references", async () => {
    const chunks = await all(prepareInWorker(input([row("A-1"), row("A-2", reader.rrn), row("A-3", "123"), row("A-1", senior.rrn, "2000"), row("A-5", senior.rrn, "x"), row("A-6")])));
    expect(chunks.map((c) => [...c.lines])).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(chunks.map((c) => c.refused)).toEqual([[{ row: 2, issues: [{ column: "recipient.rrn", reason: "invalid_rrn" }] }], [{ row: 1, issues: [{ column: "fields.taxAmount", reason: "not_a_number" }] }]]);

    const [first, second] = chunks.map((c) => c.notices);
    expect(first.count).toBe(2);
    // The distinct recipients as bytes, and each notice's index among them.
    expect(Buffer.from(first.recipientCis).toString()).toBe(rrnToCi(senior.rrn, SECRET) + rrnToCi(reader.rrn, SECRET));
    expect([...first.recipient]).toEqual([0, 1]);
    expect(Buffer.from(first.references).toString()).toBe("A-1\nA-2");
    expect(first.requestHashes.length).toBe(2 * 64);
    expect(encodedId(first, 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(encodedId(first, 1)).not.toBe(encodedId(first, 0));
    // A reference seen earlier in the same chunk is compared, not encoded again; across chunks, storing decides.
    expect([...second.sameReferenceAs]).toEqual([-1, -1]);
    expect(Buffer.from(second.references).toString()).toBe("A-1\nA-6");
  });

  it("marks a reference repeated within a chunk and encodes only its first row", async () => {
    const [chunk] = await all(prepareInWorker(input([row("B-1"), row("B-1", senior.rrn, "2000"), row("B-2")], { chunkRows: 10 })));
    expect([...chunk.notices.sameReferenceAs]).toEqual([-1, 0, -1]);
    expect(chunk.notices.ends[1]).toBe(chunk.notices.ends[0]);
    expect(chunk.notices.ends[2]).toBeGreaterThan(chunk.notices.ends[1]);
  });

  it("skips the line ranges an earlier attempt committed", async () => {
    const chunks = await all(prepareInWorker(input([row("C-1"), row("C-2"), row("C-3"), row("C-4")], { committed: [{ firstLine: 1, lastLine: 3 }] })));
    expect(chunks.map((c) => [...c.lines])).toEqual([[4]]);
  });

  it("passes the reader's refusal of a batch over its limits on as BatchTooLarge", async () => {
    const chunks = prepareInWorker(input([row("D-1"), row("D-2"), row("D-3")], { limits: { maxRows: 2 } }));
    const error = await all(chunks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchTooLarge);
    expect((error as BatchTooLarge).limit).toBe("rows");
  });

  it("fails with the thread's error when the file cannot be read", async () => {
    await expect(all(prepareInWorker({ ...input([]), file: path.join(dir, "missing.csv") }))).rejects.toThrow(/reading the batch failed: Error: ENOENT/);
  });
});
