import { getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentCitizen } from "@/app/_components/current-user";
import { LanguageList } from "@/app/_components/language-switcher";
import { pageMetadata } from "@/app/_components/page-title";
import { WelcomeForm } from "@/app/_components/welcome-form";
import type { Locale } from "@/locales/config";
import { safeReturnPath } from "@/server/identity/csrf";
import { hasElectronicConsent } from "@/server/identity/citizens";
import { getDb } from "@/server/db";
import type { Preferences, TextSize } from "@/server/preferences/preferences";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ returnTo?: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const citizen = await currentCitizen();
  const t = await getTranslations({ locale, namespace: "welcome" });
  return pageMetadata(locale, t("title", { name: citizen?.person.name ?? "" }));
}

/** First sign-in: language, modes and e-delivery consent. */
export default async function WelcomePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { returnTo } = await searchParams;
  const citizen = await currentCitizen();
  if (!citizen) redirect(`/${locale}/signin`);
  const t = await getTranslations("welcome");
  const { person } = citizen;
  const preferences: Preferences = { textSize: person.textSize as TextSize, screenReader: person.screenReader, highContrast: person.highContrast };
  return (
    <ClientMessages namespaces={["settings", "welcome"]}>
      <h1>{t("title", { name: person.name })}</h1>
      <p className="lead">{t("lead")}</p>
      <Suspense>
        <LanguageList />
      </Suspense>
      <WelcomeForm
        initial={preferences}
        consent={(await hasElectronicConsent(getDb(), person.id)) ? true : null}
        returnTo={safeReturnPath(returnTo, `/${locale}`)}
        vapidPublicKey={process.env.VAPID_PUBLIC_KEY ?? null}
      />
    </ClientMessages>
  );
}
