import type { Localized } from "../../locales/config";
import type { IssuerCode } from "./types";

/** The agencies that issue certificates; each signs with a key of its own. */
export const ISSUERS: Record<IssuerCode, { slug: string; name: Localized }> = {
  MOIS: {
    slug: "mois",
    name: { ko: "행정안전부", en: "Ministry of the Interior and Safety", ja: "行政安全部", zh: "行政安全部", th: "กระทรวงมหาดไทยและความปลอดภัย", vi: "Bộ Hành chính và An toàn" },
  },
  SCOURT: {
    slug: "scourt",
    name: { ko: "법원행정처", en: "National Court Administration", ja: "法院行政処", zh: "法院行政处", th: "สำนักงานบริหารศาลยุติธรรม", vi: "Cục Hành chính Tòa án Quốc gia" },
  },
  NHIS: {
    slug: "nhis",
    name: { ko: "국민건강보험공단", en: "National Health Insurance Service", ja: "国民健康保険公団", zh: "国民健康保险公团", th: "สำนักงานประกันสุขภาพแห่งชาติ", vi: "Cơ quan Bảo hiểm Y tế Quốc gia" },
  },
  NTS: {
    slug: "nts",
    name: { ko: "국세청", en: "National Tax Service", ja: "国税庁", zh: "国税厅", th: "กรมสรรพากรแห่งชาติ", vi: "Tổng cục Thuế Quốc gia" },
  },
};

export const ISSUER_CODES = Object.keys(ISSUERS) as IssuerCode[];

/** The issuer's identifier, the `iss` of what it signs. */
export function issuerUrl(publicUrl: string, code: IssuerCode): string {
  return `${publicUrl.replace(/\/$/, "")}/credential-issuers/${ISSUERS[code].slug}`;
}

export function issuerBySlug(slug: string): IssuerCode | null {
  return ISSUER_CODES.find((code) => ISSUERS[code].slug === slug) ?? null;
}
