import { getTranslations, setRequestLocale } from "next-intl/server";
import { AccessLog } from "@/app/_components/access-log";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentCitizen } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import type { Locale } from "@/locales/config";
import { Link, redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "accessLog" });
  return pageMetadata(locale, t("title"));
}

export default async function AccessLogPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  if (!(await currentCitizen())) return redirect({ href: `/signin?returnTo=/${locale}/settings/access`, locale });
  const t = await getTranslations("accessLog");
  return (
    <ClientMessages namespaces={["accessLog"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <AccessLog />
      <p>
        <Link href="/settings">{t("backToSettings")}</Link>
      </p>
    </ClientMessages>
  );
}
