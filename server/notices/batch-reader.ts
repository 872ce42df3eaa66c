import { isAscii } from "node:buffer";
import { Parser } from "csv-parse";
import iconv from "iconv-lite";

/**
 * Streaming reader for agency notice batches (CSV or JSON Lines, UTF-8 or CP949/EUC-KR), up to a
 * million rows: the file is never held in memory, only the current chunk, at most one row, and
 * 64 KiB more while detecting the encoding.
 *
 * Everything downstream of the decoder works on UTF-8 bytes: UTF-8 input goes through untouched
 * (csv-parse decodes each field from its bytes), CP949 input is decoded chunk by chunk with
 * iconv-lite's incremental decoder and re-encoded, so `maxLineBytes` counts UTF-8 bytes either way.
 */

export type BatchFormat = "csv" | "jsonl";
export type BatchEncoding = "utf-8" | "cp949";

export interface BatchLimits {
  /** Bytes read from the source, before decoding. */
  maxBytes: number;
  /** Rows produced, valid or not (the CSV header is not a row). */
  maxRows: number;
  /** UTF-8 bytes of one row (a CSV record may span several lines when a quoted field holds newlines). */
  maxLineBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = Object.freeze({
  maxBytes: 1024 * 1024 * 1024,
  maxRows: 1_000_000,
  maxLineBytes: 64 * 1024,
});

// ---------------------------------------------------------------------------------------------
// Content-Type

const CSV_TYPES = new Set(["text/csv", "application/csv", "text/comma-separated-values"]);
const JSONL_TYPES = new Set([
  "application/x-ndjson",
  "application/ndjson",
  "application/jsonl",
  "application/x-jsonl",
  "application/jsonlines",
  "application/x-jsonlines",
  "application/jsonlines+json",
  "text/jsonl",
]);
// WHATWG Encoding Standard labels of UTF-8 and EUC-KR (whose decoder is CP949/UHC), plus Microsoft's names.
const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8", "us-ascii", "ascii"]);
const CP949_LABELS = new Set([
  "euc-kr",
  "euckr",
  "cp949",
  "ms949",
  "windows-949",
  "x-windows-949",
  "uhc",
  "ks_c_5601-1987",
  "ks_c_5601-1989",
  "ksc5601",
  "ksc_5601",
  "korean",
  "iso-ir-149",
  "cseuckr",
  "csksc56011987",
]);

/** From a Content-Type like `text/csv; charset=EUC-KR`, `application/x-ndjson`, `application/jsonl`: the format and the declared encoding, if any. */
export function parseContentType(
  header: string | null,
): { ok: true; format: BatchFormat; encoding: BatchEncoding | null } | { ok: false; code: "unsupported_media_type" | "unsupported_charset" } {
  if (!header) return { ok: false, code: "unsupported_media_type" };
  const [type, ...params] = header.split(";");
  const mediaType = type.trim().toLowerCase();
  const format: BatchFormat | null = CSV_TYPES.has(mediaType) ? "csv" : JSONL_TYPES.has(mediaType) ? "jsonl" : null;
  if (!format) return { ok: false, code: "unsupported_media_type" };
  let encoding: BatchEncoding | null = null;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    let label = param.slice(eq + 1).trim();
    if (label.length >= 2 && label.startsWith('"') && label.endsWith('"')) label = label.slice(1, -1).trim();
    label = label.toLowerCase();
    if (UTF8_LABELS.has(label)) encoding = "utf-8";
    else if (CP949_LABELS.has(label)) encoding = "cp949";
    else return { ok: false, code: "unsupported_charset" };
  }
  return { ok: true, format, encoding };
}

// ---------------------------------------------------------------------------------------------
// Rows and limits

/**
 * One row of the batch. `line` is the 1-based data row number: for CSV the header is not counted, so
 * the first record after it is 1 (a spreadsheet shows it on row `line + 1`); for JSON Lines it is the
 * line number in the file. Blank rows are skipped but keep their number, so numbers match what the
 * agency sees in its spreadsheet or editor; a CSV record whose quoted field spans lines is one row.
 * `line: 0` is the CSV header: if it is unusable it is reported as the only row and reading stops.
 */
export type BatchRow =
  | { line: number; record: Record<string, string> }
  | { line: number; error: "malformed_row" | "row_too_long" | "invalid_json" | "not_an_object" };

type RowError = Extract<BatchRow, { error: string }>["error"];

export class BatchTooLarge extends Error {
  readonly limit: "bytes" | "rows";
  constructor(limit: "bytes" | "rows") {
    super(limit === "bytes" ? "The batch is larger than the byte limit" : "The batch has more rows than the row limit");
    this.name = "BatchTooLarge";
    this.limit = limit;
  }
}

