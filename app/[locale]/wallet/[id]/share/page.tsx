import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { ShareForm } from "@/app/_components/share-form";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "share.form" });
  return pageMetadata(locale, t("title"));
}

export default async function ShareCredentialPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  if (!(await currentSubject())) return redirect({ href: `/signin?returnTo=/${locale}/wallet/${id}/share`, locale });
  const t = await getTranslations("share.form");
  return (
    <ClientMessages namespaces={["share.form"]}>
      <h1>{t("title")}</h1>
      <ShareForm id={id} />
    </ClientMessages>
  );
}
