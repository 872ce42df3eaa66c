"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/locales/config";
import { claimLabel, INSURANCE_STATUS_LABELS, RELATION_LABELS } from "@/server/credentials/labels";
import type { CredentialType, InsuranceStatus, Relation } from "@/server/credentials/types";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The disclosed claims, labelled in the reader's language: objects as terms, arrays as numbered lists. */
export function ClaimsList({ type, claims }: { type: CredentialType; claims: Record<string, unknown> }) {
  const t = useTranslations("verifyCredential");
  const format = useFormatter();
  const locale = useLocale() as Locale;

  const label = (path: string) => claimLabel(type, path)?.[locale] ?? path.split(".").at(-1)!;
  const text = (path: string, value: unknown): string => {
    const name = path.split(".").filter((s) => !/^\d+$/.test(s)).at(-1);
    if (value === null || value === undefined) return t("none");
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (typeof value === "number") return name === "taxesPaid" ? format.number(value, { style: "currency", currency: "KRW" }) : format.number(value);
    if (typeof value !== "string") return JSON.stringify(value);
    if (name === "relation" && Object.hasOwn(RELATION_LABELS, value)) return RELATION_LABELS[value as Relation][locale];
    if (name === "coverage" && Object.hasOwn(INSURANCE_STATUS_LABELS, value)) return INSURANCE_STATUS_LABELS[value as InsuranceStatus][locale];
    if (DATE.test(value)) return format.dateTime(new Date(`${value}T00:00:00+09:00`), "legal");
    return value;
  };
  const render = (path: string, value: unknown) => {
    if (Array.isArray(value)) {
      return (
        <ol>
          {value.map((item, i) => (
            <li key={i}>{render(`${path}.${i}`, item)}</li>
          ))}
        </ol>
      );
    }
    if (value && typeof value === "object") return fields(path, value as Record<string, unknown>);
    return text(path, value);
  };
  const fields = (path: string, value: Record<string, unknown>) => (
    <dl className="notice-fields">
      {Object.entries(value).map(([name, inner]) => {
        const at = path ? `${path}.${name}` : name;
        return (
          <div key={name}>
            <dt>{label(at)}</dt>
            <dd>{render(at, inner)}</dd>
          </div>
        );
      })}
    </dl>
  );

  return Object.keys(claims).length === 0 ? <p>{t("noClaims")}</p> : fields("", claims);
}
