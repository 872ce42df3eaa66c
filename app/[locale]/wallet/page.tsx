import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { WalletList } from "@/app/_components/wallet-list";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "wallet" });
  return pageMetadata(locale, t("title"));
}

export default async function WalletPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const subject = await currentSubject();
  if (!subject) return redirect({ href: `/signin?returnTo=/${locale}/wallet`, locale });
  const t = await getTranslations("wallet");
  return (
    <ClientMessages namespaces={["wallet"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <WalletList keepOffline={!subject.acting} />
    </ClientMessages>
  );
}
