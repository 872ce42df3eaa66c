import { createHash, randomBytes } from "node:crypto";
import { poolOf, type Db } from "../db";
import { sessionCacheOf } from "./session-cache";

/**
 * Server-side sessions. The cookie holds 256 random bits; the database keeps only their SHA-256,
 * so a database leak yields no usable session. Every session has an absolute lifetime and an
 * idle timeout (longer in screen-reader mode, WCAG 2.2.1).
 */
export type PrincipalType = "citizen" | "staff" | "operator";

export const ABSOLUTE_HOURS: Record<PrincipalType, number> = { citizen: 12, staff: 9, operator: 9 };
export const IDLE_MINUTES = { standard: 20, screenReader: 60 } as const;
/** The client warns this long before the idle timeout and offers to extend. */
export const IDLE_WARNING_SECONDS = 120;

export interface SessionPrincipal {
  type: PrincipalType;
  id: string;
  sessionId: string;
  steppedUpAt: Date | null;
  idleExpiresAt: Date;
  /** The grant this session acts under (staff at the counter, a citizen acting for someone). */
  actingGrantId: string | null;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Db,
  input: { type: PrincipalType; id: string; now: Date; screenReader?: boolean; userAgent?: string | null; steppedUp?: boolean },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(input.now.getTime() + ABSOLUTE_HOURS[input.type] * 3_600_000);
  await db.session.create({
    data: {
      id: hashToken(token),
      principalType: input.type,
      principalId: input.id,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt,
      idleMinutes: input.screenReader ? IDLE_MINUTES.screenReader : IDLE_MINUTES.standard,
      steppedUpAt: input.steppedUp ? input.now : null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { token, expiresAt };
}

/**
 * The principal behind a cookie, or null when it is unknown, past its absolute lifetime or idle
 * for too long (then it is deleted). A valid session's last-seen time moves forward.
 */
export async function resolveSession(db: Db, token: string | undefined, now: Date, touch = true): Promise<SessionPrincipal | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const pool = poolOf(db);
  // The web process keeps sessions it has read, dropped as they change (session-cache.ts).
  const cache = sessionCacheOf<SessionRow>(pool);
  let session = await cache?.recent(id, now.getTime());
  // One that looks ended is asked for again, and deleted if it has.
  if (session && !isCurrent(session, now)) session = undefined;
  if (!session) {
    const generation = cache?.generation ?? 0;
    // Every request without a kept session asks this: a named statement, planned once per connection.
    const { rows } = await pool.query<SessionRow>({ name: "moa-session", text: SESSION_SQL, values: [id] });
    session = rows[0];
    if (!session) return null;
    if (!isCurrent(session, now)) {
      await db.session.deleteMany({ where: { id } });
      return null;
    }
    cache?.keep(id, session, generation, now.getTime());
  }
  // Writing on every request would be wasteful: a minute's precision is enough for idling.
  let lastSeen = session.lastSeenAt;
  if (touch && now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.session.update({ where: { id }, data: { lastSeenAt: now } });
    cache?.drop(id);
    lastSeen = now;
  }
  return {
    type: session.principalType as PrincipalType,
    id: session.principalId,
    sessionId: id,
    steppedUpAt: session.steppedUpAt,
    actingGrantId: session.actingGrantId,
    idleExpiresAt: new Date(Math.min(lastSeen.getTime() + session.idleMinutes * 60_000, session.expiresAt.getTime())),
  };
}

const isCurrent = (session: SessionRow, now: Date) =>
  session.expiresAt > now && session.lastSeenAt.getTime() + session.idleMinutes * 60_000 > now.getTime();

interface SessionRow {
  principalType: string;
  principalId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  idleMinutes: number;
  steppedUpAt: Date | null;
  actingGrantId: string | null;
}
const SESSION_SQL = `SELECT "principalType", "principalId", "lastSeenAt", "expiresAt", "idleMinutes", "steppedUpAt", "actingGrantId" FROM "Session" WHERE id = $1`;

/** Extends an idle session (the warning dialog's "stay signed in"). */
export async function extendSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  forgetSession(db, sessionId);
}

export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
  forgetSession(db, sessionId);
}

/**
 * After a write to a session: this process reads it again at once. Other processes hear of it from
 * PostgreSQL (and so does this one, a moment later: this spares the moment).
 */
export function forgetSession(db: Db, sessionId: string): void {
  sessionCacheOf(poolOf(db))?.drop(sessionId);
}

/** "Sign out on all devices". */
export async function destroyAllSessions(db: Db, type: PrincipalType, id: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { principalType: type, principalId: id } });
  return count;
}

/** Deletes sessions past their absolute expiry. Returns how many went. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
