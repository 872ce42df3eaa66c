import { getTranslations, setRequestLocale } from "next-intl/server";
import { cookies } from "next/headers";
import { Suspense } from "react";
import { HelpersSection } from "@/app/_components/assist/helpers-section";
import { ClientMessages } from "@/app/_components/client-messages";
import { ConsentSection } from "@/app/_components/consent-section";
import { currentCitizen } from "@/app/_components/current-user";
import { LanguageList } from "@/app/_components/language-switcher";
import { NotificationsSection } from "@/app/_components/notifications-section";
import { PasskeysSection } from "@/app/_components/passkeys-section";
import { pageMetadata } from "@/app/_components/page-title";
import { SettingsForm } from "@/app/_components/settings-form";
import type { Locale } from "@/locales/config";
import { Link } from "@/locales/navigation";
import { decodePreferences, PREFERENCES_COOKIE } from "@/server/preferences/preferences";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "settings" });
  return pageMetadata(locale, t("title"));
}

export default async function SettingsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("settings");
  const tAccess = await getTranslations("accessLog");
  const preferences = decodePreferences((await cookies()).get(PREFERENCES_COOKIE)?.value);
  const citizen = await currentCitizen();
  return (
    <ClientMessages namespaces={["assist.helpers", "assist.scopes", "consent", "notifications", "passkeys", "settings"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <SettingsForm initial={preferences} />
      <section aria-labelledby="language">
        <h2 id="language">{t("languageTitle")}</h2>
        <p>{t("languageLead")}</p>
        <Suspense>
          <LanguageList />
        </Suspense>
      </section>
      {citizen && (
        <>
          <ConsentSection />
          <NotificationsSection />
          <PasskeysSection />
          <HelpersSection />
          <section aria-labelledby="access">
            <h2 id="access">{tAccess("settingsTitle")}</h2>
            <p>{tAccess("settingsLead")}</p>
            <p>
              <Link href="/settings/access">{tAccess("settingsLink")}</Link>
            </p>
          </section>
        </>
      )}
    </ClientMessages>
  );
}
