import { getTranslations, setRequestLocale } from "next-intl/server";
import { Counter } from "@/app/_components/assist/counter";
import { SubjectPreferences } from "@/app/_components/assist/subject-preferences";
import { ClientMessages } from "@/app/_components/client-messages";
import { getDb } from "@/server/db";
import type { Preferences, TextSize } from "@/server/preferences/preferences";
import { currentStaff, currentSubject } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { Link, redirect } from "@/locales/navigation";
import type { Locale, Localized } from "@/locales/config";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "assist" });
  return pageMetadata(locale, t("title"));
}

async function subjectModes(personId: string): Promise<Preferences> {
  const p = await getDb().person.findUniqueOrThrow({ where: { id: personId }, select: { textSize: true, screenReader: true, highContrast: true } });
  return { textSize: p.textSize as TextSize, screenReader: p.screenReader, highContrast: p.highContrast };
}

/** The counter: where community-center staff help a citizen who is present, with consent. */
export default async function AssistPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const signedIn = await currentStaff();
  if (!signedIn) return redirect({ href: "/assist/signin", locale });
  const { staff } = signedIn;
  const acting = (await currentSubject())?.acting;
  const { ended } = await searchParams;
  const t = await getTranslations("assist");
  return (
    <ClientMessages namespaces={["assist", "settings"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead", { center: (staff.center.name as Localized)[locale], name: staff.name })}</p>
      {ended && (
        <p role="status" className="status">
          {t("endedNotice")}
        </p>
      )}
      {acting?.active ? (
        <section aria-labelledby="in-session">
          <h2 id="in-session">{t("inSession", { name: acting.name })}</h2>
          <ul className="hero-actions plain-list">
            {acting.scopes.includes("notice:read") && (
              <li>
                <Link href="/inbox" className="button">
                  {t("openInbox")}
                </Link>
              </li>
            )}
            {(acting.scopes.includes("credential:issue") || acting.scopes.includes("credential:share")) && (
              <li>
                <Link href="/wallet" className="button secondary">
                  {t("openWallet")}
                </Link>
              </li>
            )}
            {acting.scopes.includes("payment:pay") && (
              <li>
                <Link href="/payments" className="button secondary">
                  {t("openPayments")}
                </Link>
              </li>
            )}
          </ul>
          {acting.scopes.includes("settings:accessibility") && <SubjectPreferences name={acting.name} initial={await subjectModes(acting.personId)} />}
        </section>
      ) : (
        <Counter />
      )}
      <p>{t("audited")}</p>
    </ClientMessages>
  );
}
