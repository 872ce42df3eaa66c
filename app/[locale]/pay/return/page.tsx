import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { PayReturn, type WindowResult } from "@/app/_components/pay-return";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Query = Partial<Record<"paymentKey" | "orderId" | "amount" | "code" | "failed", string | string[]>>;
type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Query> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "payments.return" });
  return pageMetadata(locale, t("confirmingTitle"));
}

/** The payment window's success URL (`paymentKey, orderId, amount`) and fail URL (`failed=1&code, message, orderId`). */
export default async function PayReturnPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = await searchParams;
  const q = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
  if (!(await currentSubject())) return redirect({ href: `/signin?returnTo=${encodeURIComponent(`/${locale}/pay/return?${new URLSearchParams(q)}`)}`, locale });
  const amount = Number(q.amount);
  const result: WindowResult =
    !q.failed && !q.code && q.paymentKey && q.orderId && Number.isSafeInteger(amount)
      ? { ok: true, paymentKey: q.paymentKey, orderId: q.orderId, amount }
      : { ok: false, code: q.code ?? null };
  return (
    <ClientMessages namespaces={["common", "payments"]}>
      <PayReturn result={result} />
    </ClientMessages>
  );
}
