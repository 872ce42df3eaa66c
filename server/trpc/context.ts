import { getDb, type Db } from "../db";
import { readCookie, sessionCookieName } from "../identity/cookies";
import { resolveSession, type SessionPrincipal } from "../identity/sessions";
import { decodePreferences, PREFERENCES_COOKIE, type Preferences } from "../preferences/preferences";
import { isLocale, DEFAULT_LOCALE, type Locale } from "../../locales/config";
import type { HeaderSource } from "../http/node-fetch";

/** "signed-in": any principal, acting only on its own session. */
/** "subject": a citizen's own account, or one they or staff help with under an active grant. */
export type Role = "public" | "signed-in" | "citizen" | "subject" | "staff" | "operator";

export type Principal = SessionPrincipal;

export interface Context {
  db: Db;
  principal: Principal | null;
  locale: Locale;
  preferences: Preferences;
  resHeaders: Headers;
  /** The request's headers (client address for rate limits); empty for in-process callers. */
  reqHeaders: HeaderSource;
}

/** From a fetch Request's headers (tRPC's fetch adapter) or a Node request's (server/http/trpc-query.ts). */
export async function createContext({ headers, resHeaders }: { headers: HeaderSource; resHeaders: Headers }): Promise<Context> {
  const db = getDb();
  const cookies = headers.get("cookie");
  const requested = headers.get("x-moa-locale");
  return {
    db,
    // The idle warning's checks say `x-moa-passive`: looking at the clock is not activity.
    principal: await resolveSession(db, readCookie(cookies, sessionCookieName()), new Date(), headers.get("x-moa-passive") !== "1"),
    locale: isLocale(requested) ? requested : DEFAULT_LOCALE,
    preferences: decodePreferences(readCookie(cookies, PREFERENCES_COOKIE)),
    resHeaders,
    reqHeaders: headers,
  };
}
