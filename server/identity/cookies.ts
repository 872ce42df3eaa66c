/**
 * Session cookie: `__Host-` prefix (Secure, Path=/, no Domain) wherever Moa is served over HTTPS;
 * plain name on http://localhost in development, where browsers refuse Secure cookies from http.
 */
export function secureCookies(): boolean {
  const url = process.env.PUBLIC_URL ?? "";
  return process.env.NODE_ENV === "production" || url.startsWith("https://");
}

/** `secure`: the name for a process other than this one (a benchmark's production web process). */
export function sessionCookieName(secure = secureCookies()): string {
  return secure ? "__Host-moa-session" : "moa-session";
}

export function serializeCookie(name: string, value: string, options: { maxAge?: number; path?: string; sameSite?: "Lax" | "Strict"; httpOnly?: boolean }): string {
  const parts = [`${name}=${value}`, `Path=${options.path ?? "/"}`, `SameSite=${options.sameSite ?? "Lax"}`];
  if (options.httpOnly ?? true) parts.push("HttpOnly");
  if (secureCookies()) parts.push("Secure");
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join("; ");
}

/** The cookie's value; none when it is missing or its escapes are malformed (a bad cookie is no cookie, not a 500). */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Carries the OpenID Connect flow (state, nonce, PKCE verifier) from redirect to callback. */
export const FLOW_COOKIE = "moa-oidc-flow";