/** Bytes of input looked at to guess the encoding when none is declared. */
const DETECT_PREFIX = 64 * 1024;
/** Input is handed to the row parsers in pieces of at most this size, which bounds the rows queued per piece. */
const PIECE = 16 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads rows one by one from a byte stream.
 *
 * Encoding: the declared one, else detected on 64 KiB: bytes that are valid UTF-8 (an incomplete
 * character cut by the 64 KiB boundary is allowed) are UTF-8, anything else is CP949. ASCII reads
 * the same in both, so the 64 KiB examined start at the first byte that is not ASCII: usually the
 * start of the file, but a file whose Korean text comes late is still detected right.
 * A UTF-8 byte order mark always means UTF-8 and is dropped, even against a declared charset (as
 * browsers do).
 *
 * CSV: the first non-blank record is the header, whose names are trimmed and kept flat (dotted
 * names such as `recipient.rrn` are nested by the caller). A record with another number of fields
 * is `malformed_row`, as is a quoted field still open at the end of the file; a record longer than
 * `maxLineBytes` is `row_too_long` and reading resumes at the next line. Quotes are read leniently
 * (`a"b` and `"a"b` are kept as written) so that a stray quote spoils one field, not the rest of
 * the file. Blank records (no field with anything but spaces) are skipped.
 *
 * JSON Lines: each non-blank line must be a JSON object; it is flattened to dotted keys with string
 * values (numbers as their JSON text, booleans as "true"/"false", null keys left out, arrays below
 * the top level as JSON text).
 *
 * Throws BatchTooLarge as soon as more than `maxBytes` have been read (before decoding that chunk)
 * or before producing row `maxRows + 1`, and stops reading. An async-iterable source is closed
 * (`return()`); a ReadableStream is only released, for the caller to cancel the upload.
 */
export async function* readBatch(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  options: { format: BatchFormat; encoding: BatchEncoding | null; limits?: Partial<BatchLimits> },
): AsyncGenerator<BatchRow> {
  const limits: BatchLimits = { ...DEFAULT_BATCH_LIMITS, ...options.limits };
  const input = openSource(source);
  let bytesRead = 0;
  let eof = false;
  const pull = async (): Promise<Buffer | null> => {
    if (eof) return null;
    const chunk = await input.next();
    if (chunk === null) {
      eof = true;
      return null;
    }
    bytesRead += chunk.length;
    if (bytesRead > limits.maxBytes) throw new BatchTooLarge("bytes");
    return chunk;
  };

  const rows: RowSink = options.format === "csv" ? new CsvRows(limits.maxLineBytes) : new JsonlRows(limits.maxLineBytes);
  const out: BatchRow[] = [];
  let produced = 0;
  /** Hands UTF-8 bytes to the row parser a piece at a time, yielding each piece's rows. */
  function* rowsOf(bytes: Buffer | null): Generator<BatchRow> {
    for (let offset = 0; bytes !== null && offset < bytes.length && !rows.stopped; offset += PIECE) {
      rows.push(bytes.subarray(offset, offset + PIECE), out);
      for (const row of out) {
        if (++produced > limits.maxRows) throw new BatchTooLarge("rows");
        yield row;
      }
      out.length = 0;
    }
  }

  try {
    // The first bytes, for a byte order mark.
    let chunk: Buffer | null = await pull();
    while (chunk !== null && chunk.length < 3 && !eof) {
      const more = await pull();
      if (more !== null) chunk = Buffer.concat([chunk, more]);
    }
    let encoding = options.encoding;
    if (chunk !== null && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      encoding = "utf-8";
      chunk = chunk.subarray(3);
    }

    if (encoding === null) {
      // ASCII reads the same in both encodings: pass it through, and detect on the 64 KiB that
      // start at the first other byte (at the start of the file, usually).
      let firstOther = -1;
      while (chunk !== null && (firstOther = firstNonAscii(chunk)) < 0) {
        yield* rowsOf(chunk);
        if (rows.stopped) return;
        chunk = await pull();
      }
      if (chunk === null) {
        encoding = "utf-8";
      } else {
        yield* rowsOf(chunk.subarray(0, firstOther));
        if (rows.stopped) return;
        const sample = [chunk.subarray(firstOther)];
        let sampleLength = sample[0].length;
        while (sampleLength < DETECT_PREFIX) {
          const more = await pull();
          if (more === null) break;
          sample.push(more);
          sampleLength += more.length;
        }
        chunk = Buffer.concat(sample, sampleLength);
        encoding = isUtf8Prefix(chunk, eof) ? "utf-8" : "cp949";
      }
    }

    const decoder = encoding === "cp949" ? cp949ToUtf8() : null;
    while (chunk !== null) {
      yield* rowsOf(decoder ? decoder.write(chunk) : chunk);
      if (rows.stopped) return;
      chunk = await pull();
    }
    yield* rowsOf(decoder ? decoder.end() : null);
    await rows.end(out);
    for (const row of out) {
      if (++produced > limits.maxRows) throw new BatchTooLarge("rows");
      yield row;
    }
  } finally {
    await input.close(eof);
  }
}

