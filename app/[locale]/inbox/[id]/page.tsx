import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { NoticeView } from "@/app/_components/notice-view";
import { pageMetadata } from "@/app/_components/page-title";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "notice" });
  return pageMetadata(locale, t("title"));
}

export default async function NoticePage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  if (!(await currentSubject())) return redirect({ href: `/signin?returnTo=/${locale}/inbox/${id}`, locale });
  return (
    <ClientMessages namespaces={["common", "notice", "payments", "readAloud"]}>
      <NoticeView id={id} />
    </ClientMessages>
  );
}
