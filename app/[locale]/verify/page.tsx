import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageMetadata } from "@/app/_components/page-title";
import { VerifyStatementForm } from "@/app/_components/verify-statement-form";
import type { Locale } from "@/locales/config";
import { Link } from "@/locales/navigation";

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
  const letter = await getTranslations("verifyLetter");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <VerifyStatementForm />
      <p>
        {letter("fromVerify")} <Link href="/verify/letter">{letter("fromVerifyLink")}</Link>
      </p>
    </>
  );
}
