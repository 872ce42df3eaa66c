import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageMetadata } from "@/app/_components/page-title";
import type { Locale } from "@/locales/config";
import { safeReturnPath } from "@/server/identity/csrf";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ error?: string; expired?: string; returnTo?: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "auth" });
  return pageMetadata(locale, t("title"));
}

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { error, expired, returnTo } = await searchParams;
  const t = await getTranslations("auth");
  const query = new URLSearchParams({ locale, returnTo: safeReturnPath(returnTo, `/${locale}`) });
  return (
    <>
      <h1>{t("title")}</h1>
      {expired && (
        <p role="status" className="status">
          {t("expired")}
        </p>
      )}
      {error && (
        <p role="alert" className="status error">
          {t("failed")}
        </p>
      )}
      <p className="lead">{t("lead")}</p>
      <p>
        <a className="button" href={`/api/auth/signin?${query}`}>
          {t("continue")}
        </a>
      </p>
      <p>{t("help")}</p>
    </>
  );
}
