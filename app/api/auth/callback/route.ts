import { getDb } from "@/server/db";
import { signInCitizen } from "@/server/identity/citizens";
import { FLOW_COOKIE, readCookie, serializeCookie, sessionCookieName } from "@/server/identity/cookies";
import { logger } from "@/server/logger";
import { completeSignIn, idpConfigFromEnv, readFlow, type SignInFlow } from "@/server/providers/idp/oidc";
import { ABSOLUTE_HOURS, resolveSession } from "@/server/identity/sessions";
import { publicRoute } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** The provider sends the person back here with a code; they leave with a Moa session. */
export const GET = publicRoute("the person the provider verified", async (req: Request) => {
  const config = idpConfigFromEnv();
  const cookies = req.headers.get("cookie");
  const publicUrl = new URL(config.redirectUri).origin;
  const clearFlow = serializeCookie(FLOW_COOKIE, "", { path: "/api/auth", maxAge: 0 });
  let flow: SignInFlow | undefined;
  try {
    flow = await readFlow(config, readCookie(cookies, FLOW_COOKIE));
    const callbackUrl = new URL(new URL(req.url).search, config.redirectUri);
    const verified = await completeSignIn(config, callbackUrl, flow);
    const db = getDb();
    const now = new Date();
    const previous = await resolveSession(db, readCookie(cookies, sessionCookieName()), now, false);
    const result = await signInCitizen(db, verified, {
      now,
      locale: flow.locale,
      userAgent: req.headers.get("user-agent"),
      previousSessionId: previous?.sessionId,
      stepUp: flow.stepUp,
    });
    const next = result.needsOnboarding ? `/${flow.locale}/welcome?returnTo=${encodeURIComponent(flow.returnTo)}` : flow.returnTo;
    const headers = new Headers({ Location: new URL(next, publicUrl).href, "Cache-Control": "no-store" });
    headers.append("Set-Cookie", serializeCookie(sessionCookieName(), result.token, { maxAge: ABSOLUTE_HOURS.citizen * 3600 }));
    headers.append("Set-Cookie", clearFlow);
    return new Response(null, { status: 303, headers });
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "sign-in failed");
    const locale = flow?.locale ?? "ko";
    return new Response(null, {
      status: 303,
      headers: { Location: new URL(`/${locale}/signin?error=1`, publicUrl).href, "Set-Cookie": clearFlow, "Cache-Control": "no-store" },
    });
  }
});
