import { getTranslations, setRequestLocale } from "next-intl/server";
import { ApiKeysSection } from "@/app/_components/api-keys-section";
import { BatchUpload } from "@/app/_components/batch-upload";
import { ClientMessages } from "@/app/_components/client-messages";
import { ConsolePayments } from "@/app/_components/console-payments";
import { currentOperator } from "@/app/_components/current-user";
import { DeliveryFigures } from "@/app/_components/delivery-figures";
import { pageMetadata } from "@/app/_components/page-title";
import { RecentNotices } from "@/app/_components/recent-notices";
import { TemplatePreviews } from "@/app/_components/template-previews";
import { WebhooksSection } from "@/app/_components/webhooks-section";
import { redirect } from "@/locales/navigation";
import type { Locale, Localized } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "console" });
  return pageMetadata(locale, t("title"));
}

/** The agency console: what an operator may do for their own agency. */
export default async function ConsolePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const signedIn = await currentOperator();
  if (!signedIn) return redirect({ href: "/console/signin", locale });
  const { operator } = signedIn;
  const t = await getTranslations("console");
  const may = (permission: string) => operator.permissions.includes(permission);
  const tFigures = await getTranslations("figures");
  const tPayments = await getTranslations("consolePayments");
  const titles = {
    upload: (await getTranslations("batchUpload"))("title"),
    notices: (await getTranslations("recentNotices"))("title"),
    figures: tFigures("title"),
    payments: tPayments("title"),
    previews: (await getTranslations("templatePreviews"))("title"),
    keys: (await getTranslations("apiKeys"))("title"),
    webhooks: (await getTranslations("webhooks"))("title"),
  };
  const sections = [
    may("send") && { id: "batch-upload", title: titles.upload },
    (may("send") || may("view-figures")) && { id: "recent-notices", title: titles.notices },
    { id: "delivery-figures", title: titles.figures },
    { id: "console-payments", title: titles.payments },
    { id: "template-previews", title: titles.previews },
    { id: "api-keys", title: titles.keys },
    { id: "webhooks", title: titles.webhooks },
  ].filter((s) => s !== false);
  return (
    <ClientMessages namespaces={["apiKeys", "batchUpload", "consolePayments", "figures", "payments", "recentNotices", "templatePreviews", "webhooks"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead", { agency: (operator.agency.name as Localized)[locale], name: operator.name })}</p>
      <nav aria-labelledby="console-contents" className="console-contents">
        <h2 id="console-contents">{t("contents")}</h2>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {may("send") ? <BatchUpload /> : <p>{t("noSendPermission")}</p>}
      {(may("send") || may("view-figures")) && <RecentNotices />}
      {may("view-figures") ? (
        <DeliveryFigures />
      ) : (
        <section aria-labelledby="delivery-figures">
          <h2 id="delivery-figures">{titles.figures}</h2>
          <p>{tFigures("noPermission")}</p>
        </section>
      )}
      {may("send") || may("view-figures") ? (
        <ConsolePayments canRefund={may("send")} />
      ) : (
        <section aria-labelledby="console-payments">
          <h2 id="console-payments">{titles.payments}</h2>
          <p>{tPayments("noPermission")}</p>
        </section>
      )}
      <TemplatePreviews />
      {may("manage-api-keys") ? (
        <>
          <ApiKeysSection />
          <WebhooksSection />
        </>
      ) : (
        <>
          <section aria-labelledby="api-keys">
            <h2 id="api-keys">{titles.keys}</h2>
            <p>{t("noKeyPermission")}</p>
          </section>
          <section aria-labelledby="webhooks">
            <h2 id="webhooks">{titles.webhooks}</h2>
            <p>{t("noWebhookPermission")}</p>
          </section>
        </>
      )}
    </ClientMessages>
  );
}
