import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { BatchTooLarge, DEFAULT_BATCH_LIMITS, parseContentType, readBatch, type BatchEncoding, type BatchFormat, type BatchLimits, type BatchRow } from "./batch-reader";

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(
  input: string | Uint8Array,
  { format = "csv", encoding = null, chunk = 64 * 1024, limits }: { format?: BatchFormat; encoding?: BatchEncoding | null; chunk?: number; limits?: Partial<BatchLimits> } = {},
): Promise<BatchRow[]> {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const rows: BatchRow[] = [];
  for await (const row of readBatch(chunked(bytes, chunk), { format, encoding, limits })) rows.push(row);
  return rows;
}

/** Counts what a lazy source hands out, and whether it was closed. */
function meter() {
  return { bytes: 0, closed: false };
}

describe("parseContentType", () => {
  it("reads the format and the declared charset", () => {
    expect(parseContentType("text/csv")).toEqual({ ok: true, format: "csv", encoding: null });
    expect(parseContentType("text/csv; charset=utf-8")).toEqual({ ok: true, format: "csv", encoding: "utf-8" });
    expect(parseContentType("Text/CSV;Charset=UTF8")).toEqual({ ok: true, format: "csv", encoding: "utf-8" });
    expect(parseContentType("application/x-ndjson")).toEqual({ ok: true, format: "jsonl", encoding: null });
    expect(parseContentType("application/jsonl; charset=\"utf-8\"")).toEqual({ ok: true, format: "jsonl", encoding: "utf-8" });
    for (const label of ["EUC-KR", "euc-kr", "cp949", "CP949", "ks_c_5601-1987", "x-windows-949", "windows-949"]) {
      expect(parseContentType(`text/csv; charset=${label}`)).toEqual({ ok: true, format: "csv", encoding: "cp949" });
    }
    expect(parseContentType("text/csv;charset=\"EUC-KR\";header=present")).toEqual({ ok: true, format: "csv", encoding: "cp949" });
  });

  it("refuses other types and charsets", () => {
    expect(parseContentType(null)).toEqual({ ok: false, code: "unsupported_media_type" });
    expect(parseContentType("")).toEqual({ ok: false, code: "unsupported_media_type" });
    expect(parseContentType("application/json")).toEqual({ ok: false, code: "unsupported_media_type" });
    expect(parseContentType("multipart/form-data; boundary=x")).toEqual({ ok: false, code: "unsupported_media_type" });
    expect(parseContentType("application/vnd.ms-excel")).toEqual({ ok: false, code: "unsupported_media_type" });
    expect(parseContentType("text/csv; charset=shift_jis")).toEqual({ ok: false, code: "unsupported_charset" });
    expect(parseContentType("text/csv; charset=utf-16")).toEqual({ ok: false, code: "unsupported_charset" });
    expect(parseContentType("application/x-ndjson; charset=")).toEqual({ ok: false, code: "unsupported_charset" });
    // The type is judged first.
    expect(parseContentType("application/pdf; charset=shift_jis")).toEqual({ ok: false, code: "unsupported_media_type" });
  });
});

