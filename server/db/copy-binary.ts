/**
 * Rows in PostgreSQL's binary COPY format (postgresql.org/docs/current/sql-copy.html, "Binary
 * Format"), written into one growing buffer: a 16-bit field count per row, then each field as a
 * 32-bit length (-1 for NULL) and its bytes in the type's send/recv form.
 *
 * PostgreSQL reads this ≈ 30 % faster than COPY text: no parsing of uuids, timestamps or escapes.
 * pg-copy-streams-binary has no uuid or date and makes a Buffer per field, so it is not used here.
 */
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** PostgreSQL's dates and timestamps count from 2000-01-01. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const TWO_32 = 2 ** 32;

export class BinaryCopyRows {
  private bytes: Buffer;
  private at = 0;

  /** Without the header, for fields written apart and copied into rows later with `raw`. */
  constructor(options: { header?: boolean; size?: number } = {}) {
    this.bytes = Buffer.allocUnsafe(options.size ?? 1 << 20);
    if (options.header === false) return;
    this.bytes.set(SIGNATURE, 0);
    this.bytes.writeInt32BE(0, 11); // flags
    this.bytes.writeInt32BE(0, 15); // header extension length
    this.at = 19;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.at;
  }

  /** Fields already in binary form (from a writer without header), copied as they are. */
  raw(fields: Uint8Array): void {
    this.room(fields.length);
    this.bytes.set(fields, this.at);
    this.at += fields.length;
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
  }

  row(fields: number): void {
    this.room(2);
    this.at = this.bytes.writeInt16BE(fields, this.at);
  }

  null(): void {
    this.room(4);
    this.at = this.bytes.writeInt32BE(-1, this.at);
  }

  /** text, varchar, char(n): UTF-8 as is, no escaping. */
  text(value: string | null): void {
    if (value === null) return this.null();
    const length = value.length;
    this.room(4 + length * 3); // UTF-8 bytes per UTF-16 unit, at most
    const b = this.bytes;
    const start = this.at + 4;
    // Short ASCII (ids, hashes, codes) copied by hand: Buffer#write costs more per call than that.
    if (length <= SHORT) {
      let i = 0;
      for (; i < length; i++) {
        const c = value.charCodeAt(i);
        if (c > 0x7f) break;
        b[start + i] = c;
      }
      if (i === length) {
        b.writeInt32BE(length, this.at);
        this.at = start + length;
        return;
      }
    }
    const n = b.write(value, start, "utf8");
    b.writeInt32BE(n, this.at);
    this.at = start + n;
  }

  /** jsonb: a version byte (1), then the JSON text. */
  jsonb(json: string): void {
    this.room(5 + json.length * 3);
    this.bytes[this.at + 4] = 1;
    const n = this.bytes.write(json, this.at + 5, "utf8");
    this.bytes.writeInt32BE(n + 1, this.at);
    this.at += 5 + n;
  }

  /** uuid from its canonical 36-character form. */
  uuid(value: string | null): void {
    if (value === null) return this.null();
    this.room(20);
    const b = this.bytes;
    const at = b.writeInt32BE(16, this.at);
    let bad = value.length !== 36 || value[8] !== "-" || value[13] !== "-" || value[18] !== "-" || value[23] !== "-";
    for (let i = 0; i < 16 && !bad; i++) {
      const p = UUID_HEX_AT[i];
      const hi = HEX[value.charCodeAt(p)] ?? -1;
      const lo = HEX[value.charCodeAt(p + 1)] ?? -1;
      bad = hi < 0 || lo < 0;
      b[at + i] = (hi << 4) | lo;
    }
    if (bad) throw new RangeError("not a canonical uuid");
    this.at = at + 16;
  }

  /** uuid from its 16 bytes. */
  uuidBytes(value: Uint8Array | null): void {
    if (value === null) return this.null();
    if (value.length !== 16) throw new RangeError("not 16 bytes");
    this.room(20);
    const at = this.bytes.writeInt32BE(16, this.at);
    this.bytes.set(value, at);
    this.at = at + 16;
  }

  bool(value: boolean): void {
    this.room(5);
    this.bytes.writeInt32BE(1, this.at);
    this.bytes[this.at + 4] = value ? 1 : 0;
    this.at += 5;
  }

  /** bigint from a safe integer. */
  int8(value: number | null): void {
    if (value === null) return this.null();
    if (!Number.isSafeInteger(value)) throw new RangeError("not a safe integer");
    this.room(12);
    let at = this.bytes.writeInt32BE(8, this.at);
    at = this.bytes.writeInt32BE(Math.floor(value / TWO_32), at);
    this.at = this.bytes.writeUInt32BE(((value % TWO_32) + TWO_32) % TWO_32, at);
  }

  /** date from "YYYY-MM-DD". */
  date(iso: string | null): void {
    if (iso === null) return this.null();
    const ms = Date.parse(iso); // a date-only ISO form is read as UTC
    if (Number.isNaN(ms)) throw new RangeError("not a date");
    this.room(8);
    const at = this.bytes.writeInt32BE(4, this.at);
    this.at = this.bytes.writeInt32BE(Math.round((ms - PG_EPOCH_MS) / DAY_MS), at);
  }

  /** timestamp (without time zone, as Prisma makes them) holding UTC, from epoch milliseconds. */
  timestamp(ms: number | null): void {
    if (ms === null) return this.null();
    this.int8((ms - PG_EPOCH_MS) * 1000);
  }

  /** What was written so far, as is: no trailer. */
  written(): Buffer {
    return this.bytes.subarray(0, this.at);
  }

  /** The rows written so far, with the trailer: ready for `COPY … FROM STDIN (FORMAT binary)`. */
  contents(): Buffer {
    this.room(2);
    const end = this.bytes.writeInt16BE(-1, this.at);
    return this.bytes.subarray(0, end);
  }
}

const SHORT = 128;
/** Where each byte's two hex digits start in "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
const UUID_HEX_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX["0123456789abcdef".charCodeAt(i)] = i;
  HEX["0123456789ABCDEF".charCodeAt(i)] = i;
}
