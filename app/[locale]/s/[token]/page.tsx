import { headers } from "next/headers";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { pageMetadata } from "@/app/_components/page-title";
import { ClaimList } from "@/app/_components/claim-list";
import { ShareChecks } from "@/app/_components/share-checks";
import type { Locale } from "@/locales/config";
import { claimRows } from "@/server/credentials/claim-rows";
import { ISSUERS } from "@/server/credentials/issuers";
import { CREDENTIAL_NAMES } from "@/server/credentials/labels";
import { openShare } from "@/server/credentials/share-view";
import { shareViewDeps } from "@/server/credentials/wallet-deps";
import { clientIpFromHeaders, getRateLimits } from "@/server/security/rate-limit";
import { tooManyRequestsMessage } from "@/server/security/too-many";

type Props = { params: Promise<{ locale: Locale; token: string }> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "share.view" });
  // One page per link: for its recipient only, never for search engines or in a Referer.
  return { ...(await pageMetadata(locale, t("title"))), robots: { index: false, follow: false }, referrer: "no-referrer" as const };
}

/** Public: a certificate shared by its holder, verified now; each opening is counted and shown to the holder. */
export default async function SharePage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("share.view");
  const format = await getFormatter();
  const ip = clientIpFromHeaders(await headers());
  const limited = await getRateLimits().consume("verify", ip);
  if (!limited.ok)
    return (
      <>
        <h1>{t("title")}</h1>
        <p className="status error">{tooManyRequestsMessage(locale, limited.retryAfterSeconds)}</p>
      </>
    );
  const view = await openShare(await shareViewDeps(), token, ip, new Date());
  if (view.status !== "ok")
    return (
      <>
        <h1>{t("title")}</h1>
        <p className="status error">{t(`closed.${view.status}`)}</p>
        <p>{t("closedHelp")}</p>
      </>
    );
  const v = view.verification;
  return (
    <>
      <h1>{t("title")}</h1>
      {v.type && (
        <p className="lead">
          {CREDENTIAL_NAMES[v.type][locale]}
          {locale !== "ko" && <span lang="ko"> ({CREDENTIAL_NAMES[v.type].ko})</span>}
        </p>
      )}
      <p>
        {view.purpose === "print" ? t("forPrint") : view.recipient.kind === "anyone" ? t("forAnyone") : t("forInstitution", { name: view.recipient.name })}{" "}
        {t("expires", { time: format.dateTime(view.expiresAt, "timestamp") })}
      </p>
      <h2>{t("checksTitle")}</h2>
      <ShareChecks checks={v.checks} loggedAt={view.loggedAt} holderRequested={v.checks.holder.reason !== "not-requested"} />
      {v.iss && v.checks.issuer.result === "ok" && v.type && <p>{t("issuedBy", { issuer: issuerName(v.iss, locale) ?? v.iss, time: format.dateTime(v.issuedAt ?? new Date(0), "timestamp") })}</p>}
      <h2>{t("claimsTitle")}</h2>
      <p className="hint">{t("claimsNote")}</p>
      {v.type && v.claims ? <ClaimList rows={claimRows(v.type, v.claims, locale)} /> : <p>{t("noClaims")}</p>}
    </>
  );
}

function issuerName(iss: string, locale: Locale): string | null {
  const slug = iss.split("/").at(-1);
  return Object.values(ISSUERS).find((i) => i.slug === slug)?.name[locale] ?? null;
}
