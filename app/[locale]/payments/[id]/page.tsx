import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { PaymentReceipt } from "@/app/_components/payment-receipt";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "payments.receipt" });
  return pageMetadata(locale, t("title"));
}

export default async function PaymentPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  if (!(await currentSubject())) return redirect({ href: `/signin?returnTo=/${locale}/payments/${id}`, locale });
  return (
    <ClientMessages namespaces={["payments"]}>
      <PaymentReceipt id={id} />
    </ClientMessages>
  );
}
