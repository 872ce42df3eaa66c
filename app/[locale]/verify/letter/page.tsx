import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { pageMetadata } from "@/app/_components/page-title";
import { VerifyLetterForm } from "@/app/_components/verify-letter-form";
import type { Locale } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "verifyLetter" });
  return pageMetadata(locale, t("title"));
}

/** Public: the address printed on every letter, where its authenticity number is typed in. */
export default async function VerifyLetterPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("verifyLetter");
  return (
    <ClientMessages namespaces={["verifyLetter"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <VerifyLetterForm />
    </ClientMessages>
  );
}