describe("readBatch, CSV", () => {
  it("reads quoted commas, newlines and quotes; trims header names and keeps dotted ones flat", async () => {
    const csv = [
      " name ,recipient.rrn, fields.taxAmount ,memo",
      '홍길동,900101-1234567,12000,"서울시 종로구, 세종대로 1"',
      '김철수,850505-2345678,0,"첫 줄\r\n둘째 줄"',
      '"이, 영희",000000-0000000,5,"그가 말하길 ""안녕"""',
      "",
    ].join("\r\n");
    expect(await read(csv)).toEqual([
      { line: 1, record: { name: "홍길동", "recipient.rrn": "900101-1234567", "fields.taxAmount": "12000", memo: "서울시 종로구, 세종대로 1" } },
      { line: 2, record: { name: "김철수", "recipient.rrn": "850505-2345678", "fields.taxAmount": "0", memo: "첫 줄\r\n둘째 줄" } },
      { line: 3, record: { name: "이, 영희", "recipient.rrn": "000000-0000000", "fields.taxAmount": "5", memo: '그가 말하길 "안녕"' } },
    ]);
  });

  it("fails a row with another column count alone; later rows keep their numbers", async () => {
    const csv = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n";
    expect(await read(csv)).toEqual([
      { line: 1, record: { a: "1", b: "2", c: "3" } },
      { line: 2, error: "malformed_row" },
      { line: 3, error: "malformed_row" },
      { line: 4, record: { a: "10", b: "11", c: "12" } },
    ]);
  });

  it("skips blank rows but keeps their numbers, so they match the spreadsheet", async () => {
    const csv = "\n\na,b\n1,2\n\n   \n,\n3,4";
    expect(await read(csv)).toEqual([
      { line: 1, record: { a: "1", b: "2" } },
      { line: 5, record: { a: "3", b: "4" } },
    ]);
  });

  it("reads a stray quote leniently, as one bad field and not the rest of the file", async () => {
    const csv = 'a,b\n1,5\'10"\n2,"x"y\n3,4\n';
    expect(await read(csv)).toEqual([
      { line: 1, record: { a: "1", b: "5'10\"" } },
      { line: 2, record: { a: "2", b: '"x"y' } },
      { line: 3, record: { a: "3", b: "4" } },
    ]);
  });

  it("reports a quote left open at the end as a malformed last row", async () => {
    expect(await read('a,b\n1,2\n3,"never closed\n4,5\n')).toEqual([{ line: 1, record: { a: "1", b: "2" } }, { line: 2, error: "malformed_row" }]);
  });

  it("handles CR-only and mixed line ends, a header alone, and empty input", async () => {
    expect(await read("a,b\r1,2\r3,4")).toEqual([
      { line: 1, record: { a: "1", b: "2" } },
      { line: 2, record: { a: "3", b: "4" } },
    ]);
    expect(await read("a,b\r\n1,2\n3,4\r\n")).toEqual([
      { line: 1, record: { a: "1", b: "2" } },
      { line: 2, record: { a: "3", b: "4" } },
    ]);
    expect(await read("a,b\r\n")).toEqual([]);
    expect(await read("")).toEqual([]);
  });

  it("keeps a __proto__ column as data", async () => {
    const [row] = await read("__proto__,b\nx,y\n");
    expect(row).toMatchObject({ line: 1 });
    const record = (row as { record: Record<string, string> }).record;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(["__proto__", "b"]);
    expect(record.b).toBe("y");
  });
});

