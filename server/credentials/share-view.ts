import { createHmac } from "node:crypto";
import type pg from "pg";
import "../db/pg-utc";
import { uuid7 } from "../db/uuid7";
import type { KeyBindingExpectation } from "./key-binding";
import type { Keyring } from "./keys";
import { databaseLog } from "./log-access";
import type { LogSigner } from "./log/signing-key";
import { hashShareToken, shareAudience, type Recipient } from "./share";
import { fetchStatusOverHttp, type FetchStatus } from "./status-check";
import { statusListJwt, statusListUri } from "./status-store";
import { verifyPresentation, type Verification } from "./verify";

/**
 * Opening a share link: count the view (unless the link is spent, expired or revoked), then verify
 * the stored presentation as any verifier would — issuer keys, the transparency log, the status
 * list — so the page shows what holds now, not what held when it was shared.
 */
export interface ShareViewDeps {
  pool: pg.Pool;
  keyring: Keyring;
  signer: LogSigner;
  publicUrl: string;
  /** Key of the viewer's address hash: viewers are told apart without keeping addresses. */
  viewerKey: string;
  fetchStatus?: FetchStatus;
}

export type ShareView =
  | { status: "not-found" | "expired" | "revoked" | "used-up" }
  | { status: "ok"; recipient: Recipient; purpose: "link" | "print"; expiresAt: Date; verification: Verification; loggedAt: Date | null };

/** Our own status lists are read from the database (what their route serves); others over HTTP. */
export function ownStatus(deps: Pick<ShareViewDeps, "pool" | "keyring" | "publicUrl">, now: () => Date): FetchStatus {
  const prefix = statusListUri(deps.publicUrl, "");
  return async (uri) => {
    if (!uri.startsWith(prefix)) return fetchStatusOverHttp(uri);
    const token = await statusListJwt(deps.pool, deps.keyring, uri.slice(prefix.length), now());
    if (!token) throw new Error("no such status list");
    return token;
  };
}

type ShareRow = { id: string; recipient: string; purpose: string; presentation: string; createdAt: Date; expiresAt: Date };

export async function openShare(deps: ShareViewDeps, token: string, viewer: string, now: Date): Promise<ShareView> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { status: "not-found" };
  const tokenHash = hashShareToken(token);
  const counted = await deps.pool.query<ShareRow>(
    `UPDATE "CredentialShare" s SET "views" = s."views" + 1
       FROM "Credential" c
      WHERE s."tokenHash" = $1 AND c."id" = s."credentialId" AND c."forgottenAt" IS NULL
        AND s."revokedAt" IS NULL AND s."expiresAt" > $2 AND (s."maxViews" IS NULL OR s."views" < s."maxViews")
      RETURNING s."id", s."recipient", s."purpose", s."presentation", s."createdAt", s."expiresAt"`,
    [tokenHash, now],
  );
  const share = counted.rows[0];
  if (!share) return { status: await whyClosed(deps.pool, tokenHash, now) };
  const ipHash = createHmac("sha256", deps.viewerKey).update(viewer).digest("hex");
  await deps.pool.query(`INSERT INTO "CredentialShareView" ("id", "shareId", "at", "ipHash") VALUES ($1, $2, $3, $4)`, [uuid7(now.getTime()), share.id, now, ipHash]);

  const recipient: Recipient = share.recipient === "anyone" ? { kind: "anyone" } : { kind: "institution", name: share.recipient };
  // The KB-JWT was checked fresh when the share was made; later it must still date from then.
  const keyBinding: KeyBindingExpectation = { aud: shareAudience(deps.publicUrl, recipient), nonce: share.id, signedNear: share.createdAt };
  const verification = await verifyPresentation(share.presentation, {
    now,
    trustedIssuers: deps.keyring.trusted(),
    log: databaseLog(deps.pool, deps.signer),
    fetchStatus: deps.fetchStatus ?? ownStatus(deps, () => now),
    keyBinding: share.presentation.endsWith("~") ? undefined : keyBinding,
  });
  const { logIndex } = verification.checks.unaltered;
  // The leaf's time is that of the transaction that issued and logged the certificate.
  const leaf = logIndex === undefined ? null : (await deps.pool.query<{ createdAt: Date }>(`SELECT "createdAt" FROM "LogLeaf" WHERE "index" = $1`, [logIndex])).rows[0];
  return { status: "ok", recipient, purpose: share.purpose === "print" ? "print" : "link", expiresAt: share.expiresAt, verification, loggedAt: leaf?.createdAt ?? null };
}

async function whyClosed(pool: pg.Pool, tokenHash: string, now: Date): Promise<"not-found" | "expired" | "revoked" | "used-up"> {
  const { rows } = await pool.query<{ revokedAt: Date | null; forgottenAt: Date | null; expiresAt: Date }>(
    `SELECT s."revokedAt", c."forgottenAt", s."expiresAt" FROM "CredentialShare" s JOIN "Credential" c ON c."id" = s."credentialId" WHERE s."tokenHash" = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return "not-found";
  if (row.revokedAt || row.forgottenAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "used-up";
}
