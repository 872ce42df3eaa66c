import pg from "pg";
import { logger } from "../logger";

/** Named by the triggers of prisma/migrations/20261128000000_session_changes. */
export const SESSION_CHANNEL = "moa_session";

export interface SessionCacheOptions {
  /** How long a session read is trusted at most, changes heard or not. */
  ttlMs?: number;
  maxEntries?: number;
  /** Wait before listening again after the connection is lost. */
  retryMs?: number;
}

/**
 * The sessions a web process has read lately, so that a request costs one query rather than two
 * (the session lookup was a quarter of an inbox call's CPU, web and PostgreSQL together:
 * `npm run bench -- inbox … http`). Correct because PostgreSQL says when one changes: a trigger
 * names the session on `moa_session` as the write commits, and this process's own connection,
 * listening, drops it. It keeps nothing while not listening (starting, connection lost), and a read
 * that began before a change it heard is not kept (the generation). A hit waits for the I/O already
 * received to be handled first, so a change that reached this process before the request did is
 * seen; what is left is the time PostgreSQL takes to deliver a notification, as for a request
 * already under way when a session ends.
 */
export class SessionCache<Row> {
  private readonly entries = new Map<string, { row: Row; at: number }>();
  private listening = false;
  private changes = 0;
  readonly ttlMs: number;
  readonly maxEntries: number;

  constructor(options: SessionCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 20_000;
  }

  /** Changes heard so far: read before a database read, handed back to `keep`. */
  get generation(): number {
    return this.changes;
  }

  get isListening(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  /** A session read less than the TTL ago and not changed since, as far as this process knows. */
  async recent(id: string, now: number): Promise<Row | undefined> {
    if (!this.entries.has(id)) return undefined;
    // A notification received with (or before) this request is handled before the answer.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (now - entry.at > this.ttlMs || now < entry.at) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.row;
  }

  /** Keeps a row read from the database, unless a change was heard since `generation`. */
  keep(id: string, row: Row, generation: number, now: number): void {
    if (!this.listening || generation !== this.changes) return;
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { row, at: now });
  }

  /** Forgets a session this process has just written: a read under way is not kept either. */
  drop(id: string): void {
    this.changes++;
    this.entries.delete(id);
  }

  /** A notification's payload: one session's id, or '*' for all. */
  heard(payload: string): void {
    if (payload !== "*") return this.drop(payload);
    this.changes++;
    this.entries.clear();
  }

  /** Listening or not: either way, what was kept before may have changed unheard. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.changes++;
    this.entries.clear();
  }
}

// On globalThis: Next bundles its own copy of the session code for the pages, which must find the
// cache the web process started.
const shared = globalThis as unknown as { moaSessionCaches?: WeakMap<pg.Pool, SessionCache<unknown>> };
const caches = (shared.moaSessionCaches ??= new WeakMap());

export function sessionCacheOf<Row>(pool: pg.Pool): SessionCache<Row> | undefined {
  return caches.get(pool) as SessionCache<Row> | undefined;
}

/**
 * Starts caching the sessions read through `pool`, on a connection of its own that listens for
 * their changes and is made again when lost. Resolves once listening; if the first connection
 * fails it rejects, and keeps trying.
 */
export async function startSessionCache(pool: pg.Pool, options: SessionCacheOptions = {}): Promise<{ cache: SessionCache<unknown>; stop: () => Promise<void> }> {
  const cache = new SessionCache<unknown>(options);
  caches.set(pool, cache);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const listen = async () => {
    const c = new pg.Client(pool.options);
    client = c;
    const lost = (error?: Error) => {
      if (client !== c) return;
      client = null;
      cache.setListening(false);
      c.end().catch(() => undefined);
      if (stopped) return;
      logger.warn({ err: error?.message }, "session changes: not listening, sessions read from the database until listening again");
      retry = setTimeout(() => void listen().catch(() => undefined), options.retryMs ?? 1_000);
    };
    c.on("error", lost);
    c.on("end", () => lost());
    c.on("notification", (message) => cache.heard(message.payload ?? "*"));
    try {
      await c.connect();
      await c.query(`LISTEN ${SESSION_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      throw error;
    }
    if (client === c) cache.setListening(true);
  };
  await listen();
  return {
    cache,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      caches.delete(pool);
      const c = client;
      client = null;
      cache.setListening(false);
      await c?.end();
    },
  };
}
