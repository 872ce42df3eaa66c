import type { Localized } from "../../locales/config";
import type { CredentialType, InsuranceStatus, Relation } from "./types";

/** Names of the certificates and their claims in the six locales. Claim keys are paths without array indices. */
export const CREDENTIAL_NAMES: Record<CredentialType, Localized> = {
  "resident-registration-copy": { ko: "주민등록표 등본", en: "Resident registration copy (whole household)", ja: "住民登録票謄本", zh: "居民登记表誊本", th: "สำเนาทะเบียนราษฎร (ทั้งครัวเรือน)", vi: "Bản sao đăng ký cư trú (cả hộ)" },
  "resident-registration-abstract": { ko: "주민등록표 초본", en: "Resident registration abstract (one person)", ja: "住民登録票抄本", zh: "居民登记表抄本", th: "สำเนาทะเบียนราษฎร (เฉพาะบุคคล)", vi: "Bản trích lục đăng ký cư trú (cá nhân)" },
  "family-relationship": { ko: "가족관계증명서", en: "Family relationship certificate", ja: "家族関係証明書", zh: "家庭关系证明书", th: "หนังสือรับรองความสัมพันธ์ในครอบครัว", vi: "Giấy chứng nhận quan hệ gia đình" },
  "health-insurance-eligibility": { ko: "건강보험 자격확인서", en: "Health insurance eligibility confirmation", ja: "健康保険資格確認書", zh: "健康保险资格确认书", th: "หนังสือยืนยันสิทธิประกันสุขภาพ", vi: "Giấy xác nhận tư cách bảo hiểm y tế" },
  "tax-payment": { ko: "납세증명서", en: "Tax payment certificate", ja: "納税証明書", zh: "纳税证明书", th: "หนังสือรับรองการชำระภาษี", vi: "Giấy chứng nhận nộp thuế" },
};

const NAME: Localized = { ko: "성명", en: "Name", ja: "氏名", zh: "姓名", th: "ชื่อ-นามสกุล", vi: "Họ và tên" };
const BIRTH_DATE: Localized = { ko: "생년월일", en: "Date of birth", ja: "生年月日", zh: "出生日期", th: "วันเกิด", vi: "Ngày sinh" };
const ADDRESS: Localized = { ko: "주소", en: "Address", ja: "住所", zh: "地址", th: "ที่อยู่", vi: "Địa chỉ" };
const FROM: Localized = { ko: "시작일", en: "From", ja: "開始日", zh: "起始日期", th: "ตั้งแต่", vi: "Từ ngày" };
const TO: Localized = { ko: "종료일", en: "To", ja: "終了日", zh: "截止日期", th: "ถึง", vi: "Đến ngày" };

