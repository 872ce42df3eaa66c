import { getTranslations, setRequestLocale } from "next-intl/server";
import { ApproveRequest } from "@/app/_components/assist/approve-request";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentCitizen } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale; grantId: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "assist.approve" });
  return pageMetadata(locale, t("title"));
}

/** Opened from the push on the citizen's own phone: allow or refuse the counter's request. */
export default async function ApprovePage({ params }: Props) {
  const { locale, grantId } = await params;
  setRequestLocale(locale);
  if (!(await currentCitizen())) return redirect({ href: `/signin?returnTo=/${locale}/assist/approve/${grantId}`, locale });
  const t = await getTranslations("assist.approve");
  return (
    <ClientMessages namespaces={["assist"]}>
      <h1>{t("title")}</h1>
      <ApproveRequest grantId={grantId} />
    </ClientMessages>
  );
}
