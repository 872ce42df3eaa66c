import { getTranslations, setRequestLocale } from "next-intl/server";
import { pageMetadata } from "@/app/_components/page-title";
import type { Locale } from "@/locales/config";
import { Link } from "@/locales/navigation";
import { countAgencies } from "@/server/agencies/directory";
import { listCommunityCenters } from "@/server/assist/centers";
import { getDb } from "@/server/db";

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "landing" });
  return pageMetadata(locale, t("title"));
}

export default async function LandingPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("landing");
  const db = getDb();
  const [agencies, centers] = await Promise.all([countAgencies(db), listCommunityCenters(db)]);
  const features = [
    ["whatNotices", "whatNoticesBody"],
    ["whatPay", "whatPayBody"],
    ["whatCertificates", "whatCertificatesBody"],
    ["whatAccess", "whatAccessBody"],
  ] as const;
  return (
    <>
      <section className="hero" aria-labelledby="page-title">
        <h1 id="page-title">{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <p>{t("agencies", { count: agencies })}</p>
        <p className="hero-actions">
          <Link href="/settings" className="button secondary">
            {t("openSettings")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="what">
        <h2 id="what">{t("whatTitle")}</h2>
        <ul className="cards">
          {features.map(([title, body]) => (
            <li key={title} className="card">
              <h3>{t(title)}</h3>
              <p>{t(body)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="install">
        <h2 id="install">{t("installTitle")}</h2>
        <p>{t("installLead")}</p>
        <ul className="steps">
          <li>{t("installAndroid")}</li>
          <li>{t("installIos")}</li>
          <li>{t("installDesktop")}</li>
        </ul>
      </section>

      <section aria-labelledby="help">
        <h2 id="help">{t("helpTitle")}</h2>
        <p>{t("helpLead")}</p>
        {centers.length === 0 ? (
          <p>{t("noCenters")}</p>
        ) : (
          <ul className="cards">
            {centers.map((c) => (
              <li key={c.code} className="card">
                <h3>{c.name[locale]}</h3>
                <p>
                  {t("centerAddress", { address: c.address })}
                  <br />
                  {t("centerPhone", { phone: c.phone })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
