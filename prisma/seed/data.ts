import type { Locale, Localized } from "../../locales/config";

/** Demo data: synthetic people and keys, never real ones. RRNs here exist only to address notices. */

export interface DemoAgency {
  code: string;
  name: Localized;
  operator: { email: string; name: string };
}

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    code: "NTS",
    name: { ko: "국세청", en: "National Tax Service", ja: "国税庁", zh: "国税厅", th: "กรมสรรพากรแห่งชาติ", vi: "Tổng cục Thuế Quốc gia" },
    operator: { email: "operator@nts.demo.moa", name: "정세무" },
  },
  {
    code: "NPS",
    name: { ko: "국민연금공단", en: "National Pension Service", ja: "国民年金公団", zh: "国民年金公团", th: "สำนักงานบำนาญแห่งชาติ", vi: "Cơ quan Lương hưu Quốc gia" },
    operator: { email: "operator@nps.demo.moa", name: "한연금" },
  },
  {
    code: "NHIS",
    name: { ko: "국민건강보험공단", en: "National Health Insurance Service", ja: "国民健康保険公団", zh: "国民健康保险公团", th: "สำนักงานประกันสุขภาพแห่งชาติ", vi: "Cơ quan Bảo hiểm Y tế Quốc gia" },
    operator: { email: "operator@nhis.demo.moa", name: "오건강" },
  },
  {
    code: "KOTSA",
    name: { ko: "한국교통안전공단", en: "Korea Transportation Safety Authority", ja: "韓国交通安全公団", zh: "韩国交通安全公团", th: "สำนักงานความปลอดภัยการขนส่งเกาหลี", vi: "Cơ quan An toàn Giao thông Hàn Quốc" },
    operator: { email: "operator@kotsa.demo.moa", name: "안교통" },
  },
  {
    code: "JONGNO",
    name: { ko: "서울특별시 종로구청", en: "Jongno District Office, Seoul", ja: "ソウル特別市 鍾路区庁", zh: "首尔特别市钟路区厅", th: "สำนักงานเขตจงโน กรุงโซล", vi: "Ủy ban quận Jongno, Seoul" },
    operator: { email: "operator@jongno.demo.moa", name: "종로구" },
  },
  {
    code: "JONGNO-WELFARE",
    name: { ko: "종로구 복지정책과", en: "Jongno Welfare Office", ja: "鍾路区 福祉政策課", zh: "钟路区福利政策科", th: "สำนักงานสวัสดิการเขตจงโน", vi: "Phòng Phúc lợi quận Jongno" },
    operator: { email: "operator@welfare.demo.moa", name: "복지원" },
  },
  {
    code: "KNPA",
    name: { ko: "경찰청", en: "Korean National Police Agency", ja: "警察庁", zh: "警察厅", th: "สำนักงานตำรวจแห่งชาติเกาหลี", vi: "Cơ quan Cảnh sát Quốc gia Hàn Quốc" },
    operator: { email: "operator@knpa.demo.moa", name: "경찰관" },
  },
];

export interface DemoCitizen {
  key: string;
  name: string;
  rrn: string;
  locale: Locale;
  phone: string;
  postalAddress: string;
  textSize: 100 | 125 | 150 | 200;
  screenReader: boolean;
  highContrast: boolean;
  /** Has consented to electronic delivery. */
  consented: boolean;
  about: string;
}

export const DEMO_CITIZENS: DemoCitizen[] = [
  { key: "senior", name: "김순자", rrn: "480315-2123459", locale: "ko", phone: "010-2000-0001", postalAddress: "서울특별시 종로구 삼봉로 43, 101동 1203호 (03154)", textSize: 200, screenReader: false, highContrast: false, consented: true, about: "Korean senior who uses 200 % text" },
  { key: "screen-reader", name: "박지훈", rrn: "900520-1234565", locale: "ko", phone: "010-2000-0002", postalAddress: "서울특별시 종로구 율곡로 10, 3층 (03142)", textSize: 100, screenReader: true, highContrast: true, consented: true, about: "Korean resident who uses a screen reader and high contrast" },
  { key: "vietnamese", name: "Nguyễn Thị Lan", rrn: "920708-6123455", locale: "vi", phone: "010-2000-0003", postalAddress: "서울특별시 종로구 창신길 25, 202호 (03100)", textSize: 100, screenReader: false, highContrast: false, consented: true, about: "Vietnamese resident" },
  { key: "thai", name: "Somchai Wongsakul", rrn: "881121-5123455", locale: "th", phone: "010-2000-0004", postalAddress: "경기도 안산시 단원구 원곡로 45 (15330)", textSize: 125, screenReader: false, highContrast: false, consented: true, about: "Thai worker" },
  { key: "chinese", name: "王芳", rrn: "030402-8123456", locale: "zh", phone: "010-2000-0005", postalAddress: "서울특별시 종로구 성균관로 25-2, 기숙사 415호 (03063)", textSize: 100, screenReader: false, highContrast: false, consented: true, about: "Chinese student" },
  { key: "english", name: "James Miller", rrn: "790130-5123459", locale: "en", phone: "010-2000-0006", postalAddress: "서울특별시 용산구 이태원로 200, 5층 (04348)", textSize: 100, screenReader: false, highContrast: false, consented: true, about: "English-speaking resident" },
  { key: "japanese", name: "佐藤美咲", rrn: "850912-6123452", locale: "ja", phone: "010-2000-0007", postalAddress: "서울특별시 마포구 와우산로 94 (04066)", textSize: 150, screenReader: false, highContrast: false, consented: false, about: "Japanese resident, no e-delivery consent yet (gets letters)" },
  { key: "vietnamese-son", name: "Trần Minh Đức", rrn: "060512-7001239", locale: "vi", phone: "010-2000-0008", postalAddress: "서울특별시 종로구 창신길 25, 202호 (03100)", textSize: 100, screenReader: false, highContrast: false, consented: true, about: "Nguyễn Thị Lan's son, who can become her helper" },
];

export const DEMO_CENTER = {
  code: "JONGNO-1GA",
  name: { ko: "종로1·2·3·4가동 행정복지센터", en: "Jongno 1–4 Community Service Center", ja: "鍾路1・2・3・4街洞 行政福祉センター", zh: "钟路1·2·3·4街洞行政福利中心", th: "ศูนย์บริการชุมชนจงโน 1–4", vi: "Trung tâm Hành chính Phúc lợi Jongno 1–4" } satisfies Localized,
  address: "서울특별시 종로구 종로 157 (03125)",
  phone: "02-2148-5000",
};

/** TOTP secrets are base32 (SHA1, 6 digits, 30 s), fixed so the README can list them. */
export const DEMO_STAFF = [
  { username: "staff.lee", name: "이도움", password: "moa-demo-staff-1", totpSecret: "CU7DC2AR4CNDW35CDRUZ7KTZXOW2DZSL", supervisor: false },
  { username: "staff.choi", name: "최상담", password: "moa-demo-staff-2", totpSecret: "BJZQCZAYVYWQJ2R57SNXFWH4JZHXDQRM", supervisor: true },
];

export const DEMO_OPERATOR_PASSWORD = "moa-demo-operator";
export const DEMO_OPERATOR_TOTP_SECRET = "EUNSMWQCGXUMY35GAPTNFCA34GRS3ARC";
export const OPERATOR_PERMISSIONS = ["send", "manage-templates", "manage-api-keys", "view-figures"];
