import createMiddleware from "next-intl/middleware";
import { NextRequest } from "next/server";
import { routing } from "./locales/routing";
import { contentSecurityPolicy, newNonce } from "./server/security/csp";

const handleI18nRouting = createMiddleware(routing);

/** Locale routing plus a fresh CSP nonce for every page response. */
export default function proxy(request: NextRequest) {
  const https = (process.env.PUBLIC_URL ?? "").startsWith("https://");
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  const response = handleI18nRouting(new NextRequest(request, { headers }));
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // Pages only: not the APIs, Next's assets, the service worker or files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
