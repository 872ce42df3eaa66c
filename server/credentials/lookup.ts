import type pg from "pg";
import "../db/pg-utc";
import { parseLetterNumber } from "../delivery/letter-number";
import type { CredentialType, IssuerCode } from "./types";

/**
 * What anyone holding a printed certificate may learn from its authenticity number: which
 * certificate, from whom, when, and whether it still stands. Nothing about its holder.
 */
export interface CredentialCheck {
  authenticityNumber: string;
  type: CredentialType;
  issuer: IssuerCode;
  issuedAt: Date;
  state: "valid" | "suspended" | "revoked";
}

/** The certificate with this number (spaces and dashes allowed), or null. */
export async function findByAuthenticityNumber(pool: pg.Pool, number: string): Promise<CredentialCheck | null> {
  const authenticityNumber = parseLetterNumber(number);
  if (!authenticityNumber) return null;
  const { rows } = await pool.query<{ type: CredentialType; issuer: IssuerCode; issuedAt: Date; revokedAt: Date | null; suspendedAt: Date | null }>(
    `SELECT "type", "issuer", "issuedAt", "revokedAt", "suspendedAt" FROM "Credential" WHERE "authenticityNumber" = $1`,
    [authenticityNumber],
  );
  const row = rows[0];
  if (!row) return null;
  return { authenticityNumber, type: row.type, issuer: row.issuer, issuedAt: row.issuedAt, state: row.revokedAt ? "revoked" : row.suspendedAt ? "suspended" : "valid" };
}