// ---------------------------------------------------------------------------------------------
// Source and decoding

interface Source {
  next(): Promise<Buffer | null>;
  close(finished: boolean): Promise<void>;
}

function asBuffer(chunk: Uint8Array): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError("readBatch: the source must yield Uint8Array chunks");
}

function openSource(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): Source {
  if ("getReader" in source && typeof source.getReader === "function") {
    const reader = source.getReader();
    return {
      async next() {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return null;
          if (value.byteLength > 0) return asBuffer(value);
        }
      },
      async close() {
        reader.releaseLock();
      },
    };
  }
  const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return {
    async next() {
      for (;;) {
        const { done, value } = await iterator.next();
        if (done) return null;
        if (value.byteLength > 0) return asBuffer(value);
      }
    },
    async close(finished) {
      if (!finished) await iterator.return?.();
    },
  };
}

/** The index of the first byte that is not ASCII, or -1. */
function firstNonAscii(bytes: Buffer): number {
  if (isAscii(bytes)) return -1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
  return -1;
}

/** Whether `prefix` is valid UTF-8; unless it is the whole input, a character cut at its end is fine. */
function isUtf8Prefix(prefix: Buffer, wholeInput: boolean): boolean {
  const sample = prefix.length > DETECT_PREFIX ? prefix.subarray(0, DETECT_PREFIX) : prefix;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !wholeInput || sample !== prefix });
    return true;
  } catch {
    return false;
  }
}

