import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { pageMetadata } from "@/app/_components/page-title";
import { CredentialVerifier } from "@/app/_components/verify-credential/credential-verifier";
import { VerifyStatementForm } from "@/app/_components/verify-statement-form";
import type { Locale } from "@/locales/config";
import { Link } from "@/locales/navigation";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ number?: string | string[]; presentation?: string | string[] }> };

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "verifyCredential" });
  return pageMetadata(locale, t("title"));
}

/**
 * Public: anyone checks a certificate (pasted, scanned or by authenticity number), a delivery
 * certificate's signed statement, or, on its own page, a letter. `?number=` or `?presentation=`
 * (a printed copy's QR code, a verifier's link) is checked at once.
 */
export default async function VerifyPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const initial = first(query.number) ?? first(query.presentation);
  const t = await getTranslations("verifyCredential");
  const statement = await getTranslations("verify");
  const letter = await getTranslations("verifyLetter");
  return (
    <ClientMessages namespaces={["verify", "verifyCredential"]}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <CredentialVerifier initial={initial} />
      <section aria-labelledby="verify-statement">
        <h2 id="verify-statement">{statement("title")}</h2>
        <p>{statement("lead")}</p>
        <VerifyStatementForm />
      </section>
      <section aria-labelledby="verify-letter">
        <h2 id="verify-letter">{letter("title")}</h2>
        <p>
          {letter("fromVerify")} <Link href="/verify/letter">{letter("fromVerifyLink")}</Link>
        </p>
      </section>
    </ClientMessages>
  );
}
