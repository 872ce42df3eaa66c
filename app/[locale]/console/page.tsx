import { getTranslations, setRequestLocale } from "next-intl/server";
import { ApiKeysSection } from "@/app/_components/api-keys-section";
import { currentOperator } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { redirect } from "@/locales/navigation";
import type { Locale, Localized } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "console" });
  return pageMetadata(locale, t("title"));
}

/** The agency console: what an operator may do for their own agency. */
export default async function ConsolePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const signedIn = await currentOperator();
  if (!signedIn) return redirect({ href: "/console/signin", locale });
  const { operator } = signedIn;
  const t = await getTranslations("console");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead", { agency: (operator.agency.name as Localized)[locale], name: operator.name })}</p>
      {operator.permissions.includes("manage-api-keys") ? <ApiKeysSection /> : <p>{t("noKeyPermission")}</p>}
    </>
  );
}
