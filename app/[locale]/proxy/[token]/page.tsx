import { getTranslations, setRequestLocale } from "next-intl/server";
import { AcceptInvitation } from "@/app/_components/assist/accept-invitation";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentCitizen } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale; token: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "assist.accept" });
  return pageMetadata(locale, t("title"));
}

/** A helper's invitation, accepted in the helper's own account. */
export default async function ProxyInvitationPage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  if (!(await currentCitizen())) return redirect({ href: `/signin?returnTo=/${locale}/proxy/${token}`, locale });
  const t = await getTranslations("assist.accept");
  return (
    <ClientMessages namespaces={["assist.accept", "assist.scopes"]}>
      <h1>{t("title")}</h1>
      <AcceptInvitation token={token} />
    </ClientMessages>
  );
}
