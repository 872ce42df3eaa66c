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

/** CI = base64(HMAC-SHA-512(secret, the 13 digits)): 88 characters. */
export function rrnToCi(rrn: string, secret: string): string {
  const { ipad, opad } = hmacPads(secret);
  // HMAC (RFC 2104) as two one-shot hashes: a createHmac object per call cost a batch more than the hashing.
  const inner = hash("sha512", Buffer.concat([ipad, Buffer.from(normaliseRrn(rrn), "utf8")]), "buffer");
  return hash("sha512", Buffer.concat([opad, inner]), "base64");
}

const BLOCK = 128; // SHA-512's block size

// A batch turns a million RRNs into CIs with the same secret: its padded keys are made once.
let lastPads: { secret: string; ipad: Buffer; opad: Buffer } | undefined;
function hmacPads(secret: string): { ipad: Buffer; opad: Buffer } {
  if (lastPads?.secret !== secret) {
    let key = Buffer.from(secret, "utf8");
    if (key.length > BLOCK) key = hash("sha512", key, "buffer");
    const ipad = Buffer.alloc(BLOCK, 0x36);
    const opad = Buffer.alloc(BLOCK, 0x5c);
    for (let i = 0; i < key.length; i++) {
      ipad[i] ^= key[i];
      opad[i] ^= key[i];
    }
    lastPads = { secret, ipad, opad };
  }
  return lastPads;
}
