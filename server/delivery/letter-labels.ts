import type { Locale } from "../../locales/config";

export interface LetterLabels {
  /** Heading of the Korean original, in this language. */
  original: string;
  /** Heading of the translation of the notice (unused in Korean). */
  translation: string;
  verifyHeading: string;
  /** How to check the letter: scan the QR code or type the number at the address printed below. */
  verifyHow: string;
  /** "{n}" and "{total}" are replaced. */
  page: string;
}

/** Under the translation heading, in Korean, for the officials and helpers who read the letter too. */
export const TRANSLATION_NOTE_KO = "아래는 참고용 번역문입니다. 한국어 원문과 내용이 다를 경우 한국어 원문이 우선합니다.";

export const LETTER_LABELS: Record<Locale, LetterLabels> = {
  ko: {
    original: "문서 원문 (법적 효력이 있는 한국어 원문)",
    translation: "",
    verifyHeading: "진위 확인 번호",
    verifyHow: "휴대전화 카메라로 QR 코드를 찍거나 아래 주소에서 위 번호를 입력하면 이 우편물이 모아(Moa)에서 보낸 진본인지 확인할 수 있습니다.",
    page: "{n} / {total} 쪽",
  },
  en: {
    original: "Korean original (the legally binding text)",
    translation: "Translation, for reference only: where it differs, the Korean text prevails",
    verifyHeading: "Authenticity number",
    verifyHow: "To check that this letter really comes from Moa, scan the QR code with your phone's camera or enter the number above at the address below.",
    page: "Page {n} of {total}",
  },
  ja: {
    original: "韓国語の原文（法的効力のある文書）",
    translation: "翻訳（参考用）：内容が異なる場合は韓国語の原文が優先します",
    verifyHeading: "真正性確認番号",
    verifyHow: "この郵便物が Moa から送られた本物であることを確かめるには、スマートフォンのカメラで QR コードを読み取るか、下記のアドレスで上の番号を入力してください。",
    page: "{n} / {total} ページ",
  },
  zh: {
    original: "韩文原文（具有法律效力的文本）",
    translation: "译文（仅供参考）：如有出入，以韩文原文为准",
    verifyHeading: "真伪验证编号",
    verifyHow: "如需确认本信件确由 Moa 寄出，请用手机相机扫描二维码，或在下方网址输入上方的编号。",
    page: "第 {n} 页，共 {total} 页",
  },
  th: {
    original: "ต้นฉบับภาษาเกาหลี (ข้อความที่มีผลทางกฎหมาย)",
    translation: "คำแปลเพื่อประกอบความเข้าใจเท่านั้น หากมีข้อความไม่ตรงกัน ให้ยึดข้อความภาษาเกาหลีเป็นหลัก",
    verifyHeading: "เลขตรวจสอบความถูกต้อง",
    verifyHow: "หากต้องการตรวจสอบว่าจดหมายฉบับนี้ส่งมาจาก Moa จริง ให้สแกนคิวอาร์โค้ดด้วยกล้องโทรศัพท์ หรือป้อนเลขข้างต้นที่ที่อยู่ด้านล่าง",
    page: "หน้า {n} จาก {total}",
  },
  vi: {
    original: "Bản gốc tiếng Hàn (văn bản có giá trị pháp lý)",
    translation: "Bản dịch chỉ để tham khảo: nếu có khác biệt, văn bản tiếng Hàn được ưu tiên áp dụng",
    verifyHeading: "Mã xác thực",
    verifyHow: "Để kiểm tra thư này có đúng do Moa gửi hay không, hãy quét mã QR bằng camera điện thoại hoặc nhập mã số ở trên tại địa chỉ dưới đây.",
    page: "Trang {n}/{total}",
  },
};
