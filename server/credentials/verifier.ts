import type pg from "pg";
import "../db/pg-utc";
import { getPgPool } from "../db/pool";
import { readEnv } from "../env";
import { parseLetterNumber } from "../delivery/letter-number";
import { ISSUER_CODES, issuerUrl } from "./issuers";
import { credentialKeyring, type Keyring } from "./keys";
import { databaseLog } from "./log-access";
import { HASH_SIZE, inclusionProof, inclusionSubtrees, nodeHash } from "./log/merkle";
import { logSigner, type LogSigner } from "./log/signing-key";
import { readSubtrees, type Subtree } from "./log/store";
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

/** A bounded set: the oldest entry goes first once full. */
class BoundedSet<T> extends Set<T> {
  constructor(private readonly max: number) {
    super();
  }
  override add(value: T): this {
    if (this.size >= this.max && !this.has(value)) this.delete(this.values().next().value!);
    return super.add(value);
  }
}

/** A bounded memo: the oldest entry goes first once full. */
function memo<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get: (key: string) => map.get(key),
    has: (key: string) => map.has(key),
    set(key: string, value: V) {
      if (map.size >= max && !map.has(key)) map.delete(map.keys().next().value!);
      map.set(key, value);
    },
  };
}

/**
 * Gathers the items asked for until the event loop's next turn and runs `load` once for all of
 * them (DataLoader's pattern): concurrent checks share one query. Each caller gets the batch's
 * result, or its error.
 */
