import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { rrnToCi } from "../identity/rrn";
import type { ClaimsOf, CredentialType } from "./types";

/**
 * The source registers a certificate is made from (resident register, family register, health
 * insurance, tax), looked up by CI. Each record carries a version: a certificate records the
 * version it was made from, and a change of the record revokes what was issued from the old one.
 */
export interface SourceRecord<T extends CredentialType = CredentialType> {
  claims: ClaimsOf[T];
  sourceVersion: number;
}

export interface SourceRegistry {
  lookup<T extends CredentialType>(ci: string, type: T): Promise<SourceRecord<T> | null>;
}

const NHIS = "국민건강보험공단";
const YEAR_2025 = { from: "2025-01-01", to: "2025-12-31" };
type Sources = { [T in CredentialType]?: ClaimsOf[T] };

/** Synthetic records for the demo citizens (prisma/seed/data.ts); foreigners have no resident or family register here. */
const DEMO_SOURCES: Record<string, Sources> = {
  senior: {
    "resident-registration-copy": {
      householder: "김순자",
      address: "서울특별시 종로구 삼봉로 43, 101동 1203호 (03154)",
      members: [
        { name: "김순자", relation: "self", birthDate: "1948-03-15" },
        { name: "이민준", relation: "grandchild", birthDate: "2006-09-02" },
      ],
    },
    "resident-registration-abstract": {
      name: "김순자",
      rrnFront: "480315",
      rrnBack: "2123459",
      addressHistory: [
        { address: "서울특별시 성북구 보문로 12 (02843)", from: "1975-04-01", to: "2010-06-30" },
        { address: "서울특별시 종로구 삼봉로 43, 101동 1203호 (03154)", from: "2010-07-01", to: null },
      ],
    },
    "family-relationship": {
      name: "김순자",
      birthDate: "1948-03-15",
      members: [
        { name: "이정희", relation: "child", birthDate: "1972-11-20" },
        { name: "이정수", relation: "child", birthDate: "1975-02-08" },
      ],
    },
    "health-insurance-eligibility": { name: "김순자", insurer: NHIS, coverage: "dependent", since: "2013-01-01" },
    "tax-payment": { name: "김순자", period: YEAR_2025, taxesPaid: 184_000, noArrears: true },
  },
  "screen-reader": {
    "resident-registration-copy": {
      householder: "박지훈",
      address: "서울특별시 종로구 율곡로 10, 3층 (03142)",
      members: [
        { name: "박지훈", relation: "self", birthDate: "1990-05-20" },
        { name: "최유진", relation: "spouse", birthDate: "1991-08-14" },
        { name: "박서윤", relation: "child", birthDate: "2021-03-03" },
      ],
    },
    "resident-registration-abstract": {
      name: "박지훈",
      rrnFront: "900520",
      rrnBack: "1234565",
      addressHistory: [
        { address: "부산광역시 해운대구 해운대로 570 (48094)", from: "1990-05-28", to: "2009-02-27" },
        { address: "서울특별시 관악구 관악로 1 (08826)", from: "2009-02-28", to: "2016-08-31" },
        { address: "서울특별시 종로구 율곡로 10, 3층 (03142)", from: "2016-09-01", to: null },
      ],
    },
    "family-relationship": {
      name: "박지훈",
      birthDate: "1990-05-20",
      members: [
        { name: "박영수", relation: "father", birthDate: "1960-01-12" },
        { name: "김미경", relation: "mother", birthDate: "1962-07-30" },
        { name: "최유진", relation: "spouse", birthDate: "1991-08-14" },
        { name: "박서윤", relation: "child", birthDate: "2021-03-03" },
      ],
    },
    "health-insurance-eligibility": { name: "박지훈", insurer: NHIS, coverage: "employee", since: "2016-09-01" },
    "tax-payment": { name: "박지훈", period: YEAR_2025, taxesPaid: 3_245_000, noArrears: true },
  },
  vietnamese: {
    // A foreign spouse appears on her Korean husband's household copy.
    "resident-registration-copy": {
      householder: "김민수",
      address: "서울특별시 종로구 창신길 25, 202호 (03100)",
      members: [
        { name: "김민수", relation: "self", birthDate: "1986-12-01" },
        { name: "Nguyễn Thị Lan", relation: "spouse", birthDate: "1992-07-08" },
        { name: "김하늘", relation: "child", birthDate: "2019-10-10" },
      ],
    },
    "health-insurance-eligibility": { name: "Nguyễn Thị Lan", insurer: NHIS, coverage: "employee", since: "2019-03-01" },
    "tax-payment": { name: "Nguyễn Thị Lan", period: YEAR_2025, taxesPaid: 412_000, noArrears: true },
  },
  thai: {
    "health-insurance-eligibility": { name: "Somchai Wongsakul", insurer: NHIS, coverage: "employee", since: "2022-05-16" },
    "tax-payment": { name: "Somchai Wongsakul", period: YEAR_2025, taxesPaid: 268_000, noArrears: true },
  },
  chinese: {
    "health-insurance-eligibility": { name: "王芳", insurer: NHIS, coverage: "regional", since: "2023-03-01" },
  },
  english: {
    "health-insurance-eligibility": { name: "James Miller", insurer: NHIS, coverage: "employee", since: "2015-02-01" },
    "tax-payment": { name: "James Miller", period: YEAR_2025, taxesPaid: 5_820_000, noArrears: true },
  },
  japanese: {
    "health-insurance-eligibility": { name: "佐藤美咲", insurer: NHIS, coverage: "employee", since: "2020-10-01" },
    "tax-payment": { name: "佐藤美咲", period: YEAR_2025, taxesPaid: 1_730_000, noArrears: true },
  },
};

export interface DemoRegistry extends SourceRegistry {
  /** Changes a record (as a move or a birth would) and raises its version; returns the new version. */
  change<T extends CredentialType>(ci: string, type: T, update: (claims: ClaimsOf[T]) => ClaimsOf[T]): number;
}

/** The demo registers, keyed by the CIs the seed gives the demo citizens under `ciSecret`. */
export function demoRegistry(ciSecret: string): DemoRegistry {
  const records = new Map<string, SourceRecord>();
  for (const citizen of DEMO_CITIZENS) {
    const ci = rrnToCi(citizen.rrn, ciSecret);
    for (const [type, claims] of Object.entries(DEMO_SOURCES[citizen.key] ?? {})) {
      records.set(`${ci} ${type}`, { claims: structuredClone(claims), sourceVersion: 1 });
    }
  }
  return {
    async lookup<T extends CredentialType>(ci: string, type: T) {
      const record = records.get(`${ci} ${type}`) as SourceRecord<T> | undefined;
      return record ? structuredClone(record) : null;
    },
    change(ci, type, update) {
      const record = records.get(`${ci} ${type}`);
      if (!record) throw new Error(`no ${type} record for this person`);
      const next = { claims: update(structuredClone(record.claims) as never), sourceVersion: record.sourceVersion + 1 };
      records.set(`${ci} ${type}`, next);
      return next.sourceVersion;
    },
  };
}
