import createMiddleware from "next-intl/middleware";
import { routing } from "./locales/routing";

export default createMiddleware(routing);

export const config = {
  // Pages only: not the APIs, Next's assets, the service worker or files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