export const CLAIM_LABELS: Record<CredentialType, Record<string, Localized>> = {
  "resident-registration-copy": {
    householder: { ko: "세대주", en: "Head of household", ja: "世帯主", zh: "户主", th: "เจ้าบ้าน", vi: "Chủ hộ" },
    address: ADDRESS,
    members: { ko: "세대원", en: "Household members", ja: "世帯員", zh: "家庭成员", th: "สมาชิกในครัวเรือน", vi: "Thành viên hộ gia đình" },
    "members.name": NAME,
    "members.relation": { ko: "세대주와의 관계", en: "Relationship to the head of household", ja: "世帯主との続柄", zh: "与户主关系", th: "ความสัมพันธ์กับเจ้าบ้าน", vi: "Quan hệ với chủ hộ" },
    "members.birthDate": BIRTH_DATE,
  },
  "resident-registration-abstract": {
    name: NAME,
    rrnFront: { ko: "주민등록번호 앞자리", en: "Resident registration number (first 6 digits)", ja: "住民登録番号（前6桁）", zh: "居民登记号码（前6位）", th: "เลขทะเบียนราษฎร (6 หลักแรก)", vi: "Số đăng ký cư trú (6 chữ số đầu)" },
    rrnBack: { ko: "주민등록번호 뒷자리", en: "Resident registration number (last 7 digits)", ja: "住民登録番号（後7桁）", zh: "居民登记号码（后7位）", th: "เลขทะเบียนราษฎร (7 หลักหลัง)", vi: "Số đăng ký cư trú (7 chữ số cuối)" },
    addressHistory: { ko: "주소 변동 사항", en: "Address history", ja: "住所の変動履歴", zh: "地址变动记录", th: "ประวัติการย้ายที่อยู่", vi: "Lịch sử thay đổi địa chỉ" },
    "addressHistory.address": ADDRESS,
    "addressHistory.from": { ko: "전입일", en: "Moved in", ja: "転入日", zh: "迁入日期", th: "วันที่ย้ายเข้า", vi: "Ngày chuyển đến" },
    "addressHistory.to": { ko: "전출일", en: "Moved out", ja: "転出日", zh: "迁出日期", th: "วันที่ย้ายออก", vi: "Ngày chuyển đi" },
  },
  "family-relationship": {
    name: NAME,
    birthDate: BIRTH_DATE,
    members: { ko: "가족", en: "Family members", ja: "家族", zh: "家庭成员", th: "สมาชิกในครอบครัว", vi: "Thành viên gia đình" },
    "members.name": NAME,
    "members.relation": { ko: "관계", en: "Relationship", ja: "続柄", zh: "关系", th: "ความสัมพันธ์", vi: "Quan hệ" },
    "members.birthDate": BIRTH_DATE,
  },
  "health-insurance-eligibility": {
    name: NAME,
    insurer: { ko: "보험자", en: "Insurer", ja: "保険者", zh: "保险人", th: "ผู้รับประกัน", vi: "Cơ quan bảo hiểm" },
    coverage: { ko: "자격 구분", en: "Type of coverage", ja: "資格区分", zh: "参保类别", th: "ประเภทสิทธิ", vi: "Loại tư cách tham gia" },
    since: { ko: "자격 취득일", en: "Covered since", ja: "資格取得日", zh: "资格取得日期", th: "วันที่ได้รับสิทธิ", vi: "Ngày có tư cách" },
  },
  "tax-payment": {
    name: NAME,
    period: { ko: "과세 기간", en: "Tax period", ja: "課税期間", zh: "纳税期间", th: "รอบระยะเวลาภาษี", vi: "Kỳ tính thuế" },
    "period.from": FROM,
    "period.to": TO,
    taxesPaid: { ko: "납부 세액", en: "Taxes paid", ja: "納付税額", zh: "已缴税额", th: "ภาษีที่ชำระแล้ว", vi: "Số thuế đã nộp" },
    noArrears: { ko: "체납 없음", en: "No unpaid taxes", ja: "滞納なし", zh: "无欠税", th: "ไม่มีภาษีค้างชำระ", vi: "Không nợ thuế" },
  },
};

export const RELATION_LABELS: Record<Relation, Localized> = {
  self: { ko: "본인", en: "Self", ja: "本人", zh: "本人", th: "ตนเอง", vi: "Bản thân" },
  spouse: { ko: "배우자", en: "Spouse", ja: "配偶者", zh: "配偶", th: "คู่สมรส", vi: "Vợ/chồng" },
  child: { ko: "자녀", en: "Child", ja: "子", zh: "子女", th: "บุตร", vi: "Con" },
  father: { ko: "부", en: "Father", ja: "父", zh: "父亲", th: "บิดา", vi: "Cha" },
  mother: { ko: "모", en: "Mother", ja: "母", zh: "母亲", th: "มารดา", vi: "Mẹ" },
  grandchild: { ko: "손자녀", en: "Grandchild", ja: "孫", zh: "孙子女", th: "หลาน", vi: "Cháu" },
  cohabitant: { ko: "동거인", en: "Cohabitant", ja: "同居人", zh: "同住人", th: "ผู้อาศัยร่วม", vi: "Người ở cùng" },
};

export const INSURANCE_STATUS_LABELS: Record<InsuranceStatus, Localized> = {
  employee: { ko: "직장가입자", en: "Employee member", ja: "職場加入者", zh: "职工参保人", th: "ผู้ประกันตนในฐานะลูกจ้าง", vi: "Người tham gia theo nơi làm việc" },
  regional: { ko: "지역가입자", en: "Regional member (self-employed or not employed)", ja: "地域加入者", zh: "地区参保人", th: "ผู้ประกันตนตามพื้นที่อยู่อาศัย", vi: "Người tham gia theo khu vực" },
  dependent: { ko: "피부양자", en: "Dependant", ja: "被扶養者", zh: "被抚养人", th: "ผู้อยู่ในอุปการะ", vi: "Người phụ thuộc" },
};

/** The label of a claim path such as "members.2.name" (indices are ignored). */
export function claimLabel(type: CredentialType, path: string): Localized | undefined {
  return CLAIM_LABELS[type][path.split(".").filter((s) => !/^\d+$/.test(s)).join(".")];
}
