import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { PaymentHistory } from "@/app/_components/payment-history";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "payments.history" });
  return pageMetadata(locale, t("title"));
}

export default async function PaymentsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  if (!(await currentSubject())) return redirect({ href: `/signin?returnTo=/${locale}/payments`, locale });
  const t = await getTranslations("payments.history");
  return (
    <ClientMessages namespaces={["payments"]}>
      <h1>{t("title")}</h1>
      <PaymentHistory />
    </ClientMessages>
  );
}