describe("readBatch, encodings", () => {
  const text = "이름,주민등록번호,주소\r\n홍길동,900101-1234567,서울특별시 종로구\r\n김철수,850505-2345678,\"부산광역시 해운대구, 우동\"\r\n뷁똠햏,000000-0000000,쀍\r\n";
  const expected = [
    { line: 1, record: { 이름: "홍길동", 주민등록번호: "900101-1234567", 주소: "서울특별시 종로구" } },
    { line: 2, record: { 이름: "김철수", 주민등록번호: "850505-2345678", 주소: "부산광역시 해운대구, 우동" } },
    // Outside EUC-KR's KS X 1001 set, only in CP949's extension (UHC).
    { line: 3, record: { 이름: "뷁똠햏", 주민등록번호: "000000-0000000", 주소: "쀍" } },
  ];

  it("detects CP949 without a declared charset, and reads it with EUC-KR declared", async () => {
    const bytes = iconv.encode(text, "cp949");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(await read(bytes)).toEqual(expected);
    const declared = parseContentType("text/csv; charset=EUC-KR");
    expect(declared).toMatchObject({ ok: true, encoding: "cp949" });
    expect(await read(bytes, { encoding: declared.ok ? declared.encoding : null })).toEqual(expected);
    expect(await read(bytes, { encoding: "cp949", chunk: 1 })).toEqual(expected);
  });

  it("reads UTF-8 with or without a byte order mark, which wins even over a declared charset", async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(await read(text)).toEqual(expected);
    expect(await read(bom)).toEqual(expected);
    expect(await read(bom, { encoding: "utf-8", chunk: 1 })).toEqual(expected);
    expect(await read(bom, { encoding: "cp949", chunk: 2 })).toEqual(expected);
    expect(await read(Buffer.from([0xef, 0xbb, 0xbf]))).toEqual([]);
  });

  it("does not mistake UTF-8 for CP949 when a character straddles the end of the 64 KiB examined", async () => {
    // The 64 KiB examined start at the first "가" (three bytes): 65536 = 3 × 21845 + 1 cuts the next one.
    const note = "가".repeat(30_000);
    const csv = `name,note\na,${note}\nb,나\n`;
    for (const chunk of [1000, 64 * 1024, 1 << 20]) {
      expect(await read(csv, { chunk, limits: { maxLineBytes: 128 * 1024 } })).toEqual([
        { line: 1, record: { name: "a", note } },
        { line: 2, record: { name: "b", note: "나" } },
      ]);
    }
  });

  it("detects the encoding of Korean text that only comes after 64 KiB of ASCII", async () => {
    const header = "name,note\n";
    const filler = "x".repeat(64 * 1024 - header.length - "a,".length - 1);
    const text = `${header}a,${filler}한\nb,글\n`;
    const expected = [
      { line: 1, record: { name: "a", note: `${filler}한` } },
      { line: 2, record: { name: "b", note: "글" } },
    ];
    const limits = { maxLineBytes: 128 * 1024 };
    // In CP949 the lead byte of "한" (0xC7) is the last byte of the first 64 KiB, and would pass for UTF-8 there.
    const cp949 = iconv.encode(text, "cp949");
    expect(cp949[64 * 1024 - 1]).toBe(0xc7);
    for (const chunk of [1, 4096, 64 * 1024]) {
      expect(await read(cp949, { chunk, limits })).toEqual(expected);
      expect(await read(text, { chunk, limits })).toEqual(expected);
    }
  });
});

describe("readBatch, JSON Lines", () => {
  it("flattens objects to dotted string fields", async () => {
    const jsonl = [
      JSON.stringify({
        reference: "A-1",
        recipient: { name: "홍길동", rrn: "900101-1234567", address: { city: "서울" } },
        fields: { taxAmount: 12000, rate: 0.5, paid: false, note: null, items: [1, "둘"], empty: {} },
        urgent: true,
      }),
      "",
      "   ",
      "[1,2]",
      '"text"',
      "42",
      "null",
      '{"broken": ',
      '{"ok":1}\r',
      '{"last":"no newline"}',
    ].join("\n");
    expect(await read(jsonl, { format: "jsonl" })).toEqual([
      {
        line: 1,
        record: {
          reference: "A-1",
          "recipient.name": "홍길동",
          "recipient.rrn": "900101-1234567",
          "recipient.address.city": "서울",
          "fields.taxAmount": "12000",
          "fields.rate": "0.5",
          "fields.paid": "false",
          "fields.items": '[1,"둘"]',
          urgent: "true",
        },
      },
      { line: 4, error: "not_an_object" },
      { line: 5, error: "not_an_object" },
      { line: 6, error: "not_an_object" },
      { line: 7, error: "not_an_object" },
      { line: 8, error: "invalid_json" },
      { line: 9, record: { ok: "1" } },
      { line: 10, record: { last: "no newline" } },
    ]);
  });

  it("refuses nesting too deep to flatten as invalid JSON, and goes on", async () => {
    const deep = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
    expect(await read(`${deep}\n{"ok":true}\n`, { format: "jsonl" })).toEqual([
      { line: 1, error: "invalid_json" },
      { line: 2, record: { ok: "true" } },
    ]);
  });

  it("reads CP949 JSON Lines, detected or declared", async () => {
    const bytes = iconv.encode('{"name":"홍길동","city":"서울"}\n{"name":"김철수"}\n', "cp949");
    const expected = [
      { line: 1, record: { name: "홍길동", city: "서울" } },
      { line: 2, record: { name: "김철수" } },
    ];
    expect(await read(bytes, { format: "jsonl" })).toEqual(expected);
    expect(await read(bytes, { format: "jsonl", encoding: "cp949", chunk: 1 })).toEqual(expected);
  });
});

