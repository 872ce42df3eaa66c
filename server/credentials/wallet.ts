import { TRPCError } from "@trpc/server";
import { decodeJwt } from "jose";
import type { Db } from "../db";
import { appendAudit, selfActor } from "../audit/chain";
import { issueCredential, NoSourceRecordError, type IssueDeps } from "./issue";
import { disclose, splitSdJwt } from "./sd-jwt";
import { CREDENTIAL_TYPES, CREDENTIALS, type CredentialType, type IssuerCode } from "./types";

/**
 * The citizen's wallet: their certificates, what they may request, issuing and removing. Every
 * function takes the person's id and touches only that person's certificates.
 */
export const WALLET_ERROR_KEYS = ["NO_SOURCE_RECORD", "HOLDER_KEY_INVALID", "CREDENTIAL_NOT_SHAREABLE", "PRESENTATION_INVALID"] as const;
export type WalletErrorKey = (typeof WALLET_ERROR_KEYS)[number];
export const walletError = (code: "BAD_REQUEST" | "NOT_FOUND", key: WalletErrorKey) => new TRPCError({ code, message: key });

/** The credential words of DESIGN §3; nothing Moa issues expires yet, so "expired" is never computed. */
export type CredentialState = "valid" | "suspended" | "revoked" | "expired";

export interface WalletItem {
  id: string;
  type: CredentialType;
  issuer: IssuerCode;
  authenticityNumber: string;
  issuedAt: Date;
  state: CredentialState;
}

export interface WalletCredential extends WalletItem {
  /** Every claim, as the holder's full copy discloses them. */
  claims: Record<string, unknown>;
  /** Each disclosable claim's path ("members.1") and its disclosure, for presentations made on the device. */
  disclosures: { path: string; disclosure: string }[];
  /** The issuer-signed JWT the presentations start with. */
  jwt: string;
  holderJwk: { kty: string; crv: string; x: string; y: string };
  logIndex: number;
  revocationReason: string | null;
}

type Row = { id: string; type: string; issuer: string; authenticityNumber: string; issuedAt: Date; revokedAt: Date | null; suspendedAt: Date | null };
const stateOf = (row: Pick<Row, "revokedAt" | "suspendedAt">): CredentialState => (row.revokedAt ? "revoked" : row.suspendedAt ? "suspended" : "valid");
const item = (row: Row): WalletItem => ({
  id: row.id,
  type: row.type as CredentialType,
  issuer: row.issuer as IssuerCode,
  authenticityNumber: row.authenticityNumber,
  issuedAt: row.issuedAt,
  state: stateOf(row),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listWallet(db: Db, personId: string): Promise<WalletItem[]> {
  const rows = await db.credential.findMany({ where: { personId, forgottenAt: null }, orderBy: { issuedAt: "desc" } });
  return rows.map(item);
}

/** The holder's claims and disclosures, read from their full SD-JWT. */
export function readHolderCopy(sdJwt: string): { jwt: string; claims: Record<string, unknown>; disclosures: { path: string; disclosure: string }[] } {
  const { jwt, disclosures } = splitSdJwt(sdJwt);
  const payload = decodeJwt(jwt);
  const { claims, paths } = disclose(payload, disclosures);
  for (const name of ["iss", "iat", "vct", "cnf", "status", "_sd_alg"]) delete claims[name];
  return { jwt, claims, disclosures: disclosures.map((disclosure) => ({ path: paths.get(disclosure)!, disclosure })) };
}

export async function getWalletCredential(db: Db, personId: string, id: string): Promise<WalletCredential | null> {
  if (!UUID.test(id)) return null;
  const row = await db.credential.findFirst({ where: { id, personId, forgottenAt: null } });
  if (!row) return null;
  const { x, y, kty, crv } = row.holderJwk as Record<string, string>;
  return { ...item(row), ...readHolderCopy(row.sdJwt), holderJwk: { kty, crv, x, y }, logIndex: Number(row.logIndex), revocationReason: row.revocationReason };
}

/** Which certificates the source registers hold a record for, for this person. */
export async function availableTypes(db: Db, registry: IssueDeps["registry"], personId: string): Promise<{ type: CredentialType; issuer: IssuerCode; available: boolean }[]> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { ci: true } });
  return Promise.all(
    CREDENTIAL_TYPES.map(async (type) => ({ type, issuer: CREDENTIALS[type].issuer, available: person ? (await registry.lookup(person.ci, type)) !== null : false })),
  );
}

/** Issues into the wallet, audited; a missing source record or a bad device key are the citizen's errors. */
export async function issueToWallet(db: Db, deps: IssueDeps, personId: string, input: { type: CredentialType; holderJwk: unknown }, now: Date, actor = selfActor(personId)): Promise<WalletItem> {
  const issued = await issueCredential(deps, { personId, ...input }, now).catch((error: unknown) => {
    if (error instanceof NoSourceRecordError) throw walletError("BAD_REQUEST", "NO_SOURCE_RECORD");
    if (error instanceof TypeError) throw walletError("BAD_REQUEST", "HOLDER_KEY_INVALID");
    throw error;
  });
  await appendAudit(db, { ...actor, action: "credential.issued", targetType: "credential", targetId: issued.id, detail: { type: input.type, logIndex: issued.logIndex } }, now);
  const issuer = CREDENTIALS[input.type].issuer;
  return { id: issued.id, type: input.type, issuer, authenticityNumber: issued.authenticityNumber, issuedAt: issued.issuedAt, state: "valid" };
}

/**
 * Removes a certificate from the wallet at the holder's request. It stays in the log (it was
 * issued) and its status is unchanged; its share links stop working at once.
 */
export async function forgetCredential(db: Db, personId: string, id: string, now: Date): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const changed = await db.$transaction(async (tx) => {
    const { count } = await tx.credential.updateMany({ where: { id, personId, forgottenAt: null }, data: { forgottenAt: now } });
    if (count) await tx.credentialShare.updateMany({ where: { credentialId: id, revokedAt: null }, data: { revokedAt: now } });
    return count > 0;
  });
  if (changed) await appendAudit(db, { actorType: "citizen", actorId: personId, onBehalfOf: personId, action: "credential.removed", targetType: "credential", targetId: id }, now);
  return changed;
}
