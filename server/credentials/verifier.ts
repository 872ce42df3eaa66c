import type pg from "pg";
import "../db/pg-utc";
import { getPgPool } from "../db/pool";
import { readEnv } from "../env";
import { parseLetterNumber } from "../delivery/letter-number";
import { ISSUER_CODES, issuerUrl } from "./issuers";
import { credentialKeyring, type Keyring } from "./keys";
import { databaseLog } from "./log-access";
import { logSigner, type LogSigner } from "./log/signing-key";
import { fetchStatusOverHttp, type FetchStatus } from "./status-check";
import { statusListJwt } from "./status-store";
import type { IssuerCode } from "./types";
import { verifyPresentation, type LogAccess, type Verification } from "./verify";

/**
 * Moa's own verifier, behind /verify and GET /api/v1/credentials/verify: the issuers it
 * recognises are its keyring's, the log and its own status lists are read from the database.
 * Cached as an outside verifier would: the checkpoint (until a certificate needs a larger one,
 * or for a minute), each status list token (until its list changes),
 * what is immutable in the log (leaf index and time, inclusion proofs), imported keys.
 */
export interface AppVerification extends Verification {
  checks: Verification["checks"] & { unaltered: Verification["checks"]["unaltered"] & { loggedAt?: Date } };
  /** The recognised issuer's code, null when the issuer is not recognised. */
  issuer: IssuerCode | null;
}

export interface Verifier {
  presentation(text: string, keyBinding?: { aud: string; nonce: string }): Promise<AppVerification>;
  /** The certificate with this authenticity number, checked without any of its claims; null if none has it. */
  authenticityNumber(number: string): Promise<(AppVerification & { authenticityNumber: string }) | null>;
}

const CHECKPOINT_MAX_AGE_MS = 60_000;

/** Keeps the latest checkpoint for a minute, fetching a newer one as soon as a certificate is beyond it. */
export function cachedCheckpoint(log: LogAccess, maxAgeMs = CHECKPOINT_MAX_AGE_MS): LogAccess {
  let cached: { note: Promise<string>; size: number; at: number } | undefined;
  const sizeOf = (note: string) => Number(note.split("\n")[1]);
  return {
    ...log,
    checkpoint(minSize = 0) {
      if (!cached || cached.size < minSize || Date.now() - cached.at > maxAgeMs) {
        const note = log.checkpoint(minSize);
        const entry = { note, size: Infinity, at: Date.now() };
        cached = entry;
        note.then((n) => (entry.size = sizeOf(n))).catch(() => cached === entry && (cached = undefined));
      }
      return cached.note;
    },
  };
}

/** A bounded memo: the oldest entry goes first once full. */
function memo<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get: (key: string) => map.get(key),
    set(key: string, value: V) {
      if (map.size >= max) map.delete(map.keys().next().value!);
      map.set(key, value);
    },
  };
}

/**
 * Moa's own status lists straight from the database, re-signed only when the list changed; others
 * over HTTP. The list's revision is asked each time (a revocation shows at once), or, with
 * `maxAgeMs`, a token is kept that long without asking, as an outside verifier may for its ttl.
 */
export function ownStatusLists(pool: pg.Pool, keyring: Keyring, fallback: FetchStatus = fetchStatusOverHttp, maxAgeMs = 0): FetchStatus {
  const tokens = new Map<string, { revision: number; token: string; signedAt: number }>();
  const TOKEN_REUSE_MS = 3600_000;
  return async (uri) => {
    const hit = tokens.get(uri);
    if (hit && Date.now() - hit.signedAt < maxAgeMs) return hit.token;
    const { rows } = await pool.query<{ id: string; revision: number }>({ name: "moa-verifier-status-revision", text: `SELECT "id", "revision" FROM "StatusList" WHERE "uri" = $1`, values: [uri] });
    if (!rows[0]) return fallback(uri);
    if (hit && hit.revision === rows[0].revision && Date.now() - hit.signedAt < TOKEN_REUSE_MS) return hit.token;
    const token = await statusListJwt(pool, keyring, rows[0].id, new Date());
    if (!token) throw new Error("status list vanished");
    tokens.set(uri, { revision: rows[0].revision, token, signedAt: Date.now() });
    return token;
  };
}

