import { isLocale } from "@/locales/config";
import { FLOW_COOKIE, serializeCookie } from "@/server/identity/cookies";
import { safeReturnPath } from "@/server/identity/csrf";
import { publicRoute } from "@/server/http/route";
import { clientIp, getRateLimits } from "@/server/security/rate-limit";
import { tooManyRequestsPage } from "@/server/security/too-many";
import { beginSignIn, idpConfigFromEnv } from "@/server/providers/idp/oidc";

export const dynamic = "force-dynamic";

/** Starts sign-in (or step-up with `stepUp=1`) at the identity provider. */
export const GET = publicRoute("none", async (req: Request) => {
  const params = new URL(req.url).searchParams;
  const locale = isLocale(params.get("locale")) ? params.get("locale")! : "ko";
  const limited = await getRateLimits().consume(params.get("stepUp") === "1" ? "stepUp" : "signIn", clientIp(req));
  if (!limited.ok) return tooManyRequestsPage(locale, limited.retryAfterSeconds, `/${locale}`);
  const { url, flowCookie } = await beginSignIn(idpConfigFromEnv(), {
    locale,
    returnTo: safeReturnPath(params.get("returnTo"), `/${locale}`),
    stepUp: params.get("stepUp") === "1",
  });
  return new Response(null, {
    status: 303,
    headers: { Location: url, "Set-Cookie": serializeCookie(FLOW_COOKIE, flowCookie, { path: "/api/auth", maxAge: 600 }), "Cache-Control": "no-store" },
  });
});
