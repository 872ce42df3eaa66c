import type { Locale } from "../../locales/config";

export interface ReceiptLabels {
  title: string;
  subtitle: string;
  issuer: string;
  paymentId: string;
  orderId: string;
  payer: string;
  method: string;
  approvedAt: string;
  bills: string;
  kind: string;
  paymentNumber: string;
  principal: string;
  lateCharge: string;
  amount: string;
  refunded: string;
  total: string;
  totalRefunded: string;
  net: string;
  timeZoneNote: string;
  statementHeading: string;
  translationHeading: string;
  statement: string;
  /** "{n}" and "{total}" are replaced. */
  page: string;
}

export const LEGAL_TITLE_KO = "전자영수증";

/**
 * The Korean statement printed on every receipt, whatever the reader's language.
 * TODO(counsel): wording to be reviewed by counsel before production use — in particular whether
 * Moa (not the agency or a bank) may issue a receipt (영수증) for taxes and public charges, whether
 * this may stand in for the agency's 영수필 통지, and which provisions (「지방세징수법」, 「국세징수법」,
 * 「전자문서 및 전자거래 기본법」) it should cite.
 */
const KO_STATEMENT =
  "위 금액이 모아(Moa)를 통하여 전자결제로 납부되었음을 확인합니다. 이 전자영수증은 결제대행사의 승인 내역에 따라 발급되었으며, " +
  "각 고지서의 납부 처리는 해당 기관의 기록에 따릅니다. 취소(환불)된 금액이 있는 경우 위 환불 금액을 뺀 금액이 납부된 금액입니다.";

