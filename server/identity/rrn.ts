import { hash } from "node:crypto";
import { daysInMonth } from "../calendar";

/**
 * Resident registration numbers (and alien registration numbers, same shape) are validated and
 * turned into Connecting Information at once; nothing here keeps, logs or echoes the digits.
 */

export type RrnProblem = "format" | "birth-date" | "gender-digit";

export interface RrnCheck {
  ok: boolean;
  problem?: RrnProblem;
  foreigner?: boolean;
  birthDate?: string;
  /** The legacy check digit matches; reported only, since numbers issued since 2020 need not. */
  checkDigitValid?: boolean;
}

const CENTURY: Record<string, number> = { "9": 1800, "0": 1800, "1": 1900, "2": 1900, "3": 2000, "4": 2000, "5": 1900, "6": 1900, "7": 2000, "8": 2000 };

export function normaliseRrn(input: string): string {
  // The usual "YYMMDD-GNNNNNN" without a regex: batch ingest checks a million of them.
  if (input.length === 14 && input.charCodeAt(6) === 45 /* - */) return input.slice(0, 6) + input.slice(7);
  return input.replace(/[-\s]/g, "");
}

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

export function checkDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += WEIGHTS[i] * (digits.charCodeAt(i) - 48);
  return (11 - (sum % 11)) % 10;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function checkRrn(input: string): RrnCheck {
  const digits = normaliseRrn(input);
  if (!/^\d{13}$/.test(digits)) return { ok: false, problem: "format" };
  const g = digits[6];
  const century = CENTURY[g];
  if (century === undefined) return { ok: false, problem: "gender-digit" };
  const year = century + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: "birth-date" };
  return {
    ok: true,
    foreigner: g === "5" || g === "6" || g === "7" || g === "8",
    birthDate: `${year}-${pad2(month)}-${pad2(day)}`,
    checkDigitValid: checkDigit(digits) === digits.charCodeAt(12) - 48,
  };
}

/** 13 digits, a hyphen or space after the sixth allowed, not part of a longer run of digits. */
const RRN_RUN = /(?<!\d)\d{6}[-\s]?\d{7}(?!\d)/g;

/**
 * Whether text that should hold no RRN (a name, an address, an agency's reference) holds one: a
 * 13-digit run with a real birth date and gender digit, as when a file's columns are shifted.
 */
export function containsRrn(text: string): boolean {
  if (text.length < 13) return false;
  for (const m of text.matchAll(RRN_RUN)) if (checkRrn(m[0]).ok) return true;
  return false;
}

/** The text with every RRN in it replaced by asterisks, for text Moa keeps (a batch's column names). */
export function maskRrns(text: string): string {
  return text.length < 13 ? text : text.replace(RRN_RUN, (m) => (checkRrn(m).ok ? "*".repeat(m.length) : m));
}

/** Characters of a CI: base64 of 64 bytes. */
export const CI_LENGTH = 88;

/** CI = base64(HMAC-SHA-512(secret, the 13 digits)): 88 characters. */
export function rrnToCi(rrn: string, secret: string): string {
  // HMAC (RFC 2104) as two one-shot hashes over buffers made once per secret: a createHmac object,
  // a Buffer.concat or a "buffer" digest per call cost a million-row batch more than the hashing.
  const { inner, outer } = hmacBuffers(secret);
  const digits = normaliseRrn(rrn);
  const message = digits.length <= MAX_MESSAGE ? inner.subarray(0, BLOCK + inner.write(digits, BLOCK, "utf8")) : Buffer.concat([inner.subarray(0, BLOCK), Buffer.from(digits, "utf8")]);
  outer.write(hash("sha512", message, "base64"), BLOCK, "base64");
  return hash("sha512", outer, "base64");
}

const BLOCK = 128; // SHA-512's block size
const DIGEST = 64;
/** Characters of the number written in place; UTF-8 takes at most 3 bytes for each. */
const MAX_MESSAGE = 32;

// A batch turns a million RRNs into CIs with the same secret: its padded keys are made once.
// `inner` is ipad then room for the number; `outer` is opad then room for the inner digest.
let last: { secret: string; inner: Buffer; outer: Buffer } | undefined;
function hmacBuffers(secret: string): { inner: Buffer; outer: Buffer } {
  if (last?.secret !== secret) {
    let key = Buffer.from(secret, "utf8");
    if (key.length > BLOCK) key = hash("sha512", key, "buffer");
    const inner = Buffer.alloc(BLOCK + MAX_MESSAGE * 3, 0x36);
    const outer = Buffer.alloc(BLOCK + DIGEST, 0x5c);
    for (let i = 0; i < key.length; i++) {
      inner[i] ^= key[i];
      outer[i] ^= key[i];
    }
    last = { secret, inner, outer };
  }
  return last;
}
