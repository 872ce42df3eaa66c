import { createHash } from "node:crypto";
import { getDb, type Db } from "../db";
import { decodePreferences, PREFERENCES_COOKIE, type Preferences } from "../preferences/preferences";
import { isLocale, DEFAULT_LOCALE, type Locale } from "../../locales/config";

export type Role = "public" | "citizen" | "helper" | "staff" | "operator";

export interface Principal {
  type: Exclude<Role, "public" | "helper">;
  id: string;
  sessionId: string;
}

export const SESSION_COOKIE = process.env.NODE_ENV === "production" ? "__Host-moa-session" : "moa-session";

export interface Context {
  db: Db;
  principal: Principal | null;
  locale: Locale;
  preferences: Preferences;
  resHeaders: Headers;
}

export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

async function principalFor(db: Db, token: string | undefined, now: Date): Promise<Principal | null> {
  if (!token) return null;
  const id = createHash("sha256").update(token).digest("hex");
  const session = await db.session.findUnique({ where: { id } });
  if (!session || session.expiresAt <= now) return null;
  return { type: session.principalType as Principal["type"], id: session.principalId, sessionId: id };
}

export async function createContext({ req, resHeaders }: { req: Request; resHeaders: Headers }): Promise<Context> {
  const db = getDb();
  const cookies = req.headers.get("cookie");
  const requested = req.headers.get("x-moa-locale");
  return {
    db,
    principal: await principalFor(db, readCookie(cookies, SESSION_COOKIE), new Date()),
    locale: isLocale(requested) ? requested : DEFAULT_LOCALE,
    preferences: decodePreferences(readCookie(cookies, PREFERENCES_COOKIE)),
    resHeaders,
  };
}
