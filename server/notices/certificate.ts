import { CompactSign, base64url, compactVerify, decodeProtectedHeader, errors, importJWK } from "jose";
import { rgb } from "pdf-lib";
import { z } from "zod";
import type { Db } from "../db";
import { LOCALE_TAGS, type Locale, type Localized } from "../../locales/config";
import { TIME_ZONE } from "../../locales/formats";
import { A4, ACCENT, Layout, MUTED, type Block, type Geometry } from "../pdf/layout";
import { renderLayout } from "../pdf/render";
import { textWidth, type Style } from "../pdf/text";
import { CERT_ALG, publicKeys, signingKey } from "./certificate-signing";

// ─── Facts ───────────────────────────────────────────────────────────────────────────────────────

export interface DeliveryFacts {
  noticeId: string;
  reference: string;
  /** The sending agency's code (e.g. "NTS"): what the signed statement names. */
  agencyCode: string;
  agency: Localized;
  kind: Localized;
  recipientName: string;
  originalSha256: string;
  certified: boolean;
  /** Sent with a test key: the certificate says so in large letters and the statement carries it. */
  testMode: boolean;
  acceptedAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
  readMethod: string | null;
  route: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads the facts for the citizen's own notice (personId must match) or null. Only a notice that
 * has been read (readAt set) gets a certificate: the first opening is the proof of delivery.
 */
export async function deliveryFacts(db: Db, personId: string, noticeId: string): Promise<DeliveryFacts | null> {
  if (!UUID.test(personId) || !UUID.test(noticeId)) return null;
  const notice = await db.notice.findFirst({
    where: { id: noticeId, personId, readAt: { not: null } },
    select: {
      id: true,
      reference: true,
      recipientName: true,
      originalSha256: true,
      certified: true,
      testMode: true,
      acceptedAt: true,
      deliveredAt: true,
      readAt: true,
      readMethod: true,
      route: true,
      agency: { select: { code: true, name: true } },
      template: { select: { name: true } },
    },
  });
  if (!notice) return null;
  return {
    noticeId: notice.id,
    reference: notice.reference,
    agencyCode: notice.agency.code,
    agency: notice.agency.name as Localized,
    kind: notice.template.name as Localized,
    recipientName: notice.recipientName,
    originalSha256: notice.originalSha256,
    certified: notice.certified,
    testMode: notice.testMode,
    acceptedAt: notice.acceptedAt,
    deliveredAt: notice.deliveredAt,
    readAt: notice.readAt,
    readMethod: notice.readMethod,
    route: notice.route,
  };
}

// ─── Signed statement ────────────────────────────────────────────────────────────────────────────

/** The JWS `typ` of a delivery statement. */
export const STATEMENT_TYPE = "moa-delivery+jwt";

const isoTime = z.iso.datetime();
const statementSchema = z
  .object({
    v: z.literal(1),
    iss: z.literal("moa"),
    notice: z.string(),
    reference: z.string(),
    agency: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    certified: z.boolean(),
    test: z.boolean(),
    acceptedAt: isoTime,
    deliveredAt: isoTime.nullable(),
    readAt: isoTime,
    readMethod: z.string().nullable(),
    issuedAt: isoTime,
  })
  .strict();

/** What Moa signs: the notice, the hash of its Korean original and the times. No name, CI or RRN. */
export type DeliveryStatement = z.infer<typeof statementSchema>;

export type StatementVerification =
  | { valid: true; statement: DeliveryStatement; kid: string }
  | { valid: false; reason: "malformed" | "bad_signature" | "unknown_key" };

/** The signed statement as a compact JWS (EdDSA over Ed25519, `kid` = the key's RFC 7638 thumbprint). */
export async function signDeliveryStatement(facts: DeliveryFacts, now: Date): Promise<string> {
  if (!facts.readAt) throw new Error("Only a notice that has been read gets a delivery statement.");
  const statement: DeliveryStatement = {
    v: 1,
    iss: "moa",
    notice: facts.noticeId,
    reference: facts.reference,
    agency: facts.agencyCode,
    sha256: facts.originalSha256,
    certified: facts.certified,
    test: facts.testMode,
    acceptedAt: facts.acceptedAt.toISOString(),
    deliveredAt: facts.deliveredAt?.toISOString() ?? null,
    readAt: facts.readAt.toISOString(),
    readMethod: facts.readMethod,
    issuedAt: now.toISOString(),
  };
  const { privateKey, kid } = await signingKey();
  return new CompactSign(new TextEncoder().encode(JSON.stringify(statement)))
    .setProtectedHeader({ alg: CERT_ALG, typ: STATEMENT_TYPE, kid })
    .sign(privateKey);
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_JWS_LENGTH = 8192;

function parseStatement(payload: Uint8Array): DeliveryStatement | null {
  try {
    const parsed = statementSchema.safeParse(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a compact JWS against the published key(s). White space is ignored, so that the text
 * copied from a printed or extracted certificate (broken across lines) verifies as it is.
 */
export async function verifyDeliveryStatement(input: string): Promise<StatementVerification> {
  const jws = input.replace(/\s+/g, "");
  if (jws.length > MAX_JWS_LENGTH || !COMPACT_JWS.test(jws)) return { valid: false, reason: "malformed" };
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { valid: false, reason: "malformed" };
  }
  if (header.alg !== CERT_ALG || header.typ !== STATEMENT_TYPE) return { valid: false, reason: "malformed" };
  const jwk = typeof header.kid === "string" ? (await publicKeys()).keys.find((k) => k.kid === header.kid) : undefined;
  if (!jwk) return { valid: false, reason: "unknown_key" };
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, await importJWK(jwk, CERT_ALG), { algorithms: [CERT_ALG] }));
  } catch (error) {
    return { valid: false, reason: error instanceof errors.JWSSignatureVerificationFailed ? "bad_signature" : "malformed" };
  }
  const statement = parseStatement(payload);
  return statement ? { valid: true, statement, kid: header.kid as string } : { valid: false, reason: "malformed" };
}

/** Reads (without verifying) the statement and `kid` of a JWS this module produced. */
function readOwnStatement(jws: string): { statement: DeliveryStatement; kid: string } {
  const [, payload] = jws.split(".");
  const statement = payload ? parseStatement(base64url.decode(payload)) : null;
  const { kid } = decodeProtectedHeader(jws);
  if (!statement || typeof kid !== "string") throw new Error("Not a delivery statement.");
  return { statement, kid };
}

// ─── Labels ──────────────────────────────────────────────────────────────────────────────────────

interface Labels {
  title: string;
  subtitle: string;
  issuer: string;
  noticeId: string;
  sender: string;
  kind: string;
  reference: string;
  recipient: string;
  deliveryClass: string;
  certified: string;
  ordinary: string;
  route: string;
  routes: Record<string, string>;
  acceptedAt: string;
  deliveredAt: string;
  readAt: string;
  readMethod: string;
  readMethods: Record<string, string>;
  sha256: string;
  issuedAt: string;
  timeZoneNote: string;
  statementHeading: string;
  /** Heading of the translation of the Korean statement (unused in Korean). */
  translationHeading: string;
  statement: string;
  signatureHeading: string;
  signatureNote: string;
  verifyAt: string;
  signingKey: string;
  test: string;
  /** "{n}" and "{total}" are replaced. */
  page: string;
}

/**
 * The legal statement in Korean: printed on every certificate whatever the reader's language.
 * TODO(counsel): wording and statutory references to be reviewed by counsel before production use —
 * in particular whether Moa may call itself a relay (중계자) under the Framework Act on Electronic
 * Documents and Transactions, and whether 「행정절차법」 제14조·제15조 (service of documents, when it
 * takes effect) are the provisions to cite.
 */
const KO_STATEMENT =
  "위 전자문서는 발신기관이 모아(Moa)에 접수한 내용 그대로 수신자에게 도달하였으며, 수신자가 본인 확인을 거쳐 위 열람 일시에 이를 열람하였음을 증명합니다. " +
  "전자문서의 동일성은 위 SHA-256 해시값으로 확인할 수 있으며, 이 증명서의 내용은 아래 전자서명으로 위조·변조 여부를 검증할 수 있습니다. " +
  "(「행정절차법」 제14조·제15조 및 「전자문서 및 전자거래 기본법」에 따른 전자적 송달·도달 확인)";

const LABELS: Record<Locale, Labels> = {
  ko: {
    title: "배달증명서",
    subtitle: "전자문서가 수신자에게 도달하여 열람되었음을 증명합니다",
    issuer: "발급: 모아(Moa) 공공 전자우편함",
    noticeId: "문서 번호",
    sender: "발신기관",
    kind: "문서 종류",
    reference: "기관 관리번호",
    recipient: "수신자",
    deliveryClass: "송달 구분",
    certified: "등기 전자문서 (열람 전 본인 재확인)",
    ordinary: "일반 전자문서",
    route: "송달 경로",
    routes: { electronic: "전자 송달 (모아 우편함)", postal: "우편 송달" },
    acceptedAt: "접수 일시",
    deliveredAt: "도달 일시",
    readAt: "열람 일시",
    readMethod: "열람 방법",
    readMethods: { "step-up": "본인 재확인(추가 인증) 후 열람", "signed-in": "로그인 상태에서 열람" },
    sha256: "원문(한국어) SHA-256",
    issuedAt: "발급 일시",
    timeZoneNote: "모든 일시는 한국 표준시(KST, Asia/Seoul, UTC+09:00), 양력 기준입니다.",
    statementHeading: "증명 내용",
    translationHeading: "",
    statement: KO_STATEMENT,
    signatureHeading: "전자서명",
    signatureNote:
      "아래 서명 데이터(JWS, Ed25519)에는 문서 번호, 원문의 SHA-256 해시값과 위 일시가 담겨 있으며 성명은 포함되지 않습니다. 아래 주소에 입력하면 이 증명서의 진위를 확인할 수 있습니다.",
    verifyAt: "진위 확인",
    signingKey: "서명 키 ID",
    test: "시험 발송 문서 — 시험용 키로 발송되어 송달 증명의 효력이 없습니다",
    page: "{n} / {total} 쪽",
  },
  en: {
    title: "Delivery certificate",
    subtitle: "Proof that an electronic notice reached its recipient and was opened",
    issuer: "Issued by Moa, the public mailbox",
    noticeId: "Notice ID",
    sender: "Sender",
    kind: "Document",
    reference: "Agency reference",
    recipient: "Recipient",
    deliveryClass: "Delivery class",
    certified: "Certified notice (identity re-confirmed before opening)",
    ordinary: "Ordinary notice",
    route: "Delivery route",
    routes: { electronic: "Electronic (Moa inbox)", postal: "By post" },
    acceptedAt: "Accepted",
    deliveredAt: "Delivered",
    readAt: "Opened",
    readMethod: "How it was opened",
    readMethods: { "step-up": "Opened after re-confirming identity (step-up authentication)", "signed-in": "Opened while signed in to Moa" },
    sha256: "SHA-256 of the Korean original",
    issuedAt: "Issued",
    timeZoneNote: "All times are Korea Standard Time (KST, Asia/Seoul, UTC+09:00), Gregorian calendar.",
    statementHeading: "Certification (Korean text, legally binding)",
    translationHeading: "Translation (for reference only; the Korean text prevails)",
    statement:
      "This certifies that the electronic document described above reached the recipient exactly as the sending agency submitted it to Moa, and that the recipient, after confirming their identity, opened it at the time stated above. " +
      "The document can be checked against the SHA-256 value above, and the electronic signature below shows whether this certificate has been forged or altered.",
    signatureHeading: "Electronic signature",
    signatureNote:
      "The signed data below (JWS, Ed25519) contains the notice ID, the SHA-256 of the original and the times above — not your name. Enter it at the address below to confirm that this certificate is genuine.",
    verifyAt: "Verify at",
    signingKey: "Signing key ID",
    test: "TEST NOTICE — sent with a test key; not valid as proof of delivery",
    page: "Page {n} of {total}",
  },
  ja: {
    title: "配達証明書",
    subtitle: "電子通知が受取人に到達し、閲覧されたことの証明",
    issuer: "発行：Moa（公共の受信箱）",
    noticeId: "通知番号",
    sender: "差出機関",
    kind: "文書の種類",
    reference: "機関の管理番号",
    recipient: "受取人",
    deliveryClass: "送達区分",
    certified: "書留通知（閲覧前に本人を再確認）",
    ordinary: "通常の通知",
    route: "送達経路",
    routes: { electronic: "電子送達（Moa 受信箱）", postal: "郵便送達" },
    acceptedAt: "受付日時",
    deliveredAt: "到達日時",
    readAt: "閲覧日時",
    readMethod: "閲覧方法",
    readMethods: { "step-up": "本人を再確認（追加認証）したうえで閲覧", "signed-in": "ログイン中に閲覧" },
    sha256: "韓国語原文の SHA-256",
    issuedAt: "発行日時",
    timeZoneNote: "日時はすべて韓国標準時（KST、Asia/Seoul、UTC+09:00）の西暦で表示しています。",
    statementHeading: "証明文（韓国語・法的効力のある文）",
    translationHeading: "翻訳（参考用。韓国語の文が優先します）",
    statement:
      "上記の電子文書が、差出機関が Moa に提出した内容のまま受取人に到達し、受取人が本人確認を経て上記の閲覧日時にこれを閲覧したことを証明します。" +
      "文書の同一性は上記の SHA-256 値で確認でき、この証明書の内容は下記の電子署名により偽造・改ざんの有無を検証できます。",
    signatureHeading: "電子署名",
    signatureNote:
      "下記の署名データ（JWS、Ed25519）には通知番号、原文の SHA-256 値、上記の日時が含まれ、氏名は含まれません。下記のアドレスで入力すると、この証明書が本物であることを確認できます。",
    verifyAt: "検証先",
    signingKey: "署名鍵 ID",
    test: "テスト通知 — テスト用キーで送信されたため、送達の証明にはなりません",
    page: "{n} / {total} ページ",
  },
  zh: {
    title: "送达证明书",
    subtitle: "证明电子通知已送达收件人并已被查阅",
    issuer: "签发：Moa 公共信箱",
    noticeId: "通知编号",
    sender: "发件机关",
    kind: "文书类型",
    reference: "机关编号",
    recipient: "收件人",
    deliveryClass: "送达类别",
    certified: "挂号通知（查阅前再次确认身份）",
    ordinary: "普通通知",
    route: "送达途径",
    routes: { electronic: "电子送达（Moa 收件箱）", postal: "邮寄送达" },
    acceptedAt: "受理时间",
    deliveredAt: "送达时间",
    readAt: "查阅时间",
    readMethod: "查阅方式",
    readMethods: { "step-up": "再次确认身份（追加认证）后查阅", "signed-in": "登录状态下查阅" },
    sha256: "韩文原文的 SHA-256",
    issuedAt: "签发时间",
    timeZoneNote: "所有时间均为韩国标准时间（KST，Asia/Seoul，UTC+09:00），公历。",
    statementHeading: "证明内容（韩文，具有法律效力）",
    translationHeading: "译文（仅供参考，以韩文为准）",
    statement:
      "兹证明上述电子文书已按发件机关提交给 Moa 的内容原样送达收件人，且收件人经身份确认后于上述查阅时间查阅了该文书。" +
      "文书的一致性可通过上述 SHA-256 值核对；本证明书的内容可通过下方电子签名验证是否经过伪造或篡改。",
    signatureHeading: "电子签名",
    signatureNote: "下方签名数据（JWS，Ed25519）包含通知编号、原文的 SHA-256 值和上述时间，不包含姓名。在下方网址输入即可确认本证明书的真伪。",
    verifyAt: "验证网址",
    signingKey: "签名密钥 ID",
    test: "测试通知 — 使用测试密钥发送，不能作为送达证明",
    page: "第 {n} 页，共 {total} 页",
  },
  th: {
    title: "หนังสือรับรองการนำส่ง",
    subtitle: "หลักฐานว่าหนังสือแจ้งทางอิเล็กทรอนิกส์ถึงผู้รับและผู้รับได้เปิดอ่านแล้ว",
    issuer: "ออกโดย Moa กล่องจดหมายภาครัฐ",
    noticeId: "รหัสหนังสือแจ้ง",
    sender: "หน่วยงานผู้ส่ง",
    kind: "ประเภทเอกสาร",
    reference: "เลขอ้างอิงของหน่วยงาน",
    recipient: "ผู้รับ",
    deliveryClass: "ประเภทการส่ง",
    certified: "หนังสือแจ้งลงทะเบียน (ยืนยันตัวตนซ้ำก่อนเปิดอ่าน)",
    ordinary: "หนังสือแจ้งทั่วไป",
    route: "ช่องทางการส่ง",
    routes: { electronic: "ทางอิเล็กทรอนิกส์ (กล่องจดหมาย Moa)", postal: "ทางไปรษณีย์" },
    acceptedAt: "วันเวลาที่รับเรื่อง",
    deliveredAt: "วันเวลาที่ส่งถึง",
    readAt: "วันเวลาที่เปิดอ่าน",
    readMethod: "วิธีการเปิดอ่าน",
    readMethods: { "step-up": "เปิดอ่านหลังยืนยันตัวตนซ้ำ (การยืนยันตัวตนเพิ่มเติม)", "signed-in": "เปิดอ่านขณะเข้าสู่ระบบ Moa" },
    sha256: "ค่า SHA-256 ของต้นฉบับภาษาเกาหลี",
    issuedAt: "วันเวลาที่ออก",
    timeZoneNote: "วันเวลาทั้งหมดเป็นเวลามาตรฐานเกาหลี (KST, Asia/Seoul, UTC+09:00) ตามปฏิทินเกรกอเรียน",
    statementHeading: "ข้อความรับรอง (ภาษาเกาหลี มีผลทางกฎหมาย)",
    translationHeading: "คำแปล (เพื่อประกอบความเข้าใจเท่านั้น ให้ยึดข้อความภาษาเกาหลีเป็นหลัก)",
    statement:
      "ขอรับรองว่าเอกสารอิเล็กทรอนิกส์ข้างต้นได้ส่งถึงผู้รับตรงตามที่หน่วยงานผู้ส่งยื่นต่อ Moa และผู้รับได้ยืนยันตัวตนแล้วเปิดอ่านเอกสารดังกล่าวในวันเวลาที่ระบุไว้ข้างต้น " +
      "ความถูกต้องของเอกสารตรวจสอบได้ด้วยค่า SHA-256 ข้างต้น และการปลอมแปลงหรือแก้ไขหนังสือรับรองนี้ตรวจสอบได้ด้วยลายมือชื่ออิเล็กทรอนิกส์ด้านล่าง",
    signatureHeading: "ลายมือชื่ออิเล็กทรอนิกส์",
    signatureNote:
      "ข้อมูลที่ลงนามด้านล่าง (JWS, Ed25519) มีรหัสหนังสือแจ้ง ค่า SHA-256 ของต้นฉบับ และวันเวลาข้างต้น โดยไม่มีชื่อของท่าน ป้อนข้อมูลนี้ที่ที่อยู่ด้านล่างเพื่อยืนยันว่าหนังสือรับรองนี้เป็นของจริง",
    verifyAt: "ตรวจสอบได้ที่",
    signingKey: "รหัสกุญแจลงนาม",
    test: "หนังสือแจ้งทดสอบ — ส่งด้วยคีย์ทดสอบ ใช้เป็นหลักฐานการนำส่งไม่ได้",
    page: "หน้า {n} จาก {total}",
  },
  vi: {
    title: "Giấy chứng nhận đã gửi đến",
    subtitle: "Bằng chứng thông báo điện tử đã đến người nhận và đã được mở đọc",
    issuer: "Cấp bởi Moa, hộp thư công",
    noticeId: "Mã thông báo",
    sender: "Cơ quan gửi",
    kind: "Loại văn bản",
    reference: "Số tham chiếu của cơ quan",
    recipient: "Người nhận",
    deliveryClass: "Hình thức gửi",
    certified: "Thông báo bảo đảm (xác minh lại danh tính trước khi mở)",
    ordinary: "Thông báo thường",
    route: "Kênh gửi",
    routes: { electronic: "Điện tử (hộp thư Moa)", postal: "Qua bưu điện" },
    acceptedAt: "Thời điểm tiếp nhận",
    deliveredAt: "Thời điểm gửi đến",
    readAt: "Thời điểm mở đọc",
    readMethod: "Cách mở đọc",
    readMethods: { "step-up": "Mở đọc sau khi xác minh lại danh tính (xác thực bổ sung)", "signed-in": "Mở đọc khi đã đăng nhập Moa" },
    sha256: "SHA-256 của bản gốc tiếng Hàn",
    issuedAt: "Thời điểm cấp",
    timeZoneNote: "Mọi thời điểm đều theo giờ chuẩn Hàn Quốc (KST, Asia/Seoul, UTC+09:00), theo dương lịch.",
    statementHeading: "Nội dung chứng nhận (tiếng Hàn, có giá trị pháp lý)",
    translationHeading: "Bản dịch (chỉ để tham khảo; văn bản tiếng Hàn được ưu tiên áp dụng)",
    statement:
      "Chứng nhận rằng văn bản điện tử nêu trên đã đến người nhận đúng như nội dung cơ quan gửi đã nộp cho Moa, và người nhận, sau khi xác minh danh tính, đã mở đọc văn bản vào thời điểm nêu trên. " +
      "Tính nguyên vẹn của văn bản có thể kiểm tra bằng giá trị SHA-256 nêu trên; chữ ký điện tử dưới đây cho biết giấy chứng nhận này có bị giả mạo hay sửa đổi hay không.",
    signatureHeading: "Chữ ký điện tử",
    signatureNote:
      "Dữ liệu được ký dưới đây (JWS, Ed25519) gồm mã thông báo, giá trị SHA-256 của bản gốc và các thời điểm nêu trên, không gồm họ tên của bạn. Nhập dữ liệu này tại địa chỉ dưới đây để xác nhận giấy chứng nhận là thật.",
    verifyAt: "Kiểm tra tại",
    signingKey: "Mã khóa ký",
    test: "THÔNG BÁO THỬ NGHIỆM — gửi bằng khóa thử nghiệm, không có giá trị chứng minh đã gửi",
    page: "Trang {n}/{total}",
  },
};

/** The Korean legal title, on every certificate. */
export const LEGAL_TITLE_KO = "배달증명서";

/** The certificate's title in each locale (for file names, page titles and tests). */
export const CERTIFICATE_TITLES: Record<Locale, string> = Object.fromEntries(
  Object.entries(LABELS).map(([locale, labels]) => [locale, labels.title]),
) as Record<Locale, string>;

// ─── Layout ──────────────────────────────────────────────────────────────────────────────────────

const GEOMETRY: Geometry = { ...A4, marginX: 50, top: A4.height - 40, bottom: 62, footerY: 40 };
const CONTENT_WIDTH = A4.width - 2 * GEOMETRY.marginX;
const LABEL_WIDTH = 150;
const GAP = 12;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - GAP;
const WARNING = rgb(0.72, 0.1, 0.1);

/**
 * A row of the facts table: the label and its Korean legal label left (side by side when they
 * fit, else one under the other), the value(s) right.
 */
function factsRow(layout: Layout, label: { text: string; style: Style }, korean: { text: string; style: Style } | null, value: Block[]) {
  const { marginX } = layout.geometry;
  const labelBlock = layout.block(label.text, label.style, LABEL_WIDTH);
  const labelWidth = textWidth(label.text, label.style);
  const inline = korean && labelBlock.lines.length === 1 && labelWidth + 5 + textWidth(korean.text, korean.style) <= LABEL_WIDTH;
  const labelBlocks = korean && !inline ? [labelBlock, layout.block(korean.text, korean.style, LABEL_WIDTH)] : [labelBlock];
  const height = Math.max(layout.height(labelBlocks), layout.height(value)) + 5.5;
  layout.ensure(height);
  const top = layout.y - 2.75;
  layout.drawBlocks(labelBlocks, marginX, top);
  if (korean && inline) {
    const baseline = top - labelBlock.lineHeight + (labelBlock.lineHeight - label.style.size) * 0.55;
    layout.line(korean.text, korean.style, marginX + labelWidth + 5, baseline);
  }
  layout.drawBlocks(value, marginX + LABEL_WIDTH + GAP, top);
  layout.y -= height;
  layout.rule(0.4);
}

// ─── The certificate ─────────────────────────────────────────────────────────────────────────────

/** A legal timestamp: Gregorian, Asia/Seoul, to the second, Latin digits, with "KST". */
function formatTime(date: Date, locale: Locale): string {
  const text = new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    timeZone: TIME_ZONE,
    calendar: "gregory",
    numberingSystem: "latn",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(date);
  return `${text} KST`.replace(/[\u00a0\u202f]/g, " ");
}

/**
 * The delivery certificate as a PDF (A4): the title in the reader's language and the Korean legal
 * title 배달증명서, the facts, the Korean legal statement (with a translation for reference), the
 * signed statement and where to verify it. Fonts are embedded as subsets; Hangul is always set in
 * Noto Sans KR, Thai in Noto Sans Thai, Han and kana in the JP/SC/KR font of the text's language.
 */
export async function deliveryCertificatePdf(facts: DeliveryFacts, jws: string, locale: Locale, publicUrl: string): Promise<Uint8Array> {
  const { statement, kid } = readOwnStatement(jws);
  if (statement.notice !== facts.noticeId) throw new Error("The signed statement is for another notice.");
  const L = LABELS[locale];
  const K = LABELS.ko;
  const korean = locale === "ko";
  const issuedAt = new Date(statement.issuedAt);
  const verifyUrl = `${publicUrl.replace(/\/+$/, "")}/verify`;

  const text = (size: number, extra: Partial<Style> = {}): Style => ({ size, lang: locale, ...extra });
  const ko = (size: number, extra: Partial<Style> = {}): Style => ({ size, lang: "ko", ...extra });
  const layout = new Layout(GEOMETRY);

  // Header.
  layout.band(ACCENT);
  layout.space(6);
  layout.flow([layout.block(korean ? L.issuer : `${L.issuer} · ${K.issuer}`, text(8, { color: MUTED }), CONTENT_WIDTH)], GEOMETRY.marginX, 6);
  layout.flow([layout.block(L.title, text(19, { weight: "bold", color: ACCENT }), CONTENT_WIDTH, 26)]);
  if (!korean) layout.flow([layout.block(LEGAL_TITLE_KO, ko(14, { weight: "bold", color: ACCENT }), CONTENT_WIDTH, 20)]);
  layout.space(4);
  layout.flow([layout.block(L.subtitle, text(9.5, { color: MUTED }), CONTENT_WIDTH)]);
  if (!korean) layout.flow([layout.block(K.subtitle, ko(8, { color: MUTED }), CONTENT_WIDTH)]);
  if (facts.testMode) {
    layout.space(6);
    layout.flow([layout.block(L.test, text(11, { weight: "bold", color: WARNING }), CONTENT_WIDTH)]);
    if (!korean) layout.flow([layout.block(K.test, ko(9, { weight: "bold", color: WARNING }), CONTENT_WIDTH)]);
  }
  layout.space(10);
  layout.rule(1.2, ACCENT);

  // The facts.
  const row = (label: keyof Labels, value: string, options: { koValue?: string; mono?: boolean } = {}) => {
    const valueBlocks = [layout.block(value, options.mono ? text(8, { mono: true }) : text(9.5), VALUE_WIDTH)];
    if (!korean && options.koValue && options.koValue !== value) valueBlocks.push(layout.block(options.koValue, ko(7.5, { color: MUTED }), VALUE_WIDTH));
    factsRow(layout, { text: L[label] as string, style: text(9, { weight: "bold" }) }, korean ? null : { text: K[label] as string, style: ko(7.5, { color: MUTED }) }, valueBlocks);
  };
  const method = (labels: Labels) => (facts.readMethod ? (labels.readMethods[facts.readMethod] ?? facts.readMethod) : "—");
  const time = (date: Date | null, l: Locale) => (date ? formatTime(date, l) : "—");
  row("noticeId", facts.noticeId, { mono: true });
  row("sender", facts.agency[locale] ?? facts.agency.ko, { koValue: facts.agency.ko });
  row("kind", facts.kind[locale] ?? facts.kind.ko, { koValue: facts.kind.ko });
  row("reference", facts.reference);
  row("recipient", facts.recipientName);
  row("deliveryClass", facts.certified ? L.certified : L.ordinary, { koValue: facts.certified ? K.certified : K.ordinary });
  row("route", L.routes[facts.route] ?? facts.route, { koValue: K.routes[facts.route] ?? facts.route });
  row("acceptedAt", time(facts.acceptedAt, locale), { koValue: time(facts.acceptedAt, "ko") });
  row("deliveredAt", time(facts.deliveredAt, locale), { koValue: time(facts.deliveredAt, "ko") });
  row("readAt", time(facts.readAt, locale), { koValue: time(facts.readAt, "ko") });
  row("readMethod", method(L), { koValue: method(K) });
  row("sha256", facts.originalSha256, { mono: true });
  row("issuedAt", formatTime(issuedAt, locale), { koValue: formatTime(issuedAt, "ko") });
  layout.space(4);
  layout.flow([layout.block(L.timeZoneNote, text(7.5, { color: MUTED }), CONTENT_WIDTH)]);
  if (!korean) layout.flow([layout.block(K.timeZoneNote, ko(7, { color: MUTED }), CONTENT_WIDTH)]);

  // The legal statement: Korean always, a translation for reference.
  layout.space(10);
  layout.paragraph(KO_STATEMENT, ko(9.5), 4, [layout.block(L.statementHeading, text(10.5, { weight: "bold", color: ACCENT }), CONTENT_WIDTH, 17)]);
  if (!korean) layout.paragraph(L.statement, text(8, { color: MUTED }), 0, [layout.block(L.translationHeading, text(8, { weight: "bold", color: MUTED }), CONTENT_WIDTH)]);

  // The signature and where to verify it.
  layout.space(10);
  const signatureHeading = korean ? L.signatureHeading : `${L.signatureHeading} · ${K.signatureHeading}`;
  layout.paragraph(L.signatureNote, text(7.5, { color: MUTED }), 3, [layout.block(signatureHeading, text(10.5, { weight: "bold", color: ACCENT }), CONTENT_WIDTH, 17)]);
  layout.flow([layout.block(jws, text(6, { mono: true }), CONTENT_WIDTH, 7.8)], GEOMETRY.marginX, 5);
  layout.flow([layout.block(korean ? `${L.verifyAt}: ${verifyUrl}` : `${L.verifyAt} (${K.verifyAt}): ${verifyUrl}`, text(10, { weight: "bold" }), CONTENT_WIDTH)]);
  layout.flow([layout.block(`${L.signingKey}: ${kid} (Ed25519)`, text(7.5, { color: MUTED }), CONTENT_WIDTH)]);

  // Footers, now that the page count is known.
  layout.footers(`Moa · ${LEGAL_TITLE_KO} · ${facts.noticeId}`, ko(7, { color: MUTED }), (n, total) => L.page.replace("{n}", String(n)).replace("{total}", String(total)), text(7, { color: MUTED }));

  const doc = await renderLayout(layout);
  doc.setTitle(korean ? `${LEGAL_TITLE_KO} · ${facts.reference}` : `${L.title} (${LEGAL_TITLE_KO}) · ${facts.reference}`, { showInWindowTitleBar: true });
  doc.setSubject(L.subtitle);
  doc.setAuthor("Moa");
  doc.setCreator("Moa");
  doc.setProducer("Moa (pdf-lib)");
  doc.setKeywords([facts.noticeId, facts.reference, facts.originalSha256]);
  doc.setLanguage(LOCALE_TAGS[locale]);
  doc.setCreationDate(issuedAt);
  doc.setModificationDate(issuedAt);
  return doc.save();
}