function perTick<T, R>(load: (items: T[]) => Promise<R>): (item: T) => Promise<R> {
  let open: { items: T[]; result: Promise<R> } | undefined;
  return (item) => {
    if (!open) {
      const items: T[] = [];
      let start!: () => void;
      const result = new Promise<void>((resolve) => (start = resolve)).then(() => {
        open = undefined;
        return load(items);
      });
      open = { items, result };
      setImmediate(start);
    }
    open.items.push(item);
    return open.result;
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
 * The leaves of certificates, by their JWT's digest ($1, the n-th gives n), with what their
 * inclusion proofs need: each leaf's hash, time (ms) and neighbour leaf, and (in one last row, as
 * [level int2][index int8][hash] entries) the complete subtrees beside the leaves' paths, the
 * nodes (level, (index >> level) ^ 1) stored in "LogNode", each once. Only the right edge of the
 * tree (subtrees not complete yet, which all proofs share) is not here. Named: each connection
 * plans it once; the lateral LIMIT 1 keeps each node an index lookup.
 */
const LOCATE_LEAVES = {
  name: "moa-verifier-locate-leaves",
  text: `WITH found AS MATERIALIZED (
      SELECT d.n, c."logIndex" AS i FROM unnest($1::bytea[]) WITH ORDINALITY AS d(digest, n) JOIN "Credential" c ON c."jwtDigest" = d.digest
    ), beside AS (
      SELECT DISTINCT g.level, (f.i >> g.level) # 1 AS index FROM found f CROSS JOIN generate_series(1, (SELECT max("level") FROM "LogNode")) AS g(level)
    )
    SELECT f.n::int AS n, f.i::text AS index, floor(extract(epoch FROM l."createdAt") * 1000)::bigint::text AS ms, l."leafHash" AS hash, s."leafHash" AS sibling
    FROM found f JOIN "LogLeaf" l ON l."index" = f.i LEFT JOIN "LogLeaf" s ON s."index" = f.i # 1
    UNION ALL
    SELECT NULL, NULL, NULL, string_agg(int2send(n."level"::int2) || int8send(n."index") || n."hash", ''::bytea), NULL
    FROM beside b CROSS JOIN LATERAL (SELECT "level", "index", "hash" FROM "LogNode" WHERE "level" = b.level AND "index" = b.index LIMIT 1) n`,
};

/** A leaf row (n set), or the row of the subtrees beside the leaves' paths (n null). */
interface LocatedRow {
  n: number | null;
  index: string;
  ms: string;
  hash: Buffer | null;
  sibling: Buffer | null;
}
const NODE_ENTRY = 2 + 8 + HASH_SIZE;

/** The other half of the pair that subtree `index` belongs to (indices may exceed 32 bits). */
const neighbour = (index: number) => (index % 2 === 0 ? index + 1 : index - 1);

/**
 * The log from the database, with what never changes remembered: where a certificate's leaf is
 * and when it was appended, the hashes of complete subtrees (never change once complete), each
 * inclusion proof (per index and tree size), and which leaves were proved included in which
 * signed tree (same leaf, index, size and root: same answer). A proof is made from remembered
 * subtrees (read with located leaves or earlier proofs, or made from two remembered halves).
 * Reads are batched: the leaves asked for in the same turn of the event loop are located in one
 * query, which also brings the complete subtrees beside their paths, so a certificate seen for
 * the first time costs a share of that query and, only when its proof needs subtrees of the
 * tree's right edge not yet remembered, a share of one more (batched the same way).
 */
function rememberingLog(pool: pg.Pool, signer: LogSigner) {
  const inner = databaseLog(pool, signer);
  const located = memo<{ index: number; loggedAt: Date }>(200_000);
  const loggedAt = memo<Date>(200_000);
  const proofs = memo<Buffer[]>(200_000);
  const subtrees = memo<Buffer>(1_000_000);
  const keep = (key: string, hash: Buffer) => {
    if (!subtrees.has(key)) subtrees.set(key, hash);
  };
  /** A remembered subtree, or one made from its two remembered halves. */
  const subtree = (level: number, i: number): Buffer | undefined => {
    const hit = subtrees.get(`${level}:${i}`);
    if (hit || level === 0) return hit;
    const [left, right] = [subtrees.get(`${level - 1}:${2 * i}`), subtrees.get(`${level - 1}:${2 * i + 1}`)];
    if (!left || !right) return undefined;
    const hash = nodeHash(left, right);
    subtrees.set(`${level}:${i}`, hash);
    return hash;
  };
  const missingFor = (index: number, size: number): Subtree[] => inclusionSubtrees(index, size).filter((t) => !subtree(t.level, t.index));

  /** Locates every digest asked for in this turn in one query (sets each one's `index`); remembers what it brings. */
  const locateAll = perTick(async (asked: { key: string; digest: Buffer; index: number | null }[]) => {
    const { rows } = await pool.query<LocatedRow>({ ...LOCATE_LEAVES, values: [asked.map((a) => a.digest)] });
    for (const row of rows) {
      if (row.n === null) {
        const nodes = row.hash ?? Buffer.alloc(0);
        for (let at = 0; at + NODE_ENTRY <= nodes.length; at += NODE_ENTRY) {
          keep(`${nodes.readUInt16BE(at)}:${Number(nodes.readBigInt64BE(at + 2))}`, nodes.subarray(at + 10, at + NODE_ENTRY));
        }
        continue;
      }
      const entry = { index: Number(row.index), loggedAt: new Date(Number(row.ms)) };
      keep(`0:${row.index}`, row.hash!);
      if (row.sibling) keep(`0:${neighbour(entry.index)}`, row.sibling);
      const one = asked[row.n - 1];
      one.index = entry.index;
      located.set(one.key, entry);
      loggedAt.set(row.index, entry.loggedAt);
    }
  });
  /** Reads, in one query, the subtrees that this turn's proofs lack. */
  const readAll = perTick(async (wanted: Subtree[][]) => {
    const unique = new Map(wanted.flat().map((t) => [`${t.level}:${t.index}`, t]));
    for (const [key, hash] of await readSubtrees(pool, [...unique.values()])) keep(key, hash);
  });
  const locating = new Map<string, Promise<number | null>>();

  const checkpoints = cachedCheckpoint(inner);
  const log: LogAccess = {
    ...checkpoints,
    proven: new BoundedSet<string>(200_000),
    locate(digest) {
      const key = digest.toString("base64");
      const hit = located.get(key);
      if (hit) return Promise.resolve(hit.index);
      // The same certificate asked for again while its leaf is being located: the same answer.
      let pending = locating.get(key);
      if (!pending) {
        const asked = { key, digest, index: null as number | null };
        pending = locateAll(asked).then(() => asked.index);
        locating.set(key, pending);
        const done = () => void locating.delete(key);
        pending.then(done, done);
      }
      return pending;
    },
    async inclusionProof(index, size) {
      const key = `${index}/${size}`;
      const hit = proofs.get(key);
      if (hit) return hit;
      const missing = missingFor(index, size);
      if (missing.length > 0) await readAll(missing);
      const proof = inclusionProof((level, i) => {
        const hash = subtree(level, i);
        if (!hash) throw new RangeError(`log: subtree ${level}/${i} is not in the log`);
        return hash;
      }, index, size);
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
  const codes = new Map(ISSUER_CODES.map((code) => [issuerUrl(publicUrl, code), code]));
  const codeOf = (iss: string | null) => (iss === null ? null : (codes.get(iss) ?? null));

  const run = async (text: string, keyBinding?: { aud: string; nonce: string }): Promise<AppVerification> => {
    // A new object each time (never shared), so completed in place rather than copied.
    const v = (await verifyPresentation(text, { now: new Date(), trustedIssuers, log, fetchStatus, keyBinding })) as AppVerification;
    const { unaltered } = v.checks;
    // The leaf's time is that of the transaction that issued and logged the certificate.
    const at = unaltered.logIndex === undefined ? undefined : loggedAt(unaltered.logIndex);
    if (at) v.checks.unaltered = { ...unaltered, loggedAt: at };
    v.issuer = v.checks.issuer.result === "ok" ? codeOf(v.iss) : null;
    return v;
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
