import { z } from "zod";
import { isLocale, LOCALE_TAGS, type Locale } from "../../locales/config";

/**
 * The sandbox gateway's hosted payment window: one HTML page with a plain form (no script), in the
 * six languages, with the page title matching its h1.
 */

export const WINDOW_METHODS = ["card", "kakaopay", "naverpay", "tosspay", "transfer", "virtual-account"] as const;
export type WindowMethod = (typeof WINDOW_METHODS)[number];

const httpUrl = z.url({ protocol: /^https?$/ });

export const WindowRequest = z.object({
  orderId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  amount: z.coerce.number().int().min(1).max(1e12),
  orderName: z.string().min(1).max(100),
  successUrl: httpUrl,
  failUrl: httpUrl,
  clientKey: z.string().min(1),
  customerName: z.string().max(100).optional(),
  locale: z.string().optional().transform((l): Locale => (isLocale(l) ? l : "ko")),
});
export type WindowRequest = z.infer<typeof WindowRequest>;

interface Strings {
  title: string;
  sandbox: string;
  order: string;
  amount: string;
  method: string;
  methods: Record<WindowMethod, string>;
  cardNumber: string;
  cardHint: string;
  pay: (amount: string) => string;
  cancel: string;
  error: string;
  problem: string;
  cardError: string;
  invalid: string;
}

const brands = { kakaopay: "Kakao Pay", naverpay: "Naver Pay", tosspay: "Toss Pay" };

