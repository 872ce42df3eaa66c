import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { InboxList } from "@/app/_components/inbox-list";
import { pageMetadata } from "@/app/_components/page-title";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "inbox" });
  return pageMetadata(locale, t("title"));
}

export default async function InboxPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  if (!(await currentSubject())) return redirect({ href: `/signin?returnTo=/${locale}/inbox`, locale });
  const t = await getTranslations("inbox");
  return (
    <ClientMessages namespaces={["inbox", "payments.basket"]}>
      <h1>{t("title")}</h1>
      <InboxList />
    </ClientMessages>
  );
}
