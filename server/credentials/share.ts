import { createHash, randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import type { Db } from "../db";
import { appendAudit, selfActor, type AuditActor } from "../audit/chain";
import { checkKeyBinding } from "./key-binding";
import { presentCredential } from "./present";
import { disclose, splitSdJwt } from "./sd-jwt";
import { readHolderCopy, walletError } from "./wallet";

/**
 * Share links: a presentation made on the holder's device (only the chosen claims' disclosures,
 * key-bound to the link's audience with the share's id as nonce), stored with a hash of a random
 * token that only the link carries.
 */
export const DEFAULT_SHARE_DAYS = 7;
export const MAX_SHARE_DAYS = 90;
const DAY_MS = 86_400_000;

export type Recipient = { kind: "anyone" } | { kind: "institution"; name: string };

/** What the holder's device signs as the KB-JWT audience: the link's address, or the institution's name. */
export const shareAudience = (publicUrl: string, recipient: Recipient) => (recipient.kind === "anyone" ? `${publicUrl.replace(/\/+$/, "")}/s` : recipient.name);

export const hashShareToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export interface NewShare {
  id: string;
  credentialId: string;
  presentation: string;
  recipient: Recipient;
  expiresInDays: number;
  maxViews: number | null;
}

async function shareableCopy(db: Db, personId: string, credentialId: string) {
  const row = await db.credential.findFirst({ where: { id: credentialId, personId, forgottenAt: null } });
  if (!row) throw walletError("NOT_FOUND", "CREDENTIAL_NOT_SHAREABLE");
  if (row.revokedAt || row.suspendedAt) throw walletError("BAD_REQUEST", "CREDENTIAL_NOT_SHAREABLE");
  return row;
}

/** The claim paths the presentation discloses, once it is proven to be this certificate's with some of its own disclosures. */
async function checkPresentation(sdJwt: string, share: NewShare, publicUrl: string, now: Date): Promise<string[]> {
  const own = readHolderCopy(sdJwt);
  try {
    const { jwt, disclosures, kbJwt } = splitSdJwt(share.presentation);
    const allowed = new Set(own.disclosures.map((d) => d.disclosure));
    if (jwt !== own.jwt || !disclosures.every((d) => allowed.has(d))) throw new Error("not this certificate");
    const payload = decodeJwt(jwt);
    disclose(payload, disclosures);
    if (kbJwt) {
      const bound = share.presentation.slice(0, share.presentation.lastIndexOf("~") + 1);
      const check = await checkKeyBinding(bound, kbJwt, payload.cnf, { aud: shareAudience(publicUrl, share.recipient), nonce: share.id }, now);
      if (check.result !== "ok") throw new Error(check.reason);
    }
    // Paths as in the holder's copy ("members.1" stays the second member, however many are hidden).
    const ownPath = new Map(own.disclosures.map((d) => [d.disclosure, d.path]));
    return disclosures.map((d) => ownPath.get(d)!);
  } catch {
    throw walletError("BAD_REQUEST", "PRESENTATION_INVALID");
  }
}

async function storeShare(db: Db, personId: string, share: NewShare & { disclosed: string[]; purpose: "link" | "print" }, now: Date, actor: AuditActor) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + share.expiresInDays * DAY_MS);
  await db.credentialShare.create({
    data: {
      id: share.id,
      credentialId: share.credentialId,
      tokenHash: hashShareToken(token),
      disclosed: share.disclosed,
      recipient: share.recipient.kind === "anyone" ? "anyone" : share.recipient.name,
      expiresAt,
      maxViews: share.maxViews,
      createdAt: now,
      presentation: share.presentation,
      purpose: share.purpose,
    },
  });
  await appendAudit(
    db,
    { ...actor, action: "credential.shared", targetType: "credential-share", targetId: share.id, detail: { credentialId: share.credentialId, disclosed: share.disclosed, purpose: share.purpose, recipient: share.recipient.kind } },
    now,
  );
  return { id: share.id, token, expiresAt };
}

export async function createShare(db: Db, publicUrl: string, personId: string, share: NewShare, now: Date, actor = selfActor(personId)) {
  const row = await shareableCopy(db, personId, share.credentialId);
  const disclosed = await checkPresentation(row.sdJwt, share, publicUrl, now);
  if (await db.credentialShare.findUnique({ where: { id: share.id }, select: { id: true } })) throw walletError("BAD_REQUEST", "PRESENTATION_INVALID");
  return storeShare(db, personId, { ...share, disclosed, purpose: "link" }, now, actor);
}

/** The share a printed copy's QR code opens: every claim but the RRN's back digits, 90 days, made here (no device key). */
export async function createPrintShare(db: Db, personId: string, credentialId: string, id: string, now: Date, actor = selfActor(personId)) {
  const row = await shareableCopy(db, personId, credentialId);
  const paths = readHolderCopy(row.sdJwt).disclosures.map((d) => d.path).filter((p) => p !== "rrnBack");
  const presentation = await presentCredential(row.sdJwt, paths, null, { aud: "", nonce: "" });
  return storeShare(db, personId, { id, credentialId, presentation, recipient: { kind: "anyone" }, expiresInDays: MAX_SHARE_DAYS, maxViews: null, disclosed: paths, purpose: "print" }, now, actor);
}

export interface ShareSummary {
  id: string;
  recipient: Recipient;
  purpose: "link" | "print";
  disclosed: string[];
  createdAt: Date;
  expiresAt: Date;
  maxViews: number | null;
  revokedAt: Date | null;
  state: "active" | "revoked" | "expired" | "usedUp";
  keyBound: boolean;
  /** Each opening, oldest first; `viewer` numbers distinct addresses 1, 2, … (null: not known). */
  views: { at: Date; viewer: number | null }[];
}

export async function listShares(db: Db, personId: string, credentialId: string, now: Date): Promise<ShareSummary[] | null> {
  const owned = await db.credential.findFirst({ where: { id: credentialId, personId, forgottenAt: null }, select: { id: true } });
  if (!owned) return null;
  const shares = await db.credentialShare.findMany({ where: { credentialId }, orderBy: { createdAt: "desc" }, include: { viewLog: { orderBy: { at: "asc" } } } });
  return shares.map((s) => {
    const viewers = new Map<string, number>();
    return {
      id: s.id,
      recipient: s.recipient === "anyone" ? { kind: "anyone" } : { kind: "institution", name: s.recipient },
      purpose: s.purpose === "print" ? "print" : "link",
      disclosed: s.disclosed,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      maxViews: s.maxViews,
      revokedAt: s.revokedAt,
      state: s.revokedAt ? "revoked" : s.expiresAt <= now ? "expired" : s.maxViews !== null && s.views >= s.maxViews ? "usedUp" : "active",
      keyBound: !s.presentation.endsWith("~"),
      views: s.viewLog.map((v) => {
        if (v.ipHash && !viewers.has(v.ipHash)) viewers.set(v.ipHash, viewers.size + 1);
        return { at: v.at, viewer: v.ipHash ? viewers.get(v.ipHash)! : null };
      }),
    };
  });
}

export async function revokeShare(db: Db, personId: string, shareId: string, now: Date, actor = selfActor(personId)): Promise<boolean> {
  const { count } = await db.credentialShare.updateMany({ where: { id: shareId, revokedAt: null, credential: { personId } }, data: { revokedAt: now } });
  if (count) await appendAudit(db, { ...actor, action: "credential.share-revoked", targetType: "credential-share", targetId: shareId }, now);
  return count > 0;
}