const STRINGS: Record<Locale, Strings> = {
  ko: {
    title: "테스트 결제",
    sandbox: "모아 개발용 테스트 결제창입니다. 실제로 돈이 나가지 않습니다.",
    order: "주문",
    amount: "결제 금액",
    method: "결제 수단",
    methods: { card: "카드", kakaopay: "카카오페이", naverpay: "네이버페이", tosspay: "토스페이", transfer: "계좌이체", "virtual-account": "가상계좌" },
    cardNumber: "카드 번호 (카드 결제 시)",
    cardHint: "아무 16자리 숫자나 입력하세요. 4000 0000 0000 0002는 거절됩니다.",
    pay: (a) => `${a} 결제하기`,
    cancel: "결제 취소하고 돌아가기",
    error: "오류",
    problem: "입력한 내용을 확인해 주세요",
    cardError: "카드 번호 16자리를 입력하세요.",
    invalid: "결제 요청이 올바르지 않습니다.",
  },
  en: {
    title: "Test payment",
    sandbox: "Moa’s test payment window for development. No money moves.",
    order: "Order",
    amount: "Amount",
    method: "Payment method",
    methods: { card: "Card", ...brands, transfer: "Bank transfer", "virtual-account": "Virtual account" },
    cardNumber: "Card number (for card payments)",
    cardHint: "Enter any 16 digits. 4000 0000 0000 0002 is declined.",
    pay: (a) => `Pay ${a}`,
    cancel: "Cancel and go back",
    error: "Error",
    problem: "There is a problem",
    cardError: "Enter a 16-digit card number.",
    invalid: "This payment request is not valid.",
  },
  ja: {
    title: "テスト決済",
    sandbox: "開発用のMoaテスト決済画面です。実際のお金は動きません。",
    order: "注文",
    amount: "決済金額",
    method: "決済手段",
    methods: { card: "カード", ...brands, transfer: "口座振込", "virtual-account": "バーチャル口座" },
    cardNumber: "カード番号（カード決済の場合）",
    cardHint: "任意の16桁の数字を入力してください。4000 0000 0000 0002 は拒否されます。",
    pay: (a) => `${a}を支払う`,
    cancel: "キャンセルして戻る",
    error: "エラー",
    problem: "入力内容を確認してください",
    cardError: "16桁のカード番号を入力してください。",
    invalid: "この決済リクエストは無効です。",
  },
  zh: {
    title: "测试支付",
    sandbox: "这是 Moa 开发用的测试支付页面，不会产生真实扣款。",
    order: "订单",
    amount: "支付金额",
    method: "支付方式",
    methods: { card: "银行卡", ...brands, transfer: "账户转账", "virtual-account": "虚拟账户" },
    cardNumber: "卡号（银行卡支付时填写）",
    cardHint: "可输入任意16位数字。4000 0000 0000 0002 将被拒绝。",
    pay: (a) => `支付${a}`,
    cancel: "取消并返回",
    error: "错误",
    problem: "请检查输入内容",
    cardError: "请输入16位卡号。",
    invalid: "此支付请求无效。",
  },
  th: {
    title: "การชำระเงินทดสอบ",
    sandbox: "หน้าชำระเงินทดสอบของ Moa สำหรับการพัฒนา ไม่มีการตัดเงินจริง",
    order: "คำสั่งซื้อ",
    amount: "จำนวนเงิน",
    method: "วิธีชำระเงิน",
    methods: { card: "บัตร", ...brands, transfer: "โอนเงินผ่านบัญชี", "virtual-account": "บัญชีเสมือน" },
    cardNumber: "หมายเลขบัตร (สำหรับชำระด้วยบัตร)",
    cardHint: "กรอกตัวเลข 16 หลักใดก็ได้ หมายเลข 4000 0000 0000 0002 จะถูกปฏิเสธ",
    pay: (a) => `ชำระ ${a}`,
    cancel: "ยกเลิกและกลับ",
    error: "ข้อผิดพลาด",
    problem: "โปรดตรวจสอบข้อมูลที่กรอก",
    cardError: "กรอกหมายเลขบัตร 16 หลัก",
    invalid: "คำขอชำระเงินนี้ไม่ถูกต้อง",
  },
  vi: {
    title: "Thanh toán thử",
    sandbox: "Đây là trang thanh toán thử của Moa dùng khi phát triển. Không có tiền thật bị trừ.",
    order: "Đơn hàng",
    amount: "Số tiền",
    method: "Phương thức thanh toán",
    methods: { card: "Thẻ", ...brands, transfer: "Chuyển khoản ngân hàng", "virtual-account": "Tài khoản ảo" },
    cardNumber: "Số thẻ (khi thanh toán bằng thẻ)",
    cardHint: "Nhập 16 chữ số bất kỳ. Số 4000 0000 0000 0002 sẽ bị từ chối.",
    pay: (a) => `Thanh toán ${a}`,
    cancel: "Hủy và quay lại",
    error: "Lỗi",
    problem: "Vui lòng kiểm tra thông tin đã nhập",
    cardError: "Hãy nhập số thẻ gồm 16 chữ số.",
    invalid: "Yêu cầu thanh toán này không hợp lệ.",
  },
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${LOCALE_TAGS[locale]}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:32rem;padding:1rem;word-break:keep-all}
fieldset{border:1px solid #555;margin:1rem 0}label{display:block;margin:.25rem 0}input[type=text]{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}
button{font:inherit;padding:.75rem 1.5rem;margin:1rem 0}.error{color:#a00;font-weight:bold}:focus{outline:3px solid #fd0;outline-offset:2px}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The form; `cardError` after a card payment was submitted without a usable number. */
export function renderWindow(req: WindowRequest, cardError = false): string {
  const t = STRINGS[req.locale];
  const money = new Intl.NumberFormat(LOCALE_TAGS[req.locale], { style: "currency", currency: "KRW" }).format(req.amount);
  const cancelUrl = new URL(req.failUrl);
  cancelUrl.searchParams.set("code", "PAY_PROCESS_CANCELED");
  cancelUrl.searchParams.set("message", "사용자에 의해 결제가 취소되었습니다.");
  cancelUrl.searchParams.set("orderId", req.orderId);
  const hidden = (["orderId", "amount", "orderName", "successUrl", "failUrl", "clientKey", "customerName", "locale"] as const)
    .filter((k) => req[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${esc(String(req[k]))}">`)
    .join("");
  const radios = WINDOW_METHODS.map(
    (m, i) => `<label><input type="radio" name="method" value="${m}"${i === 0 ? " checked" : ""}> ${esc(t.methods[m])}</label>`,
  ).join("");
  const summary = cardError
    ? `<div role="alert"><h2>${esc(t.problem)}</h2><p><a href="#card-number">${esc(t.cardError)}</a></p></div>`
    : "";
  const body = `<h1>${esc(t.title)}</h1>${summary}<p>${esc(t.sandbox)}</p>
<dl><dt>${esc(t.order)}</dt><dd>${esc(req.orderName)}</dd><dt>${esc(t.amount)}</dt><dd>${esc(money)}</dd></dl>
<form method="post" action="/pay">${hidden}
<fieldset><legend>${esc(t.method)}</legend>${radios}</fieldset>
<label for="card-number">${esc(t.cardNumber)}</label>
<p id="card-hint">${esc(t.cardHint)}</p>
${cardError ? `<p id="card-error" class="error">${esc(t.cardError)}</p>` : ""}
<input type="text" id="card-number" name="cardNumber" inputmode="numeric" autocomplete="off" aria-describedby="card-hint${cardError ? " card-error" : ""}"${cardError ? ' aria-invalid="true"' : ""}>
<button type="submit">${esc(t.pay(money))}</button>
</form>
<p><a href="${esc(cancelUrl.toString())}">${esc(t.cancel)}</a></p>`;
  return page(req.locale, cardError ? `${t.error}: ${t.title}` : t.title, body);
}

export function renderInvalid(locale: string | null): string {
  const l = isLocale(locale) ? locale : "ko";
  return page(l, STRINGS[l].invalid, `<h1>${esc(STRINGS[l].invalid)}</h1>`);
}