describe("readBatch, chunk boundaries", () => {
  function sampleCsv(): string {
    const lines = ["reference, recipient.name ,recipient.rrn,fields.taxAmount,fields.memo"];
    for (let i = 1; i <= 300; i++) {
      if (i % 50 === 0) lines.push(`R${i},broken`);
      else if (i % 37 === 0) lines.push("");
      else lines.push(`R${i},"김, ${i}",900101-${String(i).padStart(7, "0")},${i * 1000},"메모 ${i}\r\n둘째 줄 ""따옴표"" ${"가".repeat(i % 13)}"`);
    }
    return lines.join("\r\n") + "\r\n";
  }

  function sampleJsonl(): string {
    const lines: string[] = [];
    for (let i = 1; i <= 300; i++) {
      if (i % 50 === 0) lines.push("{not json");
      else if (i % 37 === 0) lines.push("");
      else lines.push(JSON.stringify({ reference: `R${i}`, recipient: { name: `김 ${i}` }, fields: { taxAmount: i * 1000, memo: "가".repeat(i % 13) } }));
    }
    return lines.join("\n") + "\n";
  }

  const cases: { name: string; format: BatchFormat; bytes: Uint8Array }[] = [
    { name: "UTF-8 CSV", format: "csv", bytes: Buffer.from(sampleCsv()) },
    { name: "CP949 CSV", format: "csv", bytes: iconv.encode(sampleCsv(), "cp949") },
    { name: "UTF-8 CSV with BOM", format: "csv", bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sampleCsv())]) },
    { name: "UTF-8 JSON Lines", format: "jsonl", bytes: Buffer.from(sampleJsonl()) },
    { name: "CP949 JSON Lines", format: "jsonl", bytes: iconv.encode(sampleJsonl(), "cp949") },
  ];

  for (const { name, format, bytes } of cases) {
    it(`gives the same rows in 1-byte, 7-byte and 64 KiB chunks: ${name}`, async () => {
      const whole = await read(bytes, { format, chunk: 64 * 1024 });
      expect(whole).toHaveLength(300 - 8); // 8 blank rows skipped
      expect(whole.filter((r) => "error" in r).map((r) => r.line)).toEqual([50, 100, 150, 200, 250, 300]);
      expect(whole.at(-2)).toMatchObject({ line: 299, record: { reference: "R299" } });
      expect(await read(bytes, { format, chunk: 7 })).toEqual(whole);
      expect(await read(bytes, { format, chunk: 1 })).toEqual(whole);
    });
  }

  it("reads a web ReadableStream, and leaves cancelling it to the caller", async () => {
    const bytes = Buffer.from(sampleCsv());
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + 1000));
        offset += 1000;
      },
    });
    const rows: BatchRow[] = [];
    for await (const row of readBatch(stream, { format: "csv", encoding: null })) rows.push(row);
    expect(rows).toEqual(await read(bytes));
    expect(stream.locked).toBe(false);
  });
});

