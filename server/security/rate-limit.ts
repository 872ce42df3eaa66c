import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { logger } from "../logger";
import type { HeaderSource } from "../http/node-fetch";

export interface Limit {
  points: number;
  /** Window in seconds. */
  duration: number;
  /** Seconds a key stays refused once it goes over; without it, until its window ends. */
  blockDuration?: number;
}

export const LIMITS = {
  // A person retries a mistyped sign-in a few times; more than 10 a minute from one address is a script.
  signIn: { points: 10, duration: 60 },
  // Step-up re-asks an already signed-in session; 10 in 5 minutes is far beyond a person's need.
  stepUp: { points: 10, duration: 5 * 60 },
  // With 6-digit codes, 5 tries per 15 minutes leaves a guesser 1 chance in 200,000 per window.
  codeEntry: { points: 5, duration: 15 * 60 },
  // 3,000 requests a second sustained per key, counted per minute so that short bursts pass.
  apiKey: { points: 3000 * 60, duration: 60 },
  // Integrations rarely send a wrong key; 20 a minute per address stops anyone guessing keys.
  invalidApiKey: { points: 20, duration: 60 },
  // Public certificate checks: one a second per address serves a person, too slow to enumerate.
  verify: { points: 60, duration: 60 },
  // Staff and operator passwords open everyone's mail: 10 per 15 minutes per address.
  workerSignIn: { points: 10, duration: 15 * 60 },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

export type ConsumeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimits {
  /** Counts one attempt by `key` against limit `name`; refused once over the limit. */
  consume(name: LimitName, key: string): Promise<ConsumeResult>;
  /** Forgets `key`'s attempts, e.g. after a successful sign-in. */
  reset(name: LimitName, key: string): Promise<void>;
}

/** The table that prisma/migrations/20261123100000_rate_limits creates; the limiter does no DDL. */
const SCHEMA = "ratelimit";
const TABLE = "counters";

// Keys may be session ids or API keys: store a hash, never the secret, and stay within varchar(255).
const hashKey = (key: string) => createHash("sha256").update(key).digest("base64url");

/** Counters in PostgreSQL, so every Moa process sees the same counts. */
export function createRateLimits(pool: pg.Pool, limits: Record<LimitName, Limit> = LIMITS): RateLimits {
  const names = Object.keys(LIMITS) as LimitName[];
  const limiters = Object.fromEntries(
    names.map((name, i) => [
      name,
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        schemaName: SCHEMA,
        tableName: TABLE,
        tableCreated: true,
        keyPrefix: name,
        ...limits[name],
        // All limits share the table, and the sweep deletes every expired row: one sweeper is enough.
        clearExpiredByTimeout: i === 0,
      }),
    ]),
  ) as Record<LimitName, RateLimiterPostgres>;

  return {
    async consume(name, key) {
      try {
        await limiters[name].consume(hashKey(key));
        return { ok: true };
      } catch (error) {
        // The library rejects with a RateLimiterRes when refused, with an Error when the database fails.
        if (!(error instanceof RateLimiterRes)) throw error;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      }
    },
    async reset(name, key) {
      await limiters[name].delete(hashKey(key));
    },
  };
}

const holder = globalThis as unknown as { moaRateLimits?: RateLimits };

/** The process-wide limits, on a small pool of their own created on first use. */
export function getRateLimits(): RateLimits {
  if (!holder.moaRateLimits) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Moa with `npm start`.");
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection dropped by the server must not crash the process.
    pool.on("error", (error) => logger.warn({ err: error.message }, "rate-limit pool connection lost"));
    holder.moaRateLimits = createRateLimits(pool);
  }
  return holder.moaRateLimits;
}

/**
 * The address to count a request against. Route handlers do not see the socket, so only a proxy
 * Moa trusts (TRUST_PROXY=true) can say: it appends the client's address to X-Forwarded-For, so
 * the last entry is the one it wrote (earlier entries are whatever the client sent). Without a
 * trusted proxy every request shares the one bucket "direct": stricter, but impossible to spoof.
 */
export function clientIp(req: Request): string {
  return clientIpFromHeaders(req.headers);
}

export function clientIpFromHeaders(headers: HeaderSource): string {
  if (process.env.TRUST_PROXY !== "true") return "direct";
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  return hops.at(-1) ?? "direct";
}
