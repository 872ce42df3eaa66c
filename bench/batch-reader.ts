import iconv from "iconv-lite";
import { readBatch, type BatchEncoding, type BatchFormat } from "../server/notices/batch-reader";
import { formatFigure } from "./harness";

/** Rows like an agency's tax notices: Korean names and addresses, a quoted field with a comma in every tenth row. */
function csvRows(n: number): string {
  const lines = ["reference,recipient.name,recipient.rrn,recipient.phone,fields.taxAmount,fields.dueDate,fields.address"];
  const names = ["홍길동", "김철수", "이영희", "박민준", "최서연", "정우성", "강하늘"];
  for (let i = 0; i < n; i++) {
    const address = i % 10 === 0 ? `"서울특별시 종로구 세종대로 ${i % 300}, ${i % 20}층"` : `부산광역시 해운대구 우동 ${i % 1000}`;
    lines.push(`TAX-2026-${i},${names[i % names.length]},${900101 + (i % 300)}-1${String(i % 1_000_000).padStart(6, "0")},010-${1000 + (i % 9000)}-${5678},${(i * 137) % 5_000_000},2026-06-30,${address}`);
  }
  return lines.join("\r\n") + "\r\n";
}

function jsonlRows(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      JSON.stringify({
        reference: `TAX-2026-${i}`,
        recipient: { name: "홍길동", rrn: `900101-1${String(i % 1_000_000).padStart(6, "0")}`, phone: "010-1234-5678" },
        fields: { taxAmount: (i * 137) % 5_000_000, dueDate: "2026-06-30", address: `부산광역시 해운대구 우동 ${i % 1000}` },
      }),
    );
  }
  return lines.join("\n") + "\n";
}

/** Reads `bytes` in 256 KiB chunks (as ingest reads its spooled file) and counts the rows. */
async function readAll(bytes: Buffer, format: BatchFormat, encoding: BatchEncoding | null): Promise<{ rows: number; errors: number; ms: number }> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024);
  }
  let rows = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  for await (const row of readBatch(chunks(), { format, encoding })) {
    rows++;
    if ("error" in row) errors++;
  }
  return { rows, errors, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/**
 * Rows per second through readBatch for 500,000 generated notice rows, from memory (no disk, no
 * database): UTF-8 CSV, the same CSV in CP949 with the encoding detected, and UTF-8 JSON Lines.
 * Ingest needs more than 50,000 rows/s. `npm run bench -- batch-reader`.
 */
export async function benchBatchReader(n = 500_000): Promise<void> {
  const csv = csvRows(n);
  const inputs: { name: string; format: BatchFormat; bytes: Buffer }[] = [
    { name: "CSV UTF-8", format: "csv", bytes: Buffer.from(csv, "utf8") },
    { name: "CSV CP949", format: "csv", bytes: iconv.encode(csv, "cp949") },
    { name: "JSON Lines UTF-8", format: "jsonl", bytes: Buffer.from(jsonlRows(n), "utf8") },
  ];
  console.log(formatFigure("rows", n, "per input"));
  for (const { name, format, bytes } of inputs) {
    await readAll(bytes.subarray(0, 4 * 1024 * 1024), format, null); // warm-up
    const { rows, errors, ms } = await readAll(bytes, format, null);
    if (rows !== n || errors !== 0) throw new Error(`${name}: ${rows} rows, ${errors} errors, expected ${n} rows`);
    console.log(formatFigure(`${name} (${(bytes.length / 1024 / 1024).toFixed(1)} MiB)`, (rows / ms) * 1000, "rows/s"));
    console.log(formatFigure(`${name} throughput`, bytes.length / 1024 / 1024 / (ms / 1000), "MiB/s"));
  }
}
