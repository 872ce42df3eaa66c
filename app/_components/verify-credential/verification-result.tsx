"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/locales/config";
import { formatLetterNumber } from "@/server/delivery/letter-number";
import { ISSUERS } from "@/server/credentials/issuers";
import { CREDENTIAL_NAMES } from "@/server/credentials/labels";
import type { IssuerCode } from "@/server/credentials/types";
import type { VerificationJson } from "@/server/credentials/verify-schema";
import { ClaimsList } from "./claims-list";

const SYMBOL = { ok: "✓", failed: "✗", unknown: "?" } as const;
const CHECKS = ["issuer", "unaltered", "notRevoked", "holder"] as const;

export type Summary = "allOk" | "failed" | "incomplete";

export function summaryOf(v: VerificationJson): Summary {
  const shown = CHECKS.filter((name) => name !== "holder" || v.checks.holder.reason !== "not-requested").map((name) => v.checks[name].result);
  if (shown.includes("failed")) return "failed";
  return shown.every((r) => r === "ok") ? "allOk" : "incomplete";
}

/** The checks in words (✓ ✗ ? are decoration), then what the certificate is and what it shows. */
export function VerificationResult({ result, offlineSince }: { result: VerificationJson; offlineSince?: string }) {
  const t = useTranslations("verifyCredential");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const issuerName = result.issuer && Object.hasOwn(ISSUERS, result.issuer) ? ISSUERS[result.issuer as IssuerCode].name[locale] : null;
  const reason = (code: string | undefined) => (code && t.has(`reasons.${code}`) ? t(`reasons.${code}`) : t("reasons.other"));
  const when = (iso: string) => format.dateTime(new Date(iso), "timestamp");
  // The holder is asked about only when a verifier gave an audience and nonce; otherwise it is not a check.
  const checks = CHECKS.filter((name) => name !== "holder" || result.checks.holder.reason !== "not-requested");

  return (
    <div className="stack">
      <ul className="check-list" style={{ listStyle: "none", paddingLeft: 0 }}>
        {checks.map((name) => {
          const check = result.checks[name];
          const unaltered = name === "unaltered" ? result.checks.unaltered : null;
          return (
            <li key={name} style={{ margin: "0.5rem 0" }}>
              <span aria-hidden="true">{SYMBOL[check.result]} </span>
              <strong>{t(`checks.${name}`)}</strong>: {t(`outcome.${check.result}`)}
              {check.result !== "ok" && <span>. {reason(check.reason)}</span>}
              {unaltered?.result === "ok" && unaltered.loggedAt && <span>. {t("loggedAt", { time: when(unaltered.loggedAt), index: unaltered.logIndex ?? 0 })}</span>}
            </li>
          );
        })}
      </ul>
      {offlineSince && <p>{t("offline", { time: when(offlineSince) })}</p>}
      <dl className="notice-fields">
        {result.type && (
          <div>
            <dt>{t("type")}</dt>
            <dd>{CREDENTIAL_NAMES[result.type][locale]}</dd>
          </div>
        )}
        <div>
          <dt>{t("issuer")}</dt>
          <dd>{issuerName ?? result.iss ?? t("unknownIssuer")}</dd>
        </div>
        {result.issuedAt && (
          <div>
            <dt>{t("issuedAt")}</dt>
            <dd>{when(result.issuedAt)}</dd>
          </div>
        )}
        {result.authenticityNumber && (
          <div>
            <dt>{t("number")}</dt>
            <dd>{formatLetterNumber(result.authenticityNumber)}</dd>
          </div>
        )}
      </dl>
      {result.authenticityNumber ? (
        <p>{t("byNumber")}</p>
      ) : (
        result.claims &&
        result.type && (
          <>
            <h3>{t("claimsHeading")}</h3>
            <ClaimsList type={result.type} claims={result.claims} />
          </>
        )
      )}
    </div>
  );
}
