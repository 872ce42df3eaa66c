import type { Locale } from "../../locales/config";

/** The printed copy's words in the six locales; the certificate's name and the Korean title come from labels.ts. */
export interface PrintLabels {
  printedCopy: string;
  issuer: string;
  issuedAt: string;
  authenticityNumber: string;
  contents: string;
  rrnBackWithheld: string;
  verifyHeading: string;
  verifyHow: string;
  qrValidUntil: string;
  page: string;
}

export const PRINT_LABELS: Record<Locale, PrintLabels> = {
  ko: {
    printedCopy: "모아 전자지갑 증명서 출력본",
    issuer: "발급기관",
    issuedAt: "발급일시",
    authenticityNumber: "문서확인번호",
    contents: "증명 내용",
    rrnBackWithheld: "주민등록번호 뒷자리는 출력하지 않습니다.",
    verifyHeading: "진위 확인",
    verifyHow: "QR 코드를 스캔하거나 아래 주소에서 문서확인번호를 입력하면 위조·변조 여부와 취소 여부를 확인할 수 있습니다.",
    qrValidUntil: "QR 코드 유효기간: {date}까지",
    page: "{n}/{total}쪽",
  },
  en: {
    printedCopy: "Printed copy of a certificate in the Moa wallet",
    issuer: "Issued by",
    issuedAt: "Issued at",
    authenticityNumber: "Authenticity number",
    contents: "Contents",
    rrnBackWithheld: "The last 7 digits of the resident registration number are not printed.",
    verifyHeading: "Check that it is genuine",
    verifyHow: "Scan the QR code, or enter the authenticity number at the address below, to check that this certificate is unaltered and has not been revoked.",
    qrValidUntil: "QR code valid until {date}",
    page: "Page {n} of {total}",
  },
  ja: {
    printedCopy: "Moa電子ウォレットの証明書の印刷版",
    issuer: "発行機関",
    issuedAt: "発行日時",
    authenticityNumber: "文書確認番号",
    contents: "証明内容",
    rrnBackWithheld: "住民登録番号の後7桁は印刷していません。",
    verifyHeading: "真偽の確認",
    verifyHow: "QRコードを読み取るか、下記のアドレスで文書確認番号を入力すると、改ざんされていないこと、取り消されていないことを確認できます。",
    qrValidUntil: "QRコードの有効期限：{date}まで",
    page: "{n}/{total}ページ",
  },
  zh: {
    printedCopy: "Moa电子钱包证明书打印件",
    issuer: "签发机关",
    issuedAt: "签发时间",
    authenticityNumber: "文件确认号码",
    contents: "证明内容",
    rrnBackWithheld: "居民登记号码后7位不予打印。",
    verifyHeading: "真伪查验",
    verifyHow: "扫描二维码，或在下方网址输入文件确认号码，即可确认本证明未被篡改、未被撤销。",
    qrValidUntil: "二维码有效期至{date}",
    page: "第{n}页，共{total}页",
  },
  th: {
    printedCopy: "สำเนาพิมพ์ของหนังสือรับรองในกระเป๋าเอกสาร Moa",
    issuer: "หน่วยงานที่ออก",
    issuedAt: "วันเวลาที่ออก",
    authenticityNumber: "หมายเลขยืนยันเอกสาร",
    contents: "รายละเอียดที่รับรอง",
    rrnBackWithheld: "ไม่พิมพ์เลขทะเบียนราษฎร 7 หลักหลัง",
    verifyHeading: "ตรวจสอบความถูกต้อง",
    verifyHow: "สแกนคิวอาร์โค้ด หรือกรอกหมายเลขยืนยันเอกสารที่ที่อยู่ด้านล่าง เพื่อตรวจสอบว่าหนังสือรับรองนี้ไม่ถูกแก้ไขและไม่ถูกเพิกถอน",
    qrValidUntil: "คิวอาร์โค้ดใช้ได้ถึง {date}",
    page: "หน้า {n} จาก {total}",
  },
  vi: {
    printedCopy: "Bản in giấy chứng nhận trong ví Moa",
    issuer: "Cơ quan cấp",
    issuedAt: "Thời điểm cấp",
    authenticityNumber: "Số xác thực",
    contents: "Nội dung chứng nhận",
    rrnBackWithheld: "Không in 7 chữ số cuối của số đăng ký cư trú.",
    verifyHeading: "Kiểm tra tính xác thực",
    verifyHow: "Quét mã QR, hoặc nhập số xác thực tại địa chỉ dưới đây, để kiểm tra giấy chứng nhận này không bị sửa đổi và chưa bị thu hồi.",
    qrValidUntil: "Mã QR có hiệu lực đến {date}",
    page: "Trang {n}/{total}",
  },
};
