import { LOCALE_TAGS, type Locale, type Localized } from "../../locales/config";
import { CLAIM_LABELS, claimLabel, INSURANCE_STATUS_LABELS, RELATION_LABELS } from "./labels";
import type { CredentialType, InsuranceStatus, Relation } from "./types";

/**
 * A certificate's claims as labelled rows in one language, for the wallet, the share preview, the
 * share page and the printed copy alike. No node: imports — the browser uses it too.
 */
export interface ClaimRow {
  /** The claim's path: "householder", "members.1". */
  path: string;
  label: string;
  value: string;
  /** One row per element of a list claim (household members, past addresses). */
  items?: ClaimRow[];
}

const YES: Localized = { ko: "예", en: "Yes", ja: "はい", zh: "是", th: "ใช่", vi: "Có" };
const NO: Localized = { ko: "아니요", en: "No", ja: "いいえ", zh: "否", th: "ไม่ใช่", vi: "Không" };
const PRESENT: Localized = { ko: "현재", en: "present", ja: "現在", zh: "至今", th: "ปัจจุบัน", vi: "nay" };

export function formatDate(iso: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "long", timeZone: "UTC", calendar: "gregory", numberingSystem: "latn" }).format(new Date(`${iso}T00:00:00Z`));
}

const krw = (amount: number, locale: Locale) =>
  new Intl.NumberFormat(LOCALE_TAGS[locale], { style: "currency", currency: "KRW", maximumFractionDigits: 0, numberingSystem: "latn" }).format(amount).replace(/[\u00a0\u202f]/g, " ");

const label = (type: CredentialType, path: string, locale: Locale) => claimLabel(type, path)?.[locale] ?? path;

function scalar(name: string, value: unknown, locale: Locale): string {
  if (typeof value === "boolean") return (value ? YES : NO)[locale];
  if (typeof value === "number") return name === "taxesPaid" ? krw(value, locale) : String(value);
  if (typeof value !== "string") return "";
  if (name === "relation" && value in RELATION_LABELS) return RELATION_LABELS[value as Relation][locale];
  if (name === "coverage" && value in INSURANCE_STATUS_LABELS) return INSURANCE_STATUS_LABELS[value as InsuranceStatus][locale];
  return formatDate(value, locale);
}

/** A list element in one line: a member "이민준 · 손자녀 · 2006년 9월 2일", an address "… (from – to)". */
function element(type: CredentialType, name: string, value: unknown, locale: Locale): string {
  if (!value || typeof value !== "object") return scalar(name, value, locale);
  const v = value as Record<string, unknown>;
  if ("address" in v) return `${String(v.address)} (${formatDate(String(v.from), locale)} – ${v.to ? formatDate(String(v.to), locale) : PRESENT[locale]})`;
  return Object.entries(v)
    .map(([k, inner]) => scalar(k, inner, locale))
    .join(" · ");
}

/** Claims in the order their labels are listed (a disclosed claim comes out of the SD-JWT after the plain ones). */
function ordered(type: CredentialType, claims: Record<string, unknown>): [string, unknown][] {
  const order = Object.keys(CLAIM_LABELS[type]);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.entries(claims).sort(([a], [b]) => rank(a) - rank(b));
}

export function claimRows(type: CredentialType, claims: Record<string, unknown>, locale: Locale): ClaimRow[] {
  return ordered(type, claims).map(([name, value]): ClaimRow => {
    if (Array.isArray(value)) {
      const items = value.map((v, i) => ({ path: `${name}.${i}`, label: `${label(type, name, locale)} ${i + 1}`, value: element(type, name, v, locale) }));
      return { path: name, label: label(type, name, locale), value: "", items };
    }
    if (value && typeof value === "object") {
      const v = value as Record<string, unknown>;
      if ("from" in v && "to" in v) return { path: name, label: label(type, name, locale), value: `${formatDate(String(v.from), locale)} – ${formatDate(String(v.to), locale)}` };
      return { path: name, label: label(type, name, locale), value: element(type, name, v, locale) };
    }
    return { path: name, label: label(type, name, locale), value: scalar(name, value, locale) };
  });
}

/**
 * The claims a recipient would see if only `chosen` of the disclosable `paths` were disclosed:
 * the preview of a share, computed like a verifier's view (list elements renumbered).
 */
export function visibleClaims(claims: Record<string, unknown>, disclosable: string[], chosen: string[]): Record<string, unknown> {
  const hidden = new Set(disclosable.filter((p) => !chosen.includes(p)));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (hidden.has(name)) continue;
    out[name] = Array.isArray(value) ? value.filter((_, i) => !hidden.has(`${name}.${i}`)) : value;
  }
  return out;
}

/** "1234 5678 9012 3456". */
export const groupsOfFour = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, "$1 ");
