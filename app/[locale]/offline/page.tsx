import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { pageMetadata } from "@/app/_components/page-title";
import { OfflineInbox } from "@/app/_components/offline-inbox";
import { OfflineWallet } from "@/app/_components/offline-wallet";
import { RetryButton } from "@/app/_components/retry-button";
import type { Locale } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "offline" });
  return pageMetadata(locale, t("title"));
}

/** Precached by the service worker and shown for any page that cannot load offline. */
export default async function OfflinePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("offline");
  return (
    <ClientMessages namespaces={["inbox", "offline", "wallet"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("body")}</p>
      <RetryButton label={t("retry")} />
      <OfflineWallet />
      <OfflineInbox />
    </ClientMessages>
  );
}
