import { verifyNoticeLink } from "@/server/delivery/notice-link";
import { publicRoute } from "@/server/http/route";
import { isLocale } from "@/locales/config";

export const dynamic = "force-dynamic";

/**
 * The short link in an SMS: a valid one opens the notice (the page asks for sign-in and step-up as
 * needed), a forged or expired one the inbox. It never says which notice or whose.
 */
export const GET = publicRoute("none: names a notice whose page needs the recipient's own session", async (req, { params }: { params: Promise<{ locale: string; token: string }> }) => {
  const { locale, token } = await params;
  const lang = isLocale(locale) ? locale : "ko";
  const secret = process.env.SESSION_SECRET;
  const check = secret ? verifyNoticeLink(secret, token, new Date()) : ({ valid: false } as const);
  const target = check.valid ? `/${lang}/inbox/${check.noticeId}` : `/${lang}/inbox`;
  return new Response(null, { status: 303, headers: { Location: new URL(target, req.url).pathname, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
});
