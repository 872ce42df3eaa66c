import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageMetadata } from "@/app/_components/page-title";
import { VerifyStatementForm } from "@/app/_components/verify-statement-form";
import type { Locale } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "verify" });
  return pageMetadata(locale, t("title"));
}

/** Public: anyone holding a delivery certificate checks its signed statement. */
export default async function VerifyPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("verify");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <VerifyStatementForm />
    </>
  );
}
