import { randomFillSync } from "node:crypto";

const pool = Buffer.alloc(16 * 4096);
let offset = pool.length;
let lastMs = 0;
let counter = 0;

/**
 * RFC 9562 UUIDv7: 48 bits of Unix milliseconds, then random bits. Rows inserted together sit
 * together in the primary-key index, which keeps bulk ingest near raw COPY speed (random v4 keys
 * touch a different index page for every row).
 */
export function uuid7(now = Date.now()): string {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const b = pool.subarray(offset, offset + 16);
  offset += 16;
  // Within one millisecond a 12-bit counter keeps ids increasing (RFC 9562 method 1).
  counter = now === lastMs ? (counter + 1) & 0xfff : b[6] & 0x7;
  lastMs = now;
  b[0] = (now / 2 ** 40) & 0xff;
  b[1] = (now / 2 ** 32) & 0xff;
  b[2] = (now >>> 24) & 0xff;
  b[3] = (now >>> 16) & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  b[6] = 0x70 | (counter >>> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
