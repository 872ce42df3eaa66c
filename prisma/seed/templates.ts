import type { Locale, Localized } from "../../locales/config";
import type { LateChargeRule } from "../../server/payments/late-charge";

/**
 * Demo notice templates: one kind per demo agency (agency codes from ./data.ts).
 *
 * Messages are ICU MessageFormat strings. Placeholders name a field of the template
 * (or `agencyName`, which the app supplies). Money uses `{x, number, krw}`, dates
 * `{x, date, legal}`, integers and text a plain `{x}`. English and Vietnamese text
 * uses ’ (U+2019), never ', because a plain apostrophe starts a quote in ICU.
 */

export type FieldType = "text" | "krw" | "date" | "integer";

export interface FieldSpec {
  type: FieldType;
  required: boolean;
  label: Localized;
}

/** ICU MessageFormat strings. */
export interface TemplateMessages {
  title: string;
  summary: string;
  body: string;
}

export type { LateChargeRule } from "../../server/payments/late-charge";

export interface DeliveryPolicy {
  smsAfterHours: number;
  letterAfterDays: number;
  urgent: boolean;
}

export interface TemplateSeed {
  /** Agency code from data.ts. */
  agency: string;
  /** Kebab-case kind, e.g. "national-income-tax". */
  kind: string;
  version: number;
  /** The kind's name in six languages. */
  name: Localized;
  /** camelCase field names. */
  fields: Record<string, FieldSpec>;
  messages: Record<Locale, TemplateMessages>;
  payable: boolean;
  lateChargeRule: LateChargeRule;
  deliveryPolicy: DeliveryPolicy;
  /** A valid fields object: krw as an integer, date as "YYYY-MM-DD", text as a string. */
  example: Record<string, string | number>;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { smsAfterHours: 24, letterAfterDays: 7, urgent: false };

/** Field labels shared by several templates. */
const LABELS = {
  taxYear: { ko: "귀속연도", en: "Tax year", ja: "課税年分", zh: "纳税年度", th: "ปีภาษี", vi: "Năm tính thuế" },
  taxAmount: { ko: "세액", en: "Tax amount", ja: "税額", zh: "税额", th: "จำนวนภาษี", vi: "Số tiền thuế" },
  dueDate: { ko: "납부기한", en: "Due date", ja: "納付期限", zh: "缴纳期限", th: "วันครบกำหนดชำระ", vi: "Hạn nộp" },
  taxOffice: { ko: "관할 세무서", en: "Tax office", ja: "管轄税務署", zh: "管辖税务署", th: "สำนักงานสรรพากรที่รับผิดชอบ", vi: "Chi cục thuế phụ trách" },
  propertyAddress: { ko: "과세 대상 소재지", en: "Property address", ja: "課税対象の所在地", zh: "课税财产地址", th: "ที่ตั้งทรัพย์สิน", vi: "Địa chỉ tài sản" },
  period: { ko: "과세 기분", en: "Tax period", ja: "課税期", zh: "纳税期别", th: "งวดภาษี", vi: "Kỳ tính thuế" },
  billingMonth: { ko: "부과 연월", en: "Billing month", ja: "対象月", zh: "计费月份", th: "เดือนที่เรียกเก็บ", vi: "Tháng tính phí" },
  premium: { ko: "보험료", en: "Premium", ja: "保険料", zh: "保险费", th: "เบี้ยประกัน", vi: "Phí bảo hiểm" },
  monthlyAmount: { ko: "월 지급액", en: "Monthly amount", ja: "月額支給額", zh: "每月金额", th: "จำนวนเงินต่อเดือน", vi: "Số tiền hằng tháng" },
  applyBy: { ko: "신청기한", en: "Apply by", ja: "申請期限", zh: "申请截止日期", th: "วันสุดท้ายของการยื่นคำขอ", vi: "Hạn đăng ký" },
  contactPhone: { ko: "문의 전화", en: "Contact phone", ja: "お問い合わせ電話番号", zh: "咨询电话", th: "หมายเลขโทรศัพท์ติดต่อ", vi: "Số điện thoại liên hệ" },
  plateNumber: { ko: "자동차 등록번호", en: "Plate number", ja: "自動車登録番号", zh: "车牌号", th: "หมายเลขทะเบียนรถ", vi: "Biển số xe" },
  inspectionFrom: { ko: "검사기간 시작일", en: "Inspection period starts", ja: "検査期間の開始日", zh: "检验开始日期", th: "วันเริ่มตรวจสภาพ", vi: "Ngày bắt đầu kiểm định" },
  inspectionTo: { ko: "검사기간 종료일", en: "Inspection period ends", ja: "検査期間の終了日", zh: "检验截止日期", th: "วันสิ้นสุดการตรวจสภาพ", vi: "Ngày kết thúc kiểm định" },
  fineIfLate: { ko: "미검사 시 과태료", en: "Fine if late", ja: "未受検時の過料", zh: "逾期罚款", th: "ค่าปรับหากตรวจสภาพล่าช้า", vi: "Tiền phạt nếu kiểm định trễ" },
  violation: { ko: "위반 내용", en: "Violation", ja: "違反内容", zh: "违法行为", th: "ข้อหาที่ฝ่าฝืน", vi: "Hành vi vi phạm" },
  violationDate: { ko: "위반 일자", en: "Date of violation", ja: "違反日", zh: "违法日期", th: "วันที่ฝ่าฝืน", vi: "Ngày vi phạm" },
  place: { ko: "위반 장소", en: "Place", ja: "違反場所", zh: "违法地点", th: "สถานที่ฝ่าฝืน", vi: "Địa điểm vi phạm" },
  fineAmount: { ko: "과태료 금액", en: "Fine amount", ja: "過料の金額", zh: "罚款金额", th: "จำนวนค่าปรับ", vi: "Số tiền phạt" },
  benefitName: { ko: "급여 종류", en: "Benefit", ja: "給付の種類", zh: "福利项目", th: "ประเภทสวัสดิการ", vi: "Loại trợ cấp" },
  caseWorkerPhone: { ko: "담당 공무원 전화", en: "Case worker phone", ja: "担当職員の電話番号", zh: "负责人员电话", th: "หมายเลขโทรศัพท์เจ้าหน้าที่ผู้รับผิดชอบ", vi: "Số điện thoại cán bộ phụ trách" },
} satisfies Record<string, Localized>;

type LabelKey = keyof typeof LABELS;

/** A required field of the given type, labelled from LABELS. */
function field(type: FieldType, label: LabelKey, required = true): FieldSpec {
  return { type, required, label: LABELS[label] };
}

export const DEMO_TEMPLATES: TemplateSeed[] = [
  // 1. National Tax Service — comprehensive (global) income tax bill.
  {
    agency: "NTS",
    kind: "national-income-tax",
    version: 1,
    name: {
      ko: "종합소득세 고지서",
      en: "Comprehensive Income Tax Bill",
      ja: "総合所得税 納税告知書",
      zh: "综合所得税缴税通知书",
      th: "หนังสือแจ้งชำระภาษีเงินได้รวม",
      vi: "Thông báo nộp thuế thu nhập tổng hợp",
    },
    fields: {
      taxYear: field("integer", "taxYear"),
      taxAmount: field("krw", "taxAmount"),
      dueDate: field("date", "dueDate"),
      taxOffice: field("text", "taxOffice"),
    },
    messages: {
      ko: {
        title: "{taxYear}년 귀속 종합소득세 고지서",
        summary: "{taxYear}년 귀속 종합소득세 {taxAmount, number, krw}의 납부기한은 {dueDate, date, legal}입니다.",
        body:
          "{taxOffice}에서 {taxYear}년 귀속 종합소득세를 다음과 같이 고지합니다. 납부하실 세액은 {taxAmount, number, krw}입니다.\n\n" +
          "{dueDate, date, legal}까지 이 고지서에서 바로 납부하시거나 은행, 인터넷뱅킹, 홈택스에서 납부해 주십시오. 납부기한이 지나면 납부지연가산세가 더해집니다.\n\n" +
          "고지 내용에 궁금한 점이 있으시면 {taxOffice} 또는 {agencyName}에 문의하시거나, 가까운 행정복지센터를 방문해 도움을 받으실 수 있습니다.",
      },
      en: {
        title: "Comprehensive income tax bill for {taxYear}",
        summary: "Your {taxYear} comprehensive income tax of {taxAmount, number, krw} is due by {dueDate, date, legal}.",
        body:
          "{taxOffice} is notifying you of your comprehensive income tax for {taxYear}. The amount to pay is {taxAmount, number, krw}.\n\n" +
          "Please pay by {dueDate, date, legal}. You can pay directly from this notice, at any bank, through online banking, or on Hometax. If you pay after the due date, a late-payment penalty tax will be added.\n\n" +
          "If you have questions about this bill, please contact {taxOffice} or the {agencyName}, or visit your local community service center for help.",
      },
      ja: {
        title: "{taxYear}年分 総合所得税 納税告知書",
        summary: "{taxYear}年分の総合所得税{taxAmount, number, krw}の納付期限は{dueDate, date, legal}です。",
        body:
          "{taxOffice}より、{taxYear}年分の総合所得税についてお知らせします。納付額は{taxAmount, number, krw}です。\n\n" +
          "{dueDate, date, legal}までに、この告知書から直接、または銀行窓口、インターネットバンキング、ホームタックスで納付してください。納付期限を過ぎると、納付遅延加算税が加算されます。\n\n" +
          "ご不明な点は、{taxOffice}または{agencyName}にお問い合わせいただくか、お近くの行政福祉センターでご相談ください。",
      },
      zh: {
        title: "{taxYear}年度综合所得税缴税通知书",
        summary: "您{taxYear}年度的综合所得税为{taxAmount, number, krw}，缴纳期限为{dueDate, date, legal}。",
        body:
          "{taxOffice}现就您{taxYear}年度的综合所得税作如下通知：应缴税额为{taxAmount, number, krw}。\n\n" +
          "请于{dueDate, date, legal}前缴纳。您可以直接通过本通知书缴纳，也可以在银行、网上银行或国税网上办税系统缴纳。逾期缴纳将加征滞纳加算税。\n\n" +
          "如对通知内容有疑问，请联系{taxOffice}或{agencyName}，也可以前往附近的行政福利中心寻求帮助。",
      },
      th: {
        title: "หนังสือแจ้งชำระภาษีเงินได้รวม ปีภาษี {taxYear}",
        summary: "ภาษีเงินได้รวมปีภาษี {taxYear} ของท่านจำนวน {taxAmount, number, krw} ครบกำหนดชำระภายในวันที่ {dueDate, date, legal}",
        body:
          "{taxOffice} ขอแจ้งภาษีเงินได้รวมของท่านสำหรับปีภาษี {taxYear} จำนวนภาษีที่ต้องชำระคือ {taxAmount, number, krw}\n\n" +
          "กรุณาชำระภายในวันที่ {dueDate, date, legal} โดยชำระได้ทันทีจากหนังสือแจ้งนี้ หรือที่ธนาคาร ธนาคารออนไลน์ หรือระบบชำระภาษีออนไลน์ หากชำระเกินกำหนดจะมีภาษีเพิ่มสำหรับการชำระล่าช้า\n\n" +
          "หากมีข้อสงสัยเกี่ยวกับหนังสือแจ้งนี้ กรุณาติดต่อ {taxOffice} หรือ {agencyName} หรือไปที่ศูนย์บริการชุมชนใกล้บ้านเพื่อขอความช่วยเหลือ",
      },
      vi: {
        title: "Thông báo thuế thu nhập tổng hợp năm {taxYear}",
        summary: "Thuế thu nhập tổng hợp năm {taxYear} của quý vị là {taxAmount, number, krw}, hạn nộp là ngày {dueDate, date, legal}.",
        body:
          "{taxOffice} xin thông báo về thuế thu nhập tổng hợp năm {taxYear} của quý vị. Số thuế phải nộp là {taxAmount, number, krw}.\n\n" +
          "Vui lòng nộp chậm nhất vào ngày {dueDate, date, legal}. Quý vị có thể nộp ngay từ thông báo này, tại ngân hàng, qua ngân hàng trực tuyến hoặc hệ thống nộp thuế điện tử. Nếu nộp quá hạn, quý vị sẽ phải nộp thêm tiền thuế do chậm nộp.\n\n" +
          "Nếu có thắc mắc về thông báo này, vui lòng liên hệ {taxOffice} hoặc {agencyName}, hoặc đến trung tâm hành chính phúc lợi gần nhà để được hỗ trợ.",
      },
    },
    payable: true,
    lateChargeRule: { kind: "tax" },
    deliveryPolicy: { ...DEFAULT_DELIVERY_POLICY },
    example: { taxYear: 2025, taxAmount: 1284000, dueDate: "2026-11-30", taxOffice: "종로세무서" },
  },

  // 2. Jongno District Office — local property tax bill.
  {
    agency: "JONGNO",
    kind: "local-property-tax",
    version: 1,
    name: {
      ko: "재산세 고지서",
      en: "Property Tax Bill",
      ja: "財産税 納税告知書",
      zh: "财产税缴税通知书",
      th: "หนังสือแจ้งชำระภาษีทรัพย์สิน",
      vi: "Thông báo nộp thuế tài sản",
    },
    fields: {
      propertyAddress: field("text", "propertyAddress"),
      taxAmount: field("krw", "taxAmount"),
      dueDate: field("date", "dueDate"),
      period: field("text", "period"),
    },
    messages: {
      ko: {
        title: "{period} 재산세 고지서",
        summary: "{period} 재산세 {taxAmount, number, krw}의 납부기한은 {dueDate, date, legal}입니다.",
        body:
          "{agencyName}에서 {propertyAddress} 소재 재산에 대한 {period} 재산세를 고지합니다. 납부하실 세액은 {taxAmount, number, krw}입니다.\n\n" +
          "{dueDate, date, legal}까지 이 고지서에서 바로 납부하시거나 은행, 인터넷뱅킹, 위택스에서 납부해 주십시오. 납부기한이 지나면 납부지연가산세가 더해집니다.\n\n" +
          "궁금한 점이 있으시면 {agencyName} 세무과 또는 가까운 행정복지센터로 문의해 주십시오.",
      },
      en: {
        title: "Property tax bill ({period})",
        summary: "Your property tax of {taxAmount, number, krw} for {period} is due by {dueDate, date, legal}.",
        body:
          "The {agencyName} is notifying you of property tax for {period} on the property at {propertyAddress}. The amount to pay is {taxAmount, number, krw}.\n\n" +
          "Please pay by {dueDate, date, legal}. You can pay directly from this notice, at any bank, through online banking, or on Wetax. If you pay after the due date, a late-payment penalty tax will be added.\n\n" +
          "If you have questions, please contact the tax division of the {agencyName} or visit your local community service center.",
      },
      ja: {
        title: "財産税 納税告知書（{period}）",
        summary: "{period}の財産税{taxAmount, number, krw}の納付期限は{dueDate, date, legal}です。",
        body:
          "{agencyName}より、{propertyAddress}に所在する財産に係る{period}の財産税についてお知らせします。納付額は{taxAmount, number, krw}です。\n\n" +
          "{dueDate, date, legal}までに、この告知書から直接、または銀行窓口、インターネットバンキング、ウィタックスで納付してください。納付期限を過ぎると、納付遅延加算税が加算されます。\n\n" +
          "ご不明な点は、{agencyName}の税務課またはお近くの行政福祉センターにお問い合わせください。",
      },
      zh: {
        title: "财产税缴税通知书（{period}）",
        summary: "您{period}的财产税为{taxAmount, number, krw}，缴纳期限为{dueDate, date, legal}。",
        body:
          "{agencyName}现就您位于{propertyAddress}的财产通知{period}财产税，应缴税额为{taxAmount, number, krw}。\n\n" +
          "请于{dueDate, date, legal}前缴纳。您可以直接通过本通知书缴纳，也可以在银行、网上银行或地方税网上缴税系统缴纳。逾期缴纳将加征滞纳加算税。\n\n" +
          "如有疑问，请联系{agencyName}税务科，或前往附近的行政福利中心咨询。",
      },
      th: {
        title: "หนังสือแจ้งชำระภาษีทรัพย์สิน ({period})",
        summary: "ภาษีทรัพย์สินงวด {period} ของท่านจำนวน {taxAmount, number, krw} ครบกำหนดชำระภายในวันที่ {dueDate, date, legal}",
        body:
          "{agencyName} ขอแจ้งภาษีทรัพย์สินงวด {period} สำหรับทรัพย์สินที่ตั้งอยู่ที่ {propertyAddress} จำนวนภาษีที่ต้องชำระคือ {taxAmount, number, krw}\n\n" +
          "กรุณาชำระภายในวันที่ {dueDate, date, legal} โดยชำระได้ทันทีจากหนังสือแจ้งนี้ หรือที่ธนาคาร ธนาคารออนไลน์ หรือระบบชำระภาษีท้องถิ่นออนไลน์ หากชำระเกินกำหนดจะมีภาษีเพิ่มสำหรับการชำระล่าช้า\n\n" +
          "หากมีข้อสงสัย กรุณาติดต่อฝ่ายภาษีของ {agencyName} หรือไปที่ศูนย์บริการชุมชนใกล้บ้าน",
      },
      vi: {
        title: "Thông báo nộp thuế tài sản ({period})",
        summary: "Thuế tài sản ({period}) của quý vị là {taxAmount, number, krw}, hạn nộp là ngày {dueDate, date, legal}.",
        body:
          "{agencyName} xin thông báo thuế tài sản ({period}) đối với tài sản tại {propertyAddress}. Số thuế phải nộp là {taxAmount, number, krw}.\n\n" +
          "Vui lòng nộp chậm nhất vào ngày {dueDate, date, legal}. Quý vị có thể nộp ngay từ thông báo này, tại ngân hàng, qua ngân hàng trực tuyến hoặc hệ thống nộp thuế địa phương trực tuyến. Nếu nộp quá hạn, quý vị sẽ phải nộp thêm tiền thuế do chậm nộp.\n\n" +
          "Nếu có thắc mắc, vui lòng liên hệ bộ phận thuế của {agencyName} hoặc đến trung tâm hành chính phúc lợi gần nhà.",
      },
    },
    payable: true,
    lateChargeRule: { kind: "tax" },
    deliveryPolicy: { ...DEFAULT_DELIVERY_POLICY },
    example: {
      propertyAddress: "서울특별시 종로구 삼봉로 43, 101동 1203호",
      taxAmount: 312500,
      dueDate: "2026-09-30",
      period: "2026년 2기",
    },
  },

  // 3. National Health Insurance Service — monthly premium.
  {
    agency: "NHIS",
    kind: "health-insurance-premium",
    version: 1,
    name: {
      ko: "건강보험료 납부 안내",
      en: "Health Insurance Premium Notice",
      ja: "健康保険料のお支払いのご案内",
      zh: "健康保险费缴纳通知",
      th: "แจ้งชำระเบี้ยประกันสุขภาพ",
      vi: "Thông báo nộp phí bảo hiểm y tế",
    },
    fields: {
      billingMonth: field("text", "billingMonth"),
      premium: field("krw", "premium"),
      dueDate: field("date", "dueDate"),
    },
    messages: {
      ko: {
        title: "{billingMonth}분 건강보험료 납부 안내",
        summary: "{billingMonth}분 건강보험료 {premium, number, krw}의 납부기한은 {dueDate, date, legal}입니다.",
        body:
          "{agencyName}에서 {billingMonth}분 건강보험료를 안내해 드립니다. 이번에 납부하실 보험료는 {premium, number, krw}입니다.\n\n" +
          "{dueDate, date, legal}까지 이 안내문에서 바로 납부하시거나 은행, 인터넷뱅킹, 자동이체로 납부해 주십시오. 납부기한이 지나면 보험료의 3%에 해당하는 연체금이 더해집니다.\n\n" +
          "보험료 납부가 어려우시거나 궁금한 점이 있으시면 {agencyName} 지사 또는 가까운 행정복지센터로 문의해 주십시오.",
      },
      en: {
        title: "Health insurance premium for {billingMonth}",
        summary: "Your health insurance premium of {premium, number, krw} for {billingMonth} is due by {dueDate, date, legal}.",
        body:
          "The {agencyName} is sending you your health insurance premium for {billingMonth}. The amount to pay is {premium, number, krw}.\n\n" +
          "Please pay by {dueDate, date, legal}. You can pay directly from this notice, at any bank, through online banking, or by automatic transfer. If you pay after the due date, a late charge of 3% of the premium will be added.\n\n" +
          "If the premium is hard for you to pay, or if you have questions, please contact a branch of the {agencyName} or visit your local community service center.",
      },
      ja: {
        title: "{billingMonth}分 健康保険料のお支払いのご案内",
        summary: "{billingMonth}分の健康保険料{premium, number, krw}の納付期限は{dueDate, date, legal}です。",
        body:
          "{agencyName}より、{billingMonth}分の健康保険料についてご案内します。今回お支払いいただく保険料は{premium, number, krw}です。\n\n" +
          "{dueDate, date, legal}までに、この案内から直接、または銀行窓口、インターネットバンキング、口座振替でお支払いください。納付期限を過ぎると、保険料の3%に相当する延滞金が加算されます。\n\n" +
          "保険料のお支払いが難しい場合やご不明な点がある場合は、{agencyName}の支社またはお近くの行政福祉センターにご相談ください。",
      },
      zh: {
        title: "健康保险费缴纳通知（{billingMonth}）",
        summary: "您{billingMonth}的健康保险费为{premium, number, krw}，缴纳期限为{dueDate, date, legal}。",
        body:
          "{agencyName}现通知您{billingMonth}的健康保险费，本期应缴保险费为{premium, number, krw}。\n\n" +
          "请于{dueDate, date, legal}前缴纳。您可以直接通过本通知缴纳，也可以在银行、网上银行或通过自动转账缴纳。逾期缴纳将加收相当于保险费3%的滞纳金。\n\n" +
          "如缴费有困难或有任何疑问，请联系{agencyName}各分支机构，或前往附近的行政福利中心咨询。",
      },
      th: {
        title: "แจ้งชำระเบี้ยประกันสุขภาพ เดือน {billingMonth}",
        summary: "เบี้ยประกันสุขภาพเดือน {billingMonth} ของท่านจำนวน {premium, number, krw} ครบกำหนดชำระภายในวันที่ {dueDate, date, legal}",
        body:
          "{agencyName} ขอแจ้งเบี้ยประกันสุขภาพของท่านประจำเดือน {billingMonth} จำนวนที่ต้องชำระคือ {premium, number, krw}\n\n" +
          "กรุณาชำระภายในวันที่ {dueDate, date, legal} โดยชำระได้ทันทีจากหนังสือแจ้งนี้ หรือที่ธนาคาร ธนาคารออนไลน์ หรือการหักบัญชีอัตโนมัติ หากชำระเกินกำหนดจะมีเงินเพิ่มร้อยละ 3 ของเบี้ยประกัน\n\n" +
          "หากท่านมีปัญหาในการชำระเบี้ยประกันหรือมีข้อสงสัย กรุณาติดต่อสาขาของ {agencyName} หรือไปที่ศูนย์บริการชุมชนใกล้บ้าน",
      },
      vi: {
        title: "Thông báo nộp phí bảo hiểm y tế tháng {billingMonth}",
        summary: "Phí bảo hiểm y tế tháng {billingMonth} của quý vị là {premium, number, krw}, hạn nộp là ngày {dueDate, date, legal}.",
        body:
          "{agencyName} xin thông báo phí bảo hiểm y tế tháng {billingMonth} của quý vị. Số tiền phải nộp là {premium, number, krw}.\n\n" +
          "Vui lòng nộp chậm nhất vào ngày {dueDate, date, legal}. Quý vị có thể nộp ngay từ thông báo này, tại ngân hàng, qua ngân hàng trực tuyến hoặc bằng hình thức chuyển khoản tự động. Nếu nộp quá hạn, quý vị sẽ phải nộp thêm tiền chậm nộp bằng 3% phí bảo hiểm.\n\n" +
          "Nếu gặp khó khăn khi nộp phí hoặc có thắc mắc, vui lòng liên hệ chi nhánh của {agencyName} hoặc đến trung tâm hành chính phúc lợi gần nhà.",
      },
    },
    payable: true,
    lateChargeRule: { kind: "percent", percent: 3 },
    deliveryPolicy: { ...DEFAULT_DELIVERY_POLICY },
    example: { billingMonth: "2026-10", premium: 128540, dueDate: "2026-11-10" },
  },

  // 4. National Pension Service — basic pension eligibility (nothing to pay).
  {
    agency: "NPS",
    kind: "basic-pension-eligibility",
    version: 1,
    name: {
      ko: "기초연금 수급자격 안내",
      en: "Basic Pension Eligibility Notice",
      ja: "基礎年金の受給資格のご案内",
      zh: "基础养老金领取资格通知",
      th: "แจ้งสิทธิ์รับเงินบำนาญพื้นฐาน",
      vi: "Thông báo đủ điều kiện nhận lương hưu cơ bản",
    },
    fields: {
      monthlyAmount: field("krw", "monthlyAmount"),
      applyBy: field("date", "applyBy"),
      contactPhone: field("text", "contactPhone"),
    },
    messages: {
      ko: {
        title: "기초연금 수급자격 안내",
        summary: "기초연금 수급 대상으로 예상되오니 {applyBy, date, legal}까지 신청해 주십시오.",
        body:
          "{agencyName}에서 안내해 드립니다. 확인 결과 기초연금을 받으실 수 있는 것으로 보이며, 선정되시면 매월 최대 {monthlyAmount, number, krw}까지 받으실 수 있습니다.\n\n" +
          "기초연금은 신청하셔야 받으실 수 있습니다. {applyBy, date, legal}까지 신분증을 가지고 가까운 행정복지센터나 {agencyName} 지사를 방문해 신청해 주십시오. 거동이 불편하시면 가족이 대신 신청하실 수 있습니다.\n\n" +
          "궁금한 점이 있으시면 전화({contactPhone})로 문의해 주십시오.",
      },
      en: {
        title: "You may be eligible for the Basic Pension",
        summary: "You appear to be eligible for the Basic Pension, so please apply by {applyBy, date, legal}.",
        body:
          "The {agencyName} is writing to let you know that you appear to be eligible for the Basic Pension. If you are selected, you can receive up to {monthlyAmount, number, krw} each month.\n\n" +
          "The Basic Pension is paid only if you apply. Please bring your ID card to your local community service center or a branch of the {agencyName} and apply by {applyBy, date, legal}. If it is hard for you to get there, a family member can apply for you.\n\n" +
          "If you have questions, please call {contactPhone}.",
      },
      ja: {
        title: "基礎年金の受給資格のご案内",
        summary: "基礎年金を受給できる見込みですので、{applyBy, date, legal}までに申請してください。",
        body:
          "{agencyName}からのご案内です。確認の結果、あなたは基礎年金を受給できる見込みです。受給者に選ばれた場合、毎月最大{monthlyAmount, number, krw}を受け取ることができます。\n\n" +
          "基礎年金は申請しなければ受け取れません。{applyBy, date, legal}までに、身分証明書をお持ちのうえ、お近くの行政福祉センターまたは{agencyName}の支社で申請してください。外出が難しい場合は、ご家族が代わりに申請することもできます。\n\n" +
          "ご不明な点は、{contactPhone}までお電話ください。",
      },
      zh: {
        title: "基础养老金领取资格通知",
        summary: "您可能符合领取基础养老金的条件，请于{applyBy, date, legal}前提出申请。",
        body:
          "{agencyName}特此通知：经核查，您可能符合领取基础养老金的条件。如获批准，每月最多可领取{monthlyAmount, number, krw}。\n\n" +
          "基础养老金须本人申请后方可领取。请于{applyBy, date, legal}前携带身份证件，前往附近的行政福利中心或{agencyName}分支机构办理申请。如行动不便，可由家属代为申请。\n\n" +
          "如有疑问，请致电{contactPhone}。",
      },
      th: {
        title: "แจ้งสิทธิ์รับเงินบำนาญพื้นฐาน",
        summary: "ท่านอาจมีสิทธิ์ได้รับเงินบำนาญพื้นฐาน กรุณายื่นคำขอภายในวันที่ {applyBy, date, legal}",
        body:
          "{agencyName} ขอแจ้งให้ทราบว่า จากการตรวจสอบ ท่านอาจมีสิทธิ์ได้รับเงินบำนาญพื้นฐาน หากได้รับการอนุมัติ ท่านจะได้รับเงินสูงสุดเดือนละ {monthlyAmount, number, krw}\n\n" +
          "เงินบำนาญพื้นฐานจะจ่ายให้เฉพาะผู้ที่ยื่นคำขอเท่านั้น กรุณานำบัตรประจำตัวไปยื่นคำขอที่ศูนย์บริการชุมชนใกล้บ้านหรือสาขาของ {agencyName} ภายในวันที่ {applyBy, date, legal} หากท่านเดินทางไม่สะดวก สมาชิกในครอบครัวสามารถยื่นคำขอแทนได้\n\n" +
          "หากมีข้อสงสัย กรุณาโทร {contactPhone}",
      },
      vi: {
        title: "Thông báo đủ điều kiện nhận lương hưu cơ bản",
        summary: "Quý vị có thể đủ điều kiện nhận lương hưu cơ bản, vui lòng đăng ký chậm nhất vào ngày {applyBy, date, legal}.",
        body:
          "{agencyName} xin thông báo: qua kiểm tra, quý vị có thể đủ điều kiện nhận lương hưu cơ bản. Nếu được xét duyệt, quý vị có thể nhận tối đa {monthlyAmount, number, krw} mỗi tháng.\n\n" +
          "Lương hưu cơ bản chỉ được chi trả khi quý vị đăng ký. Vui lòng mang theo giấy tờ tùy thân đến trung tâm hành chính phúc lợi gần nhà hoặc chi nhánh của {agencyName} để đăng ký chậm nhất vào ngày {applyBy, date, legal}. Nếu đi lại khó khăn, người thân trong gia đình có thể đăng ký thay.\n\n" +
          "Nếu có thắc mắc, vui lòng gọi số {contactPhone}.",
      },
    },
    payable: false,
    lateChargeRule: { kind: "none" },
    deliveryPolicy: { ...DEFAULT_DELIVERY_POLICY },
    example: { monthlyAmount: 349360, applyBy: "2026-12-31", contactPhone: "1355" },
  },

  // 5. Korea Transportation Safety Authority — periodic vehicle inspection (nothing to pay now).
  {
    agency: "KOTSA",
    kind: "vehicle-inspection",
    version: 1,
    name: {
      ko: "자동차 정기검사 안내",
      en: "Vehicle Inspection Notice",
      ja: "自動車定期検査のご案内",
      zh: "机动车定期检验通知",
      th: "แจ้งกำหนดตรวจสภาพรถ",
      vi: "Thông báo kiểm định định kỳ xe ô tô",
    },
    fields: {
      plateNumber: field("text", "plateNumber"),
      inspectionFrom: field("date", "inspectionFrom"),
      inspectionTo: field("date", "inspectionTo"),
      fineIfLate: field("krw", "fineIfLate"),
    },
    messages: {
      ko: {
        title: "{plateNumber} 자동차 정기검사 안내",
        summary: "{plateNumber} 차량은 {inspectionFrom, date, legal}부터 {inspectionTo, date, legal}까지 정기검사를 받으셔야 합니다.",
        body:
          "{agencyName}에서 자동차 정기검사 기간을 안내해 드립니다. {plateNumber} 차량의 검사기간은 {inspectionFrom, date, legal}부터 {inspectionTo, date, legal}까지입니다.\n\n" +
          "검사기간 안에 가까운 자동차검사소나 지정정비사업자에게서 검사를 받아 주십시오. 방문하실 때에는 신분증을 가져오시고, 미리 예약하시면 기다리는 시간을 줄일 수 있습니다.\n\n" +
          "검사기간이 지나면 {fineIfLate, number, krw}의 과태료가 부과될 수 있습니다. 궁금한 점은 {agencyName} 또는 가까운 행정복지센터로 문의해 주십시오.",
      },
      en: {
        title: "Vehicle inspection due for {plateNumber}",
        summary: "Vehicle {plateNumber} must be inspected between {inspectionFrom, date, legal} and {inspectionTo, date, legal}.",
        body:
          "The {agencyName} is reminding you of your regular vehicle inspection. The inspection period for vehicle {plateNumber} runs from {inspectionFrom, date, legal} to {inspectionTo, date, legal}.\n\n" +
          "Please have your vehicle inspected at a nearby inspection center or authorized repair shop within this period. Bring your ID card, and book in advance to cut your waiting time.\n\n" +
          "If the inspection is not done by the end of the period, you may be fined {fineIfLate, number, krw}. If you have questions, please contact the {agencyName} or your local community service center.",
      },
      ja: {
        title: "{plateNumber} 自動車定期検査のご案内",
        summary: "{plateNumber}の車両は、{inspectionFrom, date, legal}から{inspectionTo, date, legal}までに定期検査を受ける必要があります。",
        body:
          "{agencyName}より、自動車定期検査の期間についてご案内します。{plateNumber}の車両の検査期間は、{inspectionFrom, date, legal}から{inspectionTo, date, legal}までです。\n\n" +
          "検査期間内に、お近くの自動車検査所または指定整備事業者で検査を受けてください。お越しの際は身分証明書をお持ちください。事前に予約すると、待ち時間を短くできます。\n\n" +
          "検査期間を過ぎると、{fineIfLate, number, krw}の過料が科されることがあります。ご不明な点は、{agencyName}またはお近くの行政福祉センターにお問い合わせください。",
      },
      zh: {
        title: "机动车定期检验通知（{plateNumber}）",
        summary: "车牌号为{plateNumber}的车辆须于{inspectionFrom, date, legal}至{inspectionTo, date, legal}期间接受定期检验。",
        body:
          "{agencyName}特此通知您机动车定期检验的期限。车牌号为{plateNumber}的车辆，检验期间为{inspectionFrom, date, legal}至{inspectionTo, date, legal}。\n\n" +
          "请在检验期间内前往附近的机动车检验站或指定维修企业接受检验。前往时请携带身份证件，提前预约可以减少等候时间。\n\n" +
          "如逾期未接受检验，可能会被处以{fineIfLate, number, krw}的罚款。如有疑问，请联系{agencyName}或附近的行政福利中心。",
      },
      th: {
        title: "แจ้งกำหนดตรวจสภาพรถ ทะเบียน {plateNumber}",
        summary: "รถทะเบียน {plateNumber} ต้องเข้ารับการตรวจสภาพระหว่างวันที่ {inspectionFrom, date, legal} ถึงวันที่ {inspectionTo, date, legal}",
        body:
          "{agencyName} ขอแจ้งกำหนดการตรวจสภาพรถตามรอบ รถทะเบียน {plateNumber} ต้องเข้ารับการตรวจสภาพระหว่างวันที่ {inspectionFrom, date, legal} ถึงวันที่ {inspectionTo, date, legal}\n\n" +
          "กรุณานำรถเข้ารับการตรวจสภาพที่สถานีตรวจสภาพรถหรืออู่ซ่อมรถที่ได้รับอนุญาตใกล้บ้านภายในช่วงเวลาดังกล่าว โปรดนำบัตรประจำตัวไปด้วย และหากจองล่วงหน้าจะช่วยลดเวลารอได้\n\n" +
          "หากไม่ได้ตรวจสภาพภายในกำหนด ท่านอาจถูกปรับ {fineIfLate, number, krw} หากมีข้อสงสัย กรุณาติดต่อ {agencyName} หรือศูนย์บริการชุมชนใกล้บ้าน",
      },
      vi: {
        title: "Thông báo kiểm định định kỳ xe {plateNumber}",
        summary: "Xe biển số {plateNumber} phải được kiểm định định kỳ trong khoảng từ ngày {inspectionFrom, date, legal} đến ngày {inspectionTo, date, legal}.",
        body:
          "{agencyName} xin thông báo thời hạn kiểm định định kỳ xe ô tô. Xe biển số {plateNumber} cần được kiểm định trong khoảng từ ngày {inspectionFrom, date, legal} đến ngày {inspectionTo, date, legal}.\n\n" +
          "Vui lòng đưa xe đến trạm kiểm định hoặc cơ sở sửa chữa được chỉ định gần nhà trong thời gian này. Khi đến, vui lòng mang theo giấy tờ tùy thân; đặt lịch trước sẽ giúp giảm thời gian chờ.\n\n" +
          "Nếu không kiểm định đúng hạn, quý vị có thể bị phạt {fineIfLate, number, krw}. Nếu có thắc mắc, vui lòng liên hệ {agencyName} hoặc trung tâm hành chính phúc lợi gần nhà.",
      },
    },
    payable: false,
    lateChargeRule: { kind: "none" },
    deliveryPolicy: { ...DEFAULT_DELIVERY_POLICY },
    example: { plateNumber: "12가 3456", inspectionFrom: "2026-11-01", inspectionTo: "2026-12-31", fineIfLate: 40000 },
  },

  // 6. Korean National Police Agency — traffic fine (과태료).
  {
    agency: "KNPA",
    kind: "traffic-fine",
    version: 1,
    name: {
      ko: "과태료 고지서",
      en: "Traffic Fine Notice",
      ja: "過料 納付告知書",
      zh: "交通罚款缴纳通知书",
      th: "หนังสือแจ้งค่าปรับจราจร",
      vi: "Thông báo nộp tiền phạt giao thông",
    },
    fields: {
      plateNumber: field("text", "plateNumber"),
      violation: field("text", "violation"),
      violationDate: field("date", "violationDate"),
      place: field("text", "place"),
      fineAmount: field("krw", "fineAmount"),
      dueDate: field("date", "dueDate"),
    },
    messages: {
      ko: {
        title: "{plateNumber} 차량 과태료 고지서",
        summary: "{violationDate, date, legal} {violation}에 대한 과태료 {fineAmount, number, krw}의 납부기한은 {dueDate, date, legal}입니다.",
        body:
          "{agencyName}에서 과태료를 고지합니다. {violationDate, date, legal} {place}에서 {plateNumber} 차량의 위반 사항({violation})이 확인되어 과태료 {fineAmount, number, krw}이 부과되었습니다.\n\n" +
          "{dueDate, date, legal}까지 이 고지서에서 바로 납부하시거나 은행, 인터넷뱅킹으로 납부해 주십시오. 납부기한이 지나면 과태료의 3%에 해당하는 가산금이 더해집니다.\n\n" +
          "위반 사실에 이의가 있으시면 납부기한 전까지 {agencyName}에 의견을 제출하실 수 있습니다. 궁금한 점은 {agencyName} 또는 가까운 행정복지센터로 문의해 주십시오.",
      },
      en: {
        title: "Traffic fine notice for vehicle {plateNumber}",
        summary: "A fine of {fineAmount, number, krw} for a violation ({violation}) on {violationDate, date, legal} is due by {dueDate, date, legal}.",
        body:
          "The {agencyName} is notifying you of a traffic fine. Vehicle {plateNumber} was found to have committed a violation ({violation}) at {place} on {violationDate, date, legal}, and a fine of {fineAmount, number, krw} has been imposed.\n\n" +
          "Please pay by {dueDate, date, legal}. You can pay directly from this notice, at any bank, or through online banking. If you pay after the due date, a surcharge of 3% of the fine will be added.\n\n" +
          "If you disagree with this fine, you can submit an objection to the {agencyName} before the due date. If you have questions, please contact the {agencyName} or your local community service center.",
      },
      ja: {
        title: "{plateNumber} 車両の過料納付告知書",
        summary: "{violationDate, date, legal}の違反（{violation}）に対する過料{fineAmount, number, krw}の納付期限は{dueDate, date, legal}です。",
        body:
          "{agencyName}より、過料についてお知らせします。{violationDate, date, legal}、{place}において{plateNumber}の車両による違反（{violation}）が確認されたため、{fineAmount, number, krw}の過料が科されました。\n\n" +
          "{dueDate, date, legal}までに、この告知書から直接、または銀行窓口、インターネットバンキングで納付してください。納付期限を過ぎると、過料の3%に相当する加算金が加算されます。\n\n" +
          "違反の内容に異議がある場合は、納付期限までに{agencyName}へ意見を提出することができます。ご不明な点は、{agencyName}またはお近くの行政福祉センターにお問い合わせください。",
      },
      zh: {
        title: "交通罚款缴纳通知书（{plateNumber}）",
        summary: "您于{violationDate, date, legal}的违法行为（{violation}）被处以{fineAmount, number, krw}罚款，缴纳期限为{dueDate, date, legal}。",
        body:
          "{agencyName}特此通知您缴纳交通罚款。经查，车牌号为{plateNumber}的车辆于{violationDate, date, legal}在{place}存在违法行为（{violation}），现处以{fineAmount, number, krw}罚款。\n\n" +
          "请于{dueDate, date, legal}前缴纳。您可以直接通过本通知书缴纳，也可以在银行或网上银行缴纳。逾期缴纳将加收相当于罚款金额3%的滞纳金。\n\n" +
          "如对违法事实有异议，可在缴纳期限前向{agencyName}提出意见。如有疑问，请联系{agencyName}或附近的行政福利中心。",
      },
      th: {
        title: "หนังสือแจ้งค่าปรับจราจร รถทะเบียน {plateNumber}",
        summary: "ค่าปรับ {fineAmount, number, krw} สำหรับการฝ่าฝืน ({violation}) เมื่อวันที่ {violationDate, date, legal} ครบกำหนดชำระภายในวันที่ {dueDate, date, legal}",
        body:
          "{agencyName} ขอแจ้งค่าปรับจราจร จากการตรวจสอบพบว่ารถทะเบียน {plateNumber} กระทำการฝ่าฝืน ({violation}) ที่ {place} เมื่อวันที่ {violationDate, date, legal} จึงถูกเรียกเก็บค่าปรับเป็นจำนวน {fineAmount, number, krw}\n\n" +
          "กรุณาชำระภายในวันที่ {dueDate, date, legal} โดยชำระได้ทันทีจากหนังสือแจ้งนี้ หรือที่ธนาคาร หรือธนาคารออนไลน์ หากชำระเกินกำหนดจะมีเงินเพิ่มร้อยละ 3 ของค่าปรับ\n\n" +
          "หากท่านไม่เห็นด้วยกับค่าปรับนี้ สามารถยื่นคำคัดค้านต่อ {agencyName} ได้ก่อนวันครบกำหนดชำระ หากมีข้อสงสัย กรุณาติดต่อ {agencyName} หรือศูนย์บริการชุมชนใกล้บ้าน",
      },
      vi: {
        title: "Thông báo nộp tiền phạt giao thông xe {plateNumber}",
        summary: "Khoản phạt {fineAmount, number, krw} cho lỗi vi phạm ({violation}) ngày {violationDate, date, legal} có hạn nộp là ngày {dueDate, date, legal}.",
        body:
          "{agencyName} xin thông báo về khoản tiền phạt giao thông. Xe biển số {plateNumber} được xác định đã vi phạm ({violation}) tại {place} vào ngày {violationDate, date, legal} và bị phạt {fineAmount, number, krw}.\n\n" +
          "Vui lòng nộp chậm nhất vào ngày {dueDate, date, legal}. Quý vị có thể nộp ngay từ thông báo này, tại ngân hàng hoặc qua ngân hàng trực tuyến. Nếu nộp quá hạn, quý vị sẽ phải nộp thêm tiền chậm nộp bằng 3% số tiền phạt.\n\n" +
          "Nếu không đồng ý với khoản phạt này, quý vị có thể gửi ý kiến phản đối đến {agencyName} trước hạn nộp. Nếu có thắc mắc, vui lòng liên hệ {agencyName} hoặc trung tâm hành chính phúc lợi gần nhà.",
      },
    },
    payable: true,
    lateChargeRule: { kind: "percent", percent: 3 },
    deliveryPolicy: { ...DEFAULT_DELIVERY_POLICY },
    example: {
      plateNumber: "12가 3456",
      violation: "신호위반",
      violationDate: "2026-10-14",
      place: "서울특별시 종로구 종로1가 교차로",
      fineAmount: 70000,
      dueDate: "2026-11-20",
    },
  },

  // 7. Jongno Welfare Office — welfare benefit eligibility. A missed one is costly: letter after 3 days.
  {
    agency: "JONGNO-WELFARE",
    kind: "welfare-eligibility",
    version: 1,
    name: {
      ko: "복지급여 수급자격 안내",
      en: "Welfare Benefit Eligibility Notice",
      ja: "福祉給付の受給資格のご案内",
      zh: "福利补助领取资格通知",
      th: "แจ้งสิทธิ์รับสวัสดิการ",
      vi: "Thông báo đủ điều kiện nhận trợ cấp phúc lợi",
    },
    fields: {
      benefitName: field("text", "benefitName"),
      monthlyAmount: field("krw", "monthlyAmount"),
      applyBy: field("date", "applyBy"),
      caseWorkerPhone: field("text", "caseWorkerPhone"),
    },
    messages: {
      ko: {
        title: "{benefitName} 수급자격 안내",
        summary: "{benefitName} 수급 대상으로 예상되오니 {applyBy, date, legal}까지 신청해 주십시오.",
        body:
          "{agencyName}에서 안내해 드립니다. 확인 결과 {benefitName} 수급 대상에 해당하시는 것으로 보이며, 선정되시면 매월 약 {monthlyAmount, number, krw}의 급여를 받으실 수 있습니다.\n\n" +
          "복지급여는 신청하셔야 받으실 수 있습니다. {applyBy, date, legal}까지 신분증을 가지고 가까운 행정복지센터를 방문해 신청해 주십시오. 방문이 어려우시면 담당 공무원이 직접 찾아가 도와드립니다.\n\n" +
          "궁금한 점이 있거나 도움이 필요하시면 담당 공무원에게 전화({caseWorkerPhone})로 문의해 주십시오.",
      },
      en: {
        title: "You may be eligible for {benefitName}",
        summary: "You appear to be eligible for {benefitName}, so please apply by {applyBy, date, legal}.",
        body:
          "The {agencyName} is writing to let you know that you appear to be eligible for {benefitName}. If you are selected, you can receive about {monthlyAmount, number, krw} each month.\n\n" +
          "This benefit is paid only if you apply. Please bring your ID card to your local community service center and apply by {applyBy, date, legal}. If it is hard for you to visit, a case worker can come to you and help.\n\n" +
          "If you have questions or need help, please call your case worker at {caseWorkerPhone}.",
      },
      ja: {
        title: "{benefitName}の受給資格のご案内",
        summary: "{benefitName}を受給できる見込みですので、{applyBy, date, legal}までに申請してください。",
        body:
          "{agencyName}からのご案内です。確認の結果、あなたは{benefitName}の受給対象となる見込みです。受給者に選ばれた場合、毎月約{monthlyAmount, number, krw}を受け取ることができます。\n\n" +
          "この給付は申請しなければ受け取れません。{applyBy, date, legal}までに、身分証明書をお持ちのうえ、お近くの行政福祉センターで申請してください。来所が難しい場合は、担当職員がご自宅に伺ってお手伝いします。\n\n" +
          "ご不明な点やお困りのことがあれば、担当職員（{caseWorkerPhone}）までお電話ください。",
      },
      zh: {
        title: "{benefitName}领取资格通知",
        summary: "您可能符合领取{benefitName}的条件，请于{applyBy, date, legal}前提出申请。",
        body:
          "{agencyName}特此通知：经核查，您可能符合领取{benefitName}的条件。如获批准，每月可领取约{monthlyAmount, number, krw}。\n\n" +
          "该福利须本人申请后方可领取。请于{applyBy, date, legal}前携带身份证件，前往附近的行政福利中心办理申请。如不便前往，负责人员可以上门为您提供帮助。\n\n" +
          "如有疑问或需要帮助，请致电负责人员：{caseWorkerPhone}。",
      },
      th: {
        title: "แจ้งสิทธิ์รับ {benefitName}",
        summary: "ท่านอาจมีสิทธิ์ได้รับ {benefitName} กรุณายื่นคำขอภายในวันที่ {applyBy, date, legal}",
        body:
          "{agencyName} ขอแจ้งให้ทราบว่า จากการตรวจสอบ ท่านอาจมีสิทธิ์ได้รับ {benefitName} หากได้รับการอนุมัติ ท่านจะได้รับเงินประมาณเดือนละ {monthlyAmount, number, krw}\n\n" +
          "สวัสดิการนี้จะจ่ายให้เฉพาะผู้ที่ยื่นคำขอเท่านั้น กรุณานำบัตรประจำตัวไปยื่นคำขอที่ศูนย์บริการชุมชนใกล้บ้านภายในวันที่ {applyBy, date, legal} หากท่านไม่สะดวกเดินทาง เจ้าหน้าที่ผู้รับผิดชอบสามารถไปพบท่านเพื่อให้ความช่วยเหลือได้\n\n" +
          "หากมีข้อสงสัยหรือต้องการความช่วยเหลือ กรุณาโทรหาเจ้าหน้าที่ผู้รับผิดชอบที่หมายเลข {caseWorkerPhone}",
      },
      vi: {
        title: "Thông báo đủ điều kiện nhận {benefitName}",
        summary: "Quý vị có thể đủ điều kiện nhận {benefitName}, vui lòng đăng ký chậm nhất vào ngày {applyBy, date, legal}.",
        body:
          "{agencyName} xin thông báo: qua kiểm tra, quý vị có thể đủ điều kiện nhận {benefitName}. Nếu được xét duyệt, quý vị có thể nhận khoảng {monthlyAmount, number, krw} mỗi tháng.\n\n" +
          "Khoản trợ cấp này chỉ được chi trả khi quý vị đăng ký. Vui lòng mang theo giấy tờ tùy thân đến trung tâm hành chính phúc lợi gần nhà để đăng ký chậm nhất vào ngày {applyBy, date, legal}. Nếu đi lại khó khăn, cán bộ phụ trách có thể đến tận nơi để hỗ trợ quý vị.\n\n" +
          "Nếu có thắc mắc hoặc cần giúp đỡ, vui lòng gọi cho cán bộ phụ trách theo số {caseWorkerPhone}.",
      },
    },
    payable: false,
    lateChargeRule: { kind: "none" },
    deliveryPolicy: { smsAfterHours: 24, letterAfterDays: 3, urgent: false },
    example: {
      benefitName: "기초생활보장 생계급여",
      monthlyAmount: 765000,
      applyBy: "2026-11-30",
      caseWorkerPhone: "02-2148-2345",
    },
  },
];
