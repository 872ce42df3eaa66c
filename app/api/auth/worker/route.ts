import { z } from "zod";
import { isLocale } from "@/locales/config";
import { getDb } from "@/server/db";
import { jsonError, publicRoute } from "@/server/http/route";
import { readCookie, serializeCookie, sessionCookieName } from "@/server/identity/cookies";
import { ABSOLUTE_HOURS, destroySession, resolveSession } from "@/server/identity/sessions";
import { signInWorker } from "@/server/identity/workers";
import { clientIp, getRateLimits } from "@/server/security/rate-limit";
import { tooManyRequestsResponse } from "@/server/security/too-many";

export const dynamic = "force-dynamic";

const input = z.object({
  kind: z.enum(["staff", "operator"]),
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
  code: z.string().trim().min(1).max(20),
  locale: z.string().refine(isLocale),
});

const HOME = { staff: "assist", operator: "console" } as const;

/** Community-center staff and agency operators: password and a TOTP code, with lockout. */
export const POST = publicRoute("the account whose password and code match", async (req: Request) => {
  const parsed = input.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return jsonError(400, "invalid_request");
  const { kind, login, password, code, locale } = parsed.data;
  // Per address, so that guessing many accounts from one place is slowed as well as one account.
  const limited = await getRateLimits().consume("workerSignIn", clientIp(req));
  if (!limited.ok) return tooManyRequestsResponse(locale, limited.retryAfterSeconds);

  const db = getDb();
  const now = new Date();
  const result = await signInWorker(db, { kind, login, password, code, userAgent: req.headers.get("user-agent") }, now);
  if (!result.ok) {
    if (result.reason === "locked") {
      const retryAfterSeconds = result.retryAfterSeconds;
      return Response.json({ error: { code: "locked", retryAfterSeconds } }, { status: 423, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } });
    }
    return jsonError(401, "invalid");
  }
  const previous = await resolveSession(db, readCookie(req.headers.get("cookie"), sessionCookieName()), now, false);
  if (previous) await destroySession(db, previous.sessionId);
  // Staff pay at the counter through the gateway's window, whose return is a cross-site
  // navigation: their cookie must be Lax (as the citizens'); tRPC's CSRF check still holds.
  const sameSite = kind === "staff" ? "Lax" : "Strict";
  return Response.json(
    { next: `/${locale}/${HOME[kind]}` },
    { headers: { "Set-Cookie": serializeCookie(sessionCookieName(), result.token, { maxAge: ABSOLUTE_HOURS[kind] * 3600, sameSite }), "Cache-Control": "no-store" } },
  );
});