/** iconv-lite's incremental decoder (what its decodeStream wraps), kept synchronous so that limits apply chunk by chunk. */
function cp949ToUtf8() {
  const decoder = iconv.getDecoder("cp949");
  return {
    write: (chunk: Buffer): Buffer => Buffer.from(decoder.write(chunk), "utf8"),
    end: (): Buffer | null => {
      const rest = decoder.end();
      return rest ? Buffer.from(rest, "utf8") : null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Row parsers: UTF-8 bytes in, rows appended to `out`

interface RowSink {
  /** Set once nothing more can come out (an unusable CSV header): reading stops. */
  readonly stopped: boolean;
  push(bytes: Buffer, out: BatchRow[]): void;
  end(out: BatchRow[]): Promise<void> | void;
}

/** Sets `key` on a record, also when the key is `__proto__` (which a plain assignment would swallow). */
function setField(record: Record<string, string>, key: string, value: string) {
  if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

function isBlankRecord(fields: string[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.length !== 0 && (field.charCodeAt(0) > 0x20 || field.trim().length !== 0)) return false;
  }
  return true;
}

/**
 * CSV through csv-parse's stream parser, written to and read from synchronously piece by piece.
 * csv-parse stops at its first error, so nothing here may raise one mid-file: column counts are
 * checked here (`relax_column_count`), quotes are lenient (`relax_quotes`), and its
 * `max_record_size` is not used (it is fatal, and with `skip_records_with_error` it silently loses
 * the rest of the input). Row size is checked here instead, exactly on each record that comes out,
 * and, to bound memory, a runaway record (a line without end, a quote never closed) is cut off once
 * `maxLineBytes + PIECE` bytes have gone in without a record coming out: the parser is dropped, the
 * row reported as too long, and a fresh parser starts after the line break that ends it (for a
 * quote never closed, after some line break within it: what follows depends on where it was cut).
 * The only error left, a quote still open at the end, is skipped by csv-parse and reported here.
 */
class CsvRows implements RowSink {
  stopped = false;
  private parser: Parser;
  private header: string[] | null = null;
  private protoKey = false;
  private line = 0;
  /** Bytes written to the parser since a record last came out. */
  private pendingBytes = 0;
  /** After a runaway row: drop input up to and including the next line break. */
  private discarding = false;
  /** A CR ended the last piece: an LF starting the next one belongs to it. */
  private dropLF = false;
  /** csv-parse's record count when it skipped a record (an unclosed quote at the end). */
  private skipped: number[] = [];
  private records = 0;

  private readonly maxLineBytes: number;
  private readonly runawayBytes: number;

  constructor(maxLineBytes: number) {
    this.maxLineBytes = maxLineBytes;
    this.runawayBytes = maxLineBytes + PIECE;
    this.parser = this.createParser();
  }

  private createParser(): Parser {
    this.skipped = [];
    this.records = 0;
    const parser: Parser = new Parser({
      bom: false,
      // Fixed rather than discovered from the first line, so a file mixing line endings still splits.
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        this.skipped.push(typeof error?.records === "number" ? error.records : parser.info.records);
        return undefined;
      },
    });
    // Not expected (see above); an error still ends the batch through `errored`, never as an unhandled event.
    parser.on("error", () => {});
    return parser;
  }

  push(bytes: Buffer, out: BatchRow[]) {
    if (this.stopped) return;
    if (this.dropLF) {
      this.dropLF = false;
      if (bytes[0] === LF) bytes = bytes.subarray(1);
    }
    if (this.discarding) {
      const lf = bytes.indexOf(LF);
      const cr = bytes.indexOf(CR);
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) return;
      this.discarding = false;
      bytes = this.afterLineBreak(bytes, end);
    }
    if (bytes.length === 0) return;
    this.parser.write(bytes);
    if (this.drain(out)) this.pendingBytes = 0;
    else this.pendingBytes += bytes.length;
    if (this.parser.errored) this.fail("malformed_row", bytes, out);
    else if (this.pendingBytes > this.runawayBytes) this.fail("row_too_long", bytes, out);
  }

  /** What follows the line break at `at` (CR, LF or CRLF, even when the LF is still to come). */
  private afterLineBreak(bytes: Buffer, at: number): Buffer {
    if (bytes[at] === CR) {
      if (at + 1 === bytes.length) this.dropLF = true;
      else if (bytes[at + 1] === LF) return bytes.subarray(at + 2);
    }
    return bytes.subarray(at + 1);
  }

  async end(out: BatchRow[]) {
    if (this.stopped) return;
    const parser = this.parser;
    // csv-parse flushes synchronously on Node 20; waiting for the callback also covers a later flush.
    await new Promise<void>((resolve) => parser.end(() => resolve()));
    this.drain(out);
    for (; this.skipped.length > 0; this.skipped.shift()) this.reportSkipped(out);
    if (parser.errored) this.reportSkipped(out);
  }

  /** Reads every record the parser has produced; true if there was any. */
  private drain(out: BatchRow[]): boolean {
    let any = false;
    let fields: string[] | null;
    while ((fields = this.parser.read()) !== null) {
      any = true;
      while (this.skipped.length > 0 && this.skipped[0] <= this.records) {
        this.skipped.shift();
        this.reportSkipped(out);
      }
      this.records++;
      this.onRecord(fields, out);
    }
    return any;
  }

  private onRecord(fields: string[], out: BatchRow[]) {
    if (this.stopped) return;
    const header = this.header;
    if (header === null) {
      if (isBlankRecord(fields)) return;
      if (this.tooLong(fields)) {
        this.stopWith("row_too_long", out);
        return;
      }
      this.header = fields.map((name) => name.trim());
      this.protoKey = this.header.includes("__proto__");
      return;
    }
    const line = ++this.line;
    if (isBlankRecord(fields)) return;
    // Size first: a record cut off as a runaway is `row_too_long` whatever its fields, and the same
    // record must get the same answer however the input happens to be chunked.
    if (this.tooLong(fields)) {
      out.push({ line, error: "row_too_long" });
      return;
    }
    if (fields.length !== header.length) {
      out.push({ line, error: "malformed_row" });
      return;
    }
    const record: Record<string, string> = {};
    if (this.protoKey) {
      for (let i = 0; i < header.length; i++) setField(record, header[i], fields[i]);
    } else {
      for (let i = 0; i < header.length; i++) record[header[i]] = fields[i];
    }
    out.push({ line, record });
  }

  /** Whether the fields and the commas between them take more than `maxLineBytes` in UTF-8; exact, without encoding in the usual case. */
  private tooLong(fields: string[]): boolean {
    let units = fields.length - 1;
    for (let i = 0; i < fields.length; i++) units += fields[i].length;
    // A UTF-16 code unit takes one to three UTF-8 bytes.
    if (units * 3 <= this.maxLineBytes) return false;
    if (units > this.maxLineBytes) return true;
    let bytes = fields.length - 1;
    for (let i = 0; i < fields.length; i++) bytes += Buffer.byteLength(fields[i], "utf8");
    return bytes > this.maxLineBytes;
  }

  private reportSkipped(out: BatchRow[]) {
    if (this.stopped) return;
    if (this.header === null) this.stopWith("malformed_row", out);
    else out.push({ line: ++this.line, error: "malformed_row" });
  }

  /**
   * Drops the current record: reports it, and starts a fresh parser after its line break. csv-parse
   * holds back the last few bytes written until it sees what follows, so the record may well end
   * in `written`, the piece just written: reading resumes after that piece's last line break if it
   * has one, else after the next line break to come.
   */
  private fail(error: RowError, written: Buffer, out: BatchRow[]) {
    this.parser.destroy();
    if (this.header === null) {
      this.stopWith(error, out);
      return;
    }
    out.push({ line: ++this.line, error });
    this.parser = this.createParser();
    this.pendingBytes = 0;
    const lastBreak = Math.max(written.lastIndexOf(LF), written.lastIndexOf(CR));
    if (lastBreak < 0) {
      this.discarding = true;
      return;
    }
    const rest = this.afterLineBreak(written, lastBreak);
    if (rest.length > 0) this.push(rest, out);
  }

  private stopWith(error: RowError, out: BatchRow[]) {
    out.push({ line: 0, error });
    this.stopped = true;
    this.parser.destroy();
  }
}

/** JSON Lines, split on LF (a CR before it is JSON whitespace). */
class JsonlRows implements RowSink {
  readonly stopped = false;
  private line = 0;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** After a too-long line: drop input up to and including the next LF. */
  private discarding = false;

  private readonly maxLineBytes: number;

  constructor(maxLineBytes: number) {
    this.maxLineBytes = maxLineBytes;
  }

  push(bytes: Buffer, out: BatchRow[]) {
    let start = 0;
    const length = bytes.length;
    while (start < length) {
      const lf = bytes.indexOf(LF, start);
      const end = lf < 0 ? length : lf;
      if (this.discarding) {
        if (lf < 0) return;
        this.discarding = false;
        start = lf + 1;
        continue;
      }
      if (this.partialBytes + (end - start) > this.maxLineBytes) {
        out.push({ line: ++this.line, error: "row_too_long" });
        this.partial = [];
        this.partialBytes = 0;
        if (lf < 0) {
          this.discarding = true;
          return;
        }
        start = lf + 1;
        continue;
      }
      if (lf < 0) {
        // Copied: a view would keep the whole source chunk alive.
        this.partial.push(Buffer.from(bytes.subarray(start)));
        this.partialBytes += length - start;
        return;
      }
      if (this.partialBytes === 0) {
        this.onLine(bytes, start, end, out);
      } else {
        this.partial.push(bytes.subarray(start, end));
        const whole = Buffer.concat(this.partial, this.partialBytes + (end - start));
        this.partial = [];
        this.partialBytes = 0;
        this.onLine(whole, 0, whole.length, out);
      }
      start = lf + 1;
    }
  }

  end(out: BatchRow[]) {
    if (this.partialBytes > 0) {
      const whole = Buffer.concat(this.partial, this.partialBytes);
      this.partial = [];
      this.partialBytes = 0;
      this.onLine(whole, 0, whole.length, out);
    }
  }

  private onLine(bytes: Buffer, start: number, end: number, out: BatchRow[]) {
    const line = ++this.line;
    let i = start;
    while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === CR)) i++;
    if (i === end) return;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString("utf8", start, end));
    } catch {
      out.push({ line, error: "invalid_json" });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      out.push({ line, error: "not_an_object" });
      return;
    }
    const record: Record<string, string> = {};
    try {
      flatten(value as Record<string, unknown>, "", record);
    } catch {
      // Only a nesting too deep for the stack gets here.
      out.push({ line, error: "invalid_json" });
      return;
    }
    out.push({ line, record });
  }
}

function flatten(object: Record<string, unknown>, prefix: string, into: Record<string, string>) {
  for (const key in object) {
    const value = object[key];
    const name = prefix === "" ? key : `${prefix}.${key}`;
    switch (typeof value) {
      case "string":
        setField(into, name, value);
        break;
      case "number":
        // Its JSON text as JSON.stringify writes it, which is the text sent for ordinary numbers.
        // JSON.parse has already rounded integers beyond 2^53 (send identifiers as strings), and
        // turned an overflowing 1e400 into Infinity, written "null" here.
        setField(into, name, JSON.stringify(value));
        break;
      case "boolean":
        setField(into, name, value ? "true" : "false");
        break;
      case "object":
        if (value === null) break;
        if (Array.isArray(value)) setField(into, name, JSON.stringify(value));
        else flatten(value as Record<string, unknown>, name, into);
        break;
    }
  }
}
