import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { pageMetadata } from "@/app/_components/page-title";
import { WorkerSignInForm } from "@/app/_components/worker-sign-in-form";
import type { Locale } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "workerSignIn" });
  return pageMetadata(locale, t("staffTitle"));
}

export default async function StaffSignInPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("workerSignIn");
  return (
    <ClientMessages namespaces={["workerSignIn"]}>
      <h1>{t("staffTitle")}</h1>
      <p className="lead">{t("staffLead")}</p>
      <WorkerSignInForm kind="staff" />
    </ClientMessages>
  );
}