export const RECEIPT_LABELS: Record<Locale, ReceiptLabels> = {
  ko: {
    title: "전자영수증",
    subtitle: "모아(Moa)에서 납부한 고지서의 영수증입니다",
    issuer: "발급: 모아(Moa) 공공 전자우편함",
    paymentId: "결제 번호",
    orderId: "주문 번호",
    payer: "납부자",
    method: "결제 수단",
    approvedAt: "승인 일시",
    bills: "납부 내역",
    kind: "고지 종류",
    paymentNumber: "전자납부번호",
    principal: "본세·요금",
    lateCharge: "가산금",
    amount: "납부 금액",
    refunded: "환불",
    total: "합계",
    totalRefunded: "환불 합계",
    net: "최종 납부 금액",
    timeZoneNote: "모든 일시는 한국 표준시(KST, Asia/Seoul, UTC+09:00), 양력 기준입니다.",
    statementHeading: "영수 확인",
    translationHeading: "",
    statement: KO_STATEMENT,
    page: "{n} / {total} 쪽",
  },
  en: {
    title: "Payment receipt",
    subtitle: "A receipt for bills paid through Moa",
    issuer: "Issued by Moa, the public mailbox",
    paymentId: "Payment ID",
    orderId: "Order number",
    payer: "Paid by",
    method: "Payment method",
    approvedAt: "Approved",
    bills: "Bills paid",
    kind: "Bill",
    paymentNumber: "Payment number",
    principal: "Principal",
    lateCharge: "Late charge",
    amount: "Amount",
    refunded: "Refunded",
    total: "Total",
    totalRefunded: "Total refunded",
    net: "Amount paid",
    timeZoneNote: "All times are Korea Standard Time (KST, Asia/Seoul, UTC+09:00), Gregorian calendar.",
    statementHeading: "Receipt (Korean text, legally binding)",
    translationHeading: "Translation (for reference only; the Korean text prevails)",
    statement:
      "This confirms that the amount above was paid electronically through Moa. This electronic receipt was issued from the payment company's approval record; " +
      "each agency's own records govern how each bill is settled. Where an amount was cancelled (refunded), the amount paid is the total less the refunds.",
    page: "Page {n} of {total}",
  },
  ja: {
    title: "領収書",
    subtitle: "Moa で納付した通知の領収書です",
    issuer: "発行：Moa（公共の受信箱）",
    paymentId: "決済番号",
    orderId: "注文番号",
    payer: "納付者",
    method: "決済手段",
    approvedAt: "承認日時",
    bills: "納付の内訳",
    kind: "通知の種類",
    paymentNumber: "電子納付番号",
    principal: "本税・料金",
    lateCharge: "延滞金",
    amount: "納付額",
    refunded: "返金",
    total: "合計",
    totalRefunded: "返金合計",
    net: "最終納付額",
    timeZoneNote: "日時はすべて韓国標準時（KST、Asia/Seoul、UTC+09:00）の西暦で表示しています。",
    statementHeading: "領収の確認（韓国語・法的効力のある文）",
    translationHeading: "翻訳（参考用。韓国語の文が優先します）",
    statement:
      "上記の金額が Moa を通じて電子決済で納付されたことを確認します。この電子領収書は決済代行会社の承認記録に基づいて発行され、" +
      "各通知の納付処理は各機関の記録に従います。取消（返金）された金額がある場合、納付額は合計から返金額を差し引いた額です。",
    page: "{n} / {total} ページ",
  },
  zh: {
    title: "电子收据",
    subtitle: "通过 Moa 缴纳的通知的收据",
    issuer: "签发：Moa 公共信箱",
    paymentId: "付款编号",
    orderId: "订单编号",
    payer: "缴款人",
    method: "付款方式",
    approvedAt: "批准时间",
    bills: "缴款明细",
    kind: "通知类型",
    paymentNumber: "电子缴款编号",
    principal: "本金",
    lateCharge: "滞纳金",
    amount: "缴款金额",
    refunded: "已退款",
    total: "合计",
    totalRefunded: "退款合计",
    net: "实缴金额",
    timeZoneNote: "所有时间均为韩国标准时间（KST，Asia/Seoul，UTC+09:00），公历。",
    statementHeading: "收款确认（韩文，具有法律效力）",
    translationHeading: "译文（仅供参考，以韩文为准）",
    statement: "兹确认上述金额已通过 Moa 以电子支付方式缴纳。本电子收据依据支付服务商的批准记录签发，各通知的缴款处理以各机关的记录为准。如有取消（退款）的金额，实缴金额为合计减去退款后的金额。",
    page: "第 {n} 页，共 {total} 页",
  },
  th: {
    title: "ใบเสร็จรับเงิน",
    subtitle: "ใบเสร็จสำหรับหนังสือแจ้งที่ชำระผ่าน Moa",
    issuer: "ออกโดย Moa กล่องจดหมายภาครัฐ",
    paymentId: "รหัสการชำระเงิน",
    orderId: "เลขที่คำสั่ง",
    payer: "ผู้ชำระ",
    method: "วิธีชำระเงิน",
    approvedAt: "วันเวลาที่อนุมัติ",
    bills: "รายการที่ชำระ",
    kind: "ประเภทหนังสือแจ้ง",
    paymentNumber: "เลขชำระเงินอิเล็กทรอนิกส์",
    principal: "เงินต้น",
    lateCharge: "เงินเพิ่ม",
    amount: "จำนวนเงิน",
    refunded: "คืนเงิน",
    total: "รวม",
    totalRefunded: "รวมเงินที่คืน",
    net: "ยอดที่ชำระ",
    timeZoneNote: "วันเวลาทั้งหมดเป็นเวลามาตรฐานเกาหลี (KST, Asia/Seoul, UTC+09:00) ตามปฏิทินเกรกอเรียน",
    statementHeading: "การรับเงิน (ภาษาเกาหลี มีผลทางกฎหมาย)",
    translationHeading: "คำแปล (เพื่อประกอบความเข้าใจเท่านั้น ให้ยึดข้อความภาษาเกาหลีเป็นหลัก)",
    statement:
      "ขอยืนยันว่าได้ชำระเงินจำนวนข้างต้นทางอิเล็กทรอนิกส์ผ่าน Moa แล้ว ใบเสร็จอิเล็กทรอนิกส์นี้ออกตามบันทึกการอนุมัติของผู้ให้บริการชำระเงิน " +
      "การดำเนินการชำระของหนังสือแจ้งแต่ละฉบับเป็นไปตามบันทึกของหน่วยงานนั้น หากมีการยกเลิก (คืนเงิน) ยอดที่ชำระคือยอดรวมหักเงินที่คืน",
    page: "หน้า {n} จาก {total}",
  },
  vi: {
    title: "Biên lai thanh toán",
    subtitle: "Biên lai cho các thông báo đã thanh toán qua Moa",
    issuer: "Cấp bởi Moa, hộp thư công",
    paymentId: "Mã thanh toán",
    orderId: "Số đơn",
    payer: "Người nộp",
    method: "Phương thức thanh toán",
    approvedAt: "Thời điểm phê duyệt",
    bills: "Các khoản đã nộp",
    kind: "Loại thông báo",
    paymentNumber: "Số nộp điện tử",
    principal: "Tiền gốc",
    lateCharge: "Tiền phạt chậm nộp",
    amount: "Số tiền",
    refunded: "Đã hoàn",
    total: "Tổng cộng",
    totalRefunded: "Tổng đã hoàn",
    net: "Số tiền đã nộp",
    timeZoneNote: "Mọi thời điểm theo giờ chuẩn Hàn Quốc (KST, Asia/Seoul, UTC+09:00), lịch Gregory.",
    statementHeading: "Xác nhận đã thu (tiếng Hàn, có giá trị pháp lý)",
    translationHeading: "Bản dịch (chỉ để tham khảo; văn bản tiếng Hàn được ưu tiên)",
    statement:
      "Xác nhận số tiền trên đã được thanh toán điện tử qua Moa. Biên lai điện tử này được cấp theo hồ sơ phê duyệt của công ty thanh toán; " +
      "việc xử lý từng thông báo theo hồ sơ của cơ quan liên quan. Nếu có khoản bị hủy (hoàn tiền), số tiền đã nộp là tổng cộng trừ đi số tiền hoàn.",
    page: "Trang {n}/{total}",
  },
};

/** The gateway names methods in Korean (Toss `method`); unknown ones are printed as they came. */
export const METHOD_NAMES: Record<Locale, Record<string, string>> = {
  ko: {},
  en: { 카드: "Card", 간편결제: "Easy pay", 계좌이체: "Bank transfer", 가상계좌: "Virtual account", 휴대폰: "Mobile phone" },
  ja: { 카드: "カード", 간편결제: "簡単決済", 계좌이체: "口座振替", 가상계좌: "仮想口座", 휴대폰: "携帯電話" },
  zh: { 카드: "银行卡", 간편결제: "便捷支付", 계좌이체: "银行转账", 가상계좌: "虚拟账户", 휴대폰: "手机支付" },
  th: { 카드: "บัตร", 간편결제: "ชำระเงินแบบง่าย", 계좌이체: "โอนเงินผ่านธนาคาร", 가상계좌: "บัญชีเสมือน", 휴대폰: "โทรศัพท์มือถือ" },
  vi: { 카드: "Thẻ", 간편결제: "Ví điện tử", 계좌이체: "Chuyển khoản", 가상계좌: "Tài khoản ảo", 휴대폰: "Điện thoại di động" },
};
