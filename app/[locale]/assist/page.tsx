import { getTranslations, setRequestLocale } from "next-intl/server";
import { currentStaff } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { redirect } from "@/locales/navigation";
import type { Locale, Localized } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "assist" });
  return pageMetadata(locale, t("title"));
}

/** The counter: where community-center staff help a citizen who is present, with consent. */
export default async function AssistPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const signedIn = await currentStaff();
  if (!signedIn) return redirect({ href: "/assist/signin", locale });
  const { staff } = signedIn;
  const t = await getTranslations("assist");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead", { center: (staff.center.name as Localized)[locale], name: staff.name })}</p>
      <p>{t("audited")}</p>
    </>
  );
}
