import type { Locale } from "../../locales/config";

/**
 * What Moa tells a citizen about help at a counter, in their language. An SMS code names the
 * center, so a code asked for by someone else is recognised as not the citizen's own request.
 */
export const APPROVAL_PUSH: Record<Locale, (center: string) => string> = {
  ko: (center) => `${center}에서 도움을 드리려고 합니다. 눌러서 허용하거나 거절하세요.`,
  en: (center) => `${center} is asking to help you. Tap to allow or refuse.`,
  ja: (center) => `${center}があなたの手続きの手伝いを求めています。タップして許可または拒否してください。`,
  zh: (center) => `${center}请求协助您办理。点击以允许或拒绝。`,
  th: (center) => `${center} ขอช่วยเหลือคุณ แตะเพื่ออนุญาตหรือปฏิเสธ`,
  vi: (center) => `${center} đề nghị hỗ trợ bạn. Chạm để cho phép hoặc từ chối.`,
};

export const CONSENT_CODE_SMS: Record<Locale, (center: string, code: string) => string> = {
  ko: (center, code) => `[모아] ${center} 직원의 도움에 동의하는 인증번호: ${code} (10분간 유효). 창구에 계시지 않다면 알려 주지 마세요.`,
  en: (center, code) => `[Moa] Code to let ${center} staff help you: ${code} (valid 10 min). If you are not at the counter, do not share it.`,
  ja: (center, code) => `[Moa] ${center}の職員の手伝いに同意する認証番号：${code}（10分間有効）。窓口にいない場合は伝えないでください。`,
  zh: (center, code) => `[Moa] 同意${center}工作人员协助您的验证码：${code}（10分钟内有效）。如您不在窗口，请勿告诉他人。`,
  th: (center, code) => `[Moa] รหัสยินยอมให้เจ้าหน้าที่ ${center} ช่วยเหลือคุณ: ${code} (ใช้ได้ 10 นาที) หากคุณไม่ได้อยู่ที่เคาน์เตอร์ อย่าบอกรหัสนี้`,
  vi: (center, code) => `[Moa] Mã đồng ý để nhân viên ${center} hỗ trợ bạn: ${code} (hiệu lực 10 phút). Nếu bạn không ở quầy, đừng chia sẻ mã.`,
};

export const PAYMENT_CODE_SMS: Record<Locale, (center: string, code: string) => string> = {
  ko: (center, code) => `[모아] ${center} 창구에서 진행하는 납부를 확인하는 인증번호: ${code} (10분간 유효).`,
  en: (center, code) => `[Moa] Code to confirm the payment made for you at ${center}: ${code} (valid 10 min).`,
  ja: (center, code) => `[Moa] ${center}の窓口での納付を確認する認証番号：${code}（10分間有効）。`,
  zh: (center, code) => `[Moa] 确认在${center}窗口为您办理缴费的验证码：${code}（10分钟内有效）。`,
  th: (center, code) => `[Moa] รหัสยืนยันการชำระเงินที่ ${center}: ${code} (ใช้ได้ 10 นาที)`,
  vi: (center, code) => `[Moa] Mã xác nhận khoản thanh toán tại ${center}: ${code} (hiệu lực 10 phút).`,
};

/** The report after a session: how many things were done, and where to see each. */
export const SUMMARY: Record<Locale, (center: string, count: number, link: string) => string> = {
  ko: (center, count, link) => `[모아] ${center} 직원이 회원님을 도와 ${count}건을 처리했습니다. 내역: ${link}`,
  en: (center, count, link) => `[Moa] ${center} staff helped you with ${count} ${count === 1 ? "action" : "actions"}. Details: ${link}`,
  ja: (center, count, link) => `[Moa] ${center}の職員があなたの手続きを${count}件手伝いました。詳細：${link}`,
  zh: (center, count, link) => `[Moa] ${center}工作人员为您办理了${count}项事务。详情：${link}`,
  th: (center, count, link) => `[Moa] เจ้าหน้าที่ ${center} ช่วยดำเนินการให้คุณ ${count} รายการ รายละเอียด: ${link}`,
  vi: (center, count, link) => `[Moa] Nhân viên ${center} đã hỗ trợ bạn ${count} thao tác. Chi tiết: ${link}`,
};
