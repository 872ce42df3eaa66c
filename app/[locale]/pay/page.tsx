import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { PayQuote, type Basket } from "@/app/_components/pay-quote";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ notices?: string | string[]; all?: string | string[] }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "payments.pay" });
  return pageMetadata(locale, t("title"));
}

/** `/pay?notices=id1,id2` or `/pay?all=due`. */
export default async function PayPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { notices, all } = await searchParams;
  const query = new URLSearchParams();
  if (typeof notices === "string") query.set("notices", notices);
  if (typeof all === "string") query.set("all", all);
  const subject = await currentSubject();
  if (!subject) return redirect({ href: `/signin?returnTo=${encodeURIComponent(`/${locale}/pay?${query}`)}`, locale });
  const t = await getTranslations("payments.pay");
  const ids = typeof notices === "string" ? notices.split(",").filter(Boolean) : [];
  const basket: Basket | null = all === "due" ? { allDue: true } : ids.length ? { noticeIds: ids } : null;
  return (
    <ClientMessages namespaces={["assist.pay", "payments.pay"]}>
      <h1>{t("title")}</h1>
      <PayQuote basket={basket} counter={subject.principal.type === "staff" ? (subject.acting?.consentMethod === "paper-form" ? "signature" : "code") : undefined} />
    </ClientMessages>
  );
}