/**
 * The log from the database, with what never changes remembered: where a certificate's leaf is
 * and when it was appended, and each inclusion proof (per index and tree size).
 */
function rememberingLog(pool: pg.Pool, signer: LogSigner) {
  const inner = databaseLog(pool, signer);
  const located = memo<{ index: number; loggedAt: Date }>(200_000);
  const loggedAt = memo<Date>(200_000);
  const proofs = memo<Buffer[]>(200_000);
  const log: LogAccess = {
    ...cachedCheckpoint(inner),
    async locate(digest) {
      const key = digest.toString("base64");
      const hit = located.get(key);
      if (hit) return hit.index;
      // Named: each connection plans it once (planning costs more than running it).
      const { rows } = await pool.query<{ index: string; createdAt: Date }>({
        name: "moa-verifier-locate",
        text: `SELECT c."logIndex"::text AS index, l."createdAt" FROM "Credential" c JOIN "LogLeaf" l ON l."index" = c."logIndex" WHERE c."jwtDigest" = $1`,
        values: [digest],
      });
      if (!rows[0]) return null;
      const entry = { index: Number(rows[0].index), loggedAt: rows[0].createdAt };
      located.set(key, entry);
      loggedAt.set(String(entry.index), entry.loggedAt);
      return entry.index;
    },
    async inclusionProof(index, size) {
      const key = `${index}/${size}`;
      const hit = proofs.get(key);
      if (hit) return hit;
      const proof = await inner.inclusionProof(index, size);
      proofs.set(key, proof);
      return proof;
    },
  };
  return { log, loggedAt: (index: number) => loggedAt.get(String(index)) };
}

/** `statusMaxAgeMs`: see ownStatusLists (Moa's own pages: 0, revocations show at once). */
export function createVerifier(pool: pg.Pool, keyring: Keyring, signer: LogSigner, publicUrl: string, statusMaxAgeMs = 0): Verifier {
  const trustedIssuers = keyring.trusted();
  const { log, loggedAt } = rememberingLog(pool, signer);
  const fetchStatus = ownStatusLists(pool, keyring, fetchStatusOverHttp, statusMaxAgeMs);
  const codeOf = (iss: string | null) => ISSUER_CODES.find((code) => issuerUrl(publicUrl, code) === iss) ?? null;

  const run = async (text: string, keyBinding?: { aud: string; nonce: string }): Promise<AppVerification> => {
    const v = await verifyPresentation(text, { now: new Date(), trustedIssuers, log, fetchStatus, keyBinding });
    const { logIndex } = v.checks.unaltered;
    // The leaf's time is that of the transaction that issued and logged the certificate.
    const at = logIndex === undefined ? undefined : loggedAt(logIndex);
    return { ...v, checks: { ...v.checks, unaltered: { ...v.checks.unaltered, ...(at && { loggedAt: at }) } }, issuer: v.checks.issuer.result === "ok" ? codeOf(v.iss) : null };
  };

  return {
    presentation: run,
    async authenticityNumber(number) {
      const authenticityNumber = parseLetterNumber(number);
      if (!authenticityNumber) return null;
      const { rows } = await pool.query<{ sdJwt: string }>(`SELECT "sdJwt" FROM "Credential" WHERE "authenticityNumber" = $1`, [authenticityNumber]);
      if (!rows[0]) return null;
      // The issuer-signed JWT without a single disclosure: the checks, and nothing about the holder.
      const v = await run(`${rows[0].sdJwt.split("~")[0]}~`);
      return { ...v, claims: null, authenticityNumber };
    },
  };
}

let cached: Promise<Verifier> | undefined;

/** The process's verifier, made on first use. */
export function appVerifier(): Promise<Verifier> {
  if (!cached) {
    const env = readEnv();
    cached = Promise.all([credentialKeyring(), logSigner()]).then(([keyring, signer]) => createVerifier(getPgPool(), keyring, signer, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`));
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

/** Forgets the verifier, for tests that change the environment. */
export function resetAppVerifier(): void {
  cached = undefined;
}
