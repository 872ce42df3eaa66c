import { hasLocale } from "next-intl";
import { getTranslations } from "next-intl/server";
import { LOCALE_TAGS } from "@/locales/config";
import { routing } from "@/locales/routing";
import { publicRoute } from "@/server/http/route";

/** A web app manifest per locale: localized name, start_url under the locale. */
export const GET = publicRoute("none", async (_req: Request, { params }: { params: Promise<{ locale: string }> }) => {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return new Response("Not found", { status: 404 });
  const t = await getTranslations({ locale, namespace: "pwa" });
  const manifest = {
    id: `/${locale}/`,
    name: t("name"),
    short_name: t("shortName"),
    description: t("description"),
    lang: LOCALE_TAGS[locale],
    start_url: `/${locale}`,
    scope: "/",
    display: "standalone",
    background_color: "#f7f7f2",
    theme_color: "#0b5c7a",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
});
