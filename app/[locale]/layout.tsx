import "@fontsource/noto-sans-kr/400.css";
import "@fontsource/noto-sans-kr/700.css";
import "@fontsource/noto-sans-jp/400.css";
import "@fontsource/noto-sans-jp/700.css";
import "@fontsource/noto-sans-sc/400.css";
import "@fontsource/noto-sans-sc/700.css";
import "@fontsource/noto-sans-thai/400.css";
import "@fontsource/noto-sans-thai/700.css";
import "@fontsource/be-vietnam-pro/400.css";
import "@fontsource/be-vietnam-pro/700.css";
import "../globals.css";
import type { Metadata, Viewport } from "next";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ActingBanner } from "@/app/_components/assist/acting-banner";
import { ClientMessages } from "@/app/_components/client-messages";
import { IdleWarning } from "@/app/_components/idle-warning";
import { Providers } from "@/app/_components/providers";
import { RouteFocus } from "@/app/_components/route-focus";
import { ServiceWorkerUpdater } from "@/app/_components/service-worker";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { StepUpProvider } from "@/app/_components/step-up";
import { LOCALE_TAGS } from "@/locales/config";
import { routing } from "@/locales/routing";
import { decodePreferences, preferenceAttributes, PREFERENCES_COOKIE } from "@/server/preferences/preferences";

export const viewport: Viewport = { themeColor: "#0b5c7a", width: "device-width", initialScale: 1 };

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "pwa" });
  return {
    applicationName: t("shortName"),
    description: t("description"),
    manifest: `/${locale}/manifest.webmanifest`,
    icons: { icon: "/icons/favicon.svg", apple: "/icons/apple-touch-icon.png" },
    appleWebApp: { capable: true, title: t("shortName") },
  };
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const preferences = decodePreferences((await cookies()).get(PREFERENCES_COOKIE)?.value);
  const t = await getTranslations("common");
  return (
    <html lang={LOCALE_TAGS[locale]} {...preferenceAttributes(preferences)}>
      <body>
        <ClientMessages>
          <Providers>
            <StepUpProvider>
            <a href="#main" className="skip-link">
              {t("skipToContent")}
            </a>
            <SiteHeader preferences={preferences} />
            <ActingBanner />
            <main id="main" tabIndex={-1}>
              <div className="container">{children}</div>
            </main>
            <SiteFooter />
            <RouteFocus />
            <ServiceWorkerUpdater />
            <IdleWarning />
            </StepUpProvider>
          </Providers>
        </ClientMessages>
      </body>
    </html>
  );
}