describe("readBatch, limits", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_BATCH_LIMITS).toEqual({ maxBytes: 1024 ** 3, maxRows: 1_000_000, maxLineBytes: 64 * 1024 });
  });

  it("refuses a 10 million-row file after its first maxRows rows, having read only a little of it", async () => {
    const pulled = meter();
    async function* tenMillionRows(): AsyncGenerator<Uint8Array> {
      try {
        const header = Buffer.from("reference,recipient.name,fields.taxAmount\n");
        pulled.bytes += header.length;
        yield header;
        for (let i = 0; i < 10_000_000; i += 100) {
          let text = "";
          for (let j = i; j < i + 100; j++) text += `R${j},홍길동,${j}\n`;
          const chunk = Buffer.from(text);
          pulled.bytes += chunk.length;
          yield chunk;
        }
      } finally {
        pulled.closed = true;
      }
    }
    const lines: number[] = [];
    let error: unknown;
    try {
      for await (const row of readBatch(tenMillionRows(), { format: "csv", encoding: null, limits: { maxRows: 1000 } })) lines.push(row.line);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BatchTooLarge);
    expect((error as BatchTooLarge).limit).toBe("rows");
    expect(lines).toHaveLength(1000);
    expect(lines.at(-1)).toBe(1000);
    expect(pulled.bytes).toBeLessThan(1024 * 1024);
    expect(pulled.closed).toBe(true);
  });

  it("refuses a 2 GB stream once past maxBytes, having pulled at most one chunk more", async () => {
    const pulled = meter();
    const chunkSize = 64 * 1024;
    async function* twoGigabytes(): AsyncGenerator<Uint8Array> {
      try {
        const row = "R1,홍길동,12000\n";
        const chunk = Buffer.from(row.repeat(Math.floor(chunkSize / Buffer.byteLength(row))));
        for (let sent = 0; sent < 2 * 1024 ** 3; sent += chunk.length) {
          const bytes = sent === 0 ? Buffer.concat([Buffer.from("reference,name,amount\n"), chunk]) : chunk;
          pulled.bytes += bytes.length;
          yield bytes;
        }
      } finally {
        pulled.closed = true;
      }
    }
    let rows = 0;
    const error = await (async () => {
      for await (const _row of readBatch(twoGigabytes(), { format: "csv", encoding: null, limits: { maxBytes: 1024 * 1024 } })) rows++;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchTooLarge);
    expect((error as BatchTooLarge).limit).toBe("bytes");
    expect(pulled.bytes).toBeLessThanOrEqual(1024 * 1024 + chunkSize);
    expect(pulled.bytes).toBeGreaterThan(1024 * 1024);
    expect(rows).toBeGreaterThan(0);
    expect(pulled.closed).toBe(true);
  });

  it("closes the source when the caller stops early", async () => {
    const pulled = meter();
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        yield Buffer.from("a,b\n");
        for (;;) yield Buffer.from("1,2\n".repeat(1000));
      } finally {
        pulled.closed = true;
      }
    }
    for await (const row of readBatch(endless(), { format: "csv", encoding: "utf-8" })) {
      if (row.line === 5) break;
    }
    expect(pulled.closed).toBe(true);
  });

  /** A lazy line of `size` bytes with no line break, a line break, then `tail`; samples memory as it goes. */
  function hugeLine(prefix: string, size: number, tail: string) {
    const memory = { base: 0, peak: 0 };
    async function* source(): AsyncGenerator<Uint8Array> {
      const filler = Buffer.alloc(64 * 1024, "x");
      memory.base = process.memoryUsage().arrayBuffers;
      yield Buffer.from(prefix);
      for (let sent = 0; sent < size; sent += filler.length) {
        memory.peak = Math.max(memory.peak, process.memoryUsage().arrayBuffers);
        yield filler;
      }
      yield Buffer.from(tail);
    }
    return { source, memory };
  }

  it("reports a CSV row without a line break for 32 MB as too long, without buffering it, and goes on", async () => {
    const { source, memory } = hugeLine("a,b\n1,2\n3,", 32 * 1024 * 1024, "\n5,6\n");
    const rows: BatchRow[] = [];
    for await (const row of readBatch(source(), { format: "csv", encoding: null })) rows.push(row);
    expect(rows).toEqual([
      { line: 1, record: { a: "1", b: "2" } },
      { line: 2, error: "row_too_long" },
      { line: 3, record: { a: "5", b: "6" } },
    ]);
    expect(memory.peak - memory.base).toBeLessThan(8 * 1024 * 1024);
  });

  it("reports a JSON line without a line break for 32 MB as too long, without buffering it, and goes on", async () => {
    const { source, memory } = hugeLine('{"a":1}\n{"b":"', 32 * 1024 * 1024, '"}\n{"c":3}\n');
    const rows: BatchRow[] = [];
    for await (const row of readBatch(source(), { format: "jsonl", encoding: null })) rows.push(row);
    expect(rows).toEqual([
      { line: 1, record: { a: "1" } },
      { line: 2, error: "row_too_long" },
      { line: 3, record: { c: "3" } },
    ]);
    expect(memory.peak - memory.base).toBeLessThan(8 * 1024 * 1024);
  });

  it("judges a row just over maxLineBytes the same way whatever the chunking", async () => {
    const limits = { maxLineBytes: 1000 };
    // Fields and commas in UTF-8: 1 + 1 + 996 = 998, then 1 + 1 + 999 = 1001; a line long enough to be
    // cut off while streaming in small chunks; a quoted field over several lines.
    const csv = `a,b\n1,${"가".repeat(332)}\n2,${"가".repeat(333)}\n3,${"x".repeat(40_000)}\n4,"${"x\n".repeat(600)}"\n5,ok\n`;
    const expected = [
      { line: 1, record: { a: "1", b: "가".repeat(332) } },
      { line: 2, error: "row_too_long" },
      { line: 3, error: "row_too_long" },
      { line: 4, error: "row_too_long" },
      { line: 5, record: { a: "5", b: "ok" } },
    ];
    for (const chunk of [1, 7, 64 * 1024]) expect(await read(csv, { chunk, limits })).toEqual(expected);
    // 8 + 990 = 998 bytes, then 8 + 993 = 1001.
    const jsonl = `{"b":"${"가".repeat(330)}"}\n{"b":"${"가".repeat(331)}"}\n{"ok":1}\n`;
    for (const chunk of [1, 7, 64 * 1024]) {
      expect(await read(jsonl, { format: "jsonl", chunk, limits })).toEqual([
        { line: 1, record: { b: "가".repeat(330) } },
        { line: 2, error: "row_too_long" },
        { line: 3, record: { ok: "1" } },
      ]);
    }
  });

  it("resumes right after a too-long line whatever the chunk size, even when its line break ends a chunk", async () => {
    const limits = { maxLineBytes: 100 };
    const csv = `a,b\n1,2\n3,${"x".repeat(17_000)}\n4,5\n6,${"y".repeat(20_000)}\r\n7,8\n`;
    const expected = [
      { line: 1, record: { a: "1", b: "2" } },
      { line: 2, error: "row_too_long" },
      { line: 3, record: { a: "4", b: "5" } },
      { line: 4, error: "row_too_long" },
      { line: 5, record: { a: "7", b: "8" } },
    ];
    for (let chunk = 1; chunk <= 40; chunk++) expect(await read(csv, { chunk, limits }), `chunk ${chunk}`).toEqual(expected);
    for (const chunk of [16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 17_005, 17_006, 17_007, 17_008, 64 * 1024]) {
      expect(await read(csv, { chunk, limits }), `chunk ${chunk}`).toEqual(expected);
    }
  });

  it("stops at an unusable header, reporting it as row 0", async () => {
    expect(await read(`a,${"x".repeat(2000)}\n1,2\n`, { limits: { maxLineBytes: 1000 } })).toEqual([{ line: 0, error: "row_too_long" }]);
    expect(await read('a,"b\n')).toEqual([{ line: 0, error: "malformed_row" }]);
  });
});
