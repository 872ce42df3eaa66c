import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { pageMetadata } from "@/app/_components/page-title";
import { VerifyLetterForm } from "@/app/_components/verify-letter-form";
import type { Locale } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale; number: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "verifyLetter" });
  // One page per letter: nothing for search engines.
  return { ...(await pageMetadata(locale, t("title"))), robots: { index: false } };
}

/** Public: the QR code's target on a letter; checks the number in the address at once. */
export default async function VerifyLetterNumberPage({ params }: Props) {
  const { locale, number } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("verifyLetter");
  return (
    <ClientMessages namespaces={["verifyLetter"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <VerifyLetterForm initialNumber={number} />
    </ClientMessages>
  );
}
