/**
 * The certificates Moa issues as SD-JWT VCs: what each one holds, who issues it, and which claims
 * a holder may show or hide one by one. Every personal claim is selectively disclosable; only
 * what identifies the document (vct, issuer, dates, status) and impersonal facts stay in the clear.
 */
export type IssuerCode = "MOIS" | "SCOURT" | "NHIS" | "NTS";

/** The JWT `typ` of an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc). */
export const SD_JWT_VC_TYP = "dc+sd-jwt";

export const CREDENTIAL_TYPES = [
  "resident-registration-copy",
  "resident-registration-abstract",
  "family-relationship",
  "health-insurance-eligibility",
  "tax-payment",
] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

export type Relation = "self" | "spouse" | "child" | "father" | "mother" | "grandchild" | "cohabitant";
/** 직장가입자, 지역가입자, 피부양자. */
export type InsuranceStatus = "employee" | "regional" | "dependent";

export interface Member {
  name: string;
  relation: Relation;
  /** YYYY-MM-DD */
  birthDate: string;
}

/** 주민등록표 등본: the whole household at one address. */
export interface ResidentRegistrationCopy {
  householder: string;
  address: string;
  members: Member[];
}

/** 주민등록표 초본: one person, with the addresses they lived at. */
export interface ResidentRegistrationAbstract {
  name: string;
  /** The first 6 digits of the RRN (the birth date). */
  rrnFront: string;
  /** The last 7 digits, disclosable apart from the front. */
  rrnBack: string;
  /** Oldest first; the current address has `to: null`. */
  addressHistory: { address: string; from: string; to: string | null }[];
}

/** 가족관계증명서. */
export interface FamilyRelationship {
  name: string;
  birthDate: string;
  members: Member[];
}

/** 건강보험 자격확인서. */
export interface HealthInsuranceEligibility {
  name: string;
  insurer: string;
  /** Not `status`: that name is the JWT claim of the status list reference. */
  coverage: InsuranceStatus;
  since: string;
}

/** 납세증명서. */
export interface TaxPayment {
  name: string;
  period: { from: string; to: string };
  /** In won. */
  taxesPaid: number;
  noArrears: boolean;
}

export interface ClaimsOf {
  "resident-registration-copy": ResidentRegistrationCopy;
  "resident-registration-abstract": ResidentRegistrationAbstract;
  "family-relationship": FamilyRelationship;
  "health-insurance-eligibility": HealthInsuranceEligibility;
  "tax-payment": TaxPayment;
}

export interface CredentialDefinition {
  vct: string;
  issuer: IssuerCode;
  /** Claim paths disclosed one by one; `*` is each element of an array. */
  disclosable: string[];
}

export const VCT_BASE = "https://moa.example.kr/vct/";

export const CREDENTIALS: Record<CredentialType, CredentialDefinition> = {
  "resident-registration-copy": { vct: `${VCT_BASE}resident-registration-copy`, issuer: "MOIS", disclosable: ["householder", "address", "members.*"] },
  "resident-registration-abstract": { vct: `${VCT_BASE}resident-registration-abstract`, issuer: "MOIS", disclosable: ["name", "rrnFront", "rrnBack", "addressHistory.*"] },
  "family-relationship": { vct: `${VCT_BASE}family-relationship`, issuer: "SCOURT", disclosable: ["name", "birthDate", "members.*"] },
  "health-insurance-eligibility": { vct: `${VCT_BASE}health-insurance-eligibility`, issuer: "NHIS", disclosable: ["name", "coverage", "since"] },
  "tax-payment": { vct: `${VCT_BASE}tax-payment`, issuer: "NTS", disclosable: ["name", "taxesPaid", "noArrears"] },
};

export function isCredentialType(value: unknown): value is CredentialType {
  return typeof value === "string" && (CREDENTIAL_TYPES as readonly string[]).includes(value);
}

export function typeOfVct(vct: unknown): CredentialType | null {
  return CREDENTIAL_TYPES.find((t) => CREDENTIALS[t].vct === vct) ?? null;
}
