import { isLocale } from "@/locales/config";
import { getDb } from "@/server/db";
import { appendAudit } from "@/server/audit/chain";
import { readCookie, serializeCookie, sessionCookieName } from "@/server/identity/cookies";
import { destroyAllSessions, destroySession, resolveSession } from "@/server/identity/sessions";
import { publicRoute } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Signs out this session, or with `all=1` every session of the person ("sign out on all devices"). */
export const POST = publicRoute("the session in the cookie", async (req: Request) => {
  const form = await req.formData();
  const locale = isLocale(form.get("locale")) ? (form.get("locale") as string) : "ko";
  const db = getDb();
  const now = new Date();
  const session = await resolveSession(db, readCookie(req.headers.get("cookie"), sessionCookieName()), now, false);
  if (session) {
    if (form.get("all") === "1") await destroyAllSessions(db, session.type, session.id);
    else await destroySession(db, session.sessionId);
    await appendAudit(db, { actorType: session.type, actorId: session.id, onBehalfOf: session.type === "citizen" ? session.id : null, action: form.get("all") === "1" ? "sign-out.all" : "sign-out" }, now);
  }
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/${locale}`,
      "Set-Cookie": serializeCookie(sessionCookieName(), "", { maxAge: 0 }),
      "Cache-Control": "no-store",
      // A shared computer keeps nothing of the person: the offline inbox copy and cached pages go too.
      "Clear-Site-Data": '"cache", "storage"',
    },
  });
});
