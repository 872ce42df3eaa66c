import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { SummaryActions } from "@/app/_components/assist/summary-actions";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentStaff } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { getDb } from "@/server/db";
import { sessionActions } from "@/server/assist/summary";
import type { Locale, Localized } from "@/locales/config";
import { redirect } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale; grantId: string }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "assist.summary" });
  return pageMetadata(locale, t("title"));
}

/** The printed summary handed to a citizen who consented on paper: what was done, by whom, when. */
export default async function SummaryPage({ params }: Props) {
  const { locale, grantId } = await params;
  setRequestLocale(locale);
  const signedIn = await currentStaff();
  if (!signedIn) return redirect({ href: "/assist/signin", locale });
  const grant = /^[0-9a-f-]{36}$/.test(grantId) ? await getDb().grant.findUnique({ where: { id: grantId }, include: { person: { select: { name: true } } } }) : null;
  if (!grant || grant.kind !== "assist" || grant.staffId !== signedIn.staff.id || !grant.activatedAt) notFound();
  const actions = await sessionActions(getDb(), grantId);
  const t = await getTranslations("assist.summary");
  const format = await getFormatter();
  const center = (signedIn.staff.center.name as Localized)[locale];
  return (
    <ClientMessages namespaces={["accessLog", "assist.summary"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead", { name: grant.person.name, center, staff: signedIn.staff.name })}</p>
      <p>{t("when", { start: format.dateTime(grant.activatedAt, { dateStyle: "long", timeStyle: "short" }), end: format.dateTime(grant.endedAt ?? new Date(), { timeStyle: "short" }) })}</p>
      <SummaryActions actions={actions.map((a) => ({ at: a.at.toISOString(), action: a.action }))} />
      <p>{t("whereElse")}</p>
      <p className="hint">{t("reference", { id: grantId.slice(0, 8).toUpperCase() })}</p>
    </ClientMessages>
  );
}
