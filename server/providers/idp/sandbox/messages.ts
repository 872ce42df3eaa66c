import { DEFAULT_LOCALE, LOCALES, type Locale } from "../../../../locales/config";

/** The demo identity provider's few words, in Moa's six locales. */
export interface SandboxMessages {
  heading: string;
  notice: string;
  choose: string;
  cancel: string;
  errorHeading: string;
  expired: string;
  logoutHeading: string;
  logoutYes: string;
  logoutNo: string;
  loggedOut: string;
}

export const SANDBOX_MESSAGES: Record<Locale, SandboxMessages> = {
  ko: {
    heading: "본인확인",
    notice: "데모 본인확인 서비스 — 테스트 전용이며, 실제 본인확인이 아닙니다",
    choose: "로그인할 데모 주민을 선택하세요",
    cancel: "취소",
    errorHeading: "본인확인을 계속할 수 없습니다",
    expired: "이 요청은 만료되었거나 다른 창에서 이미 완료되었습니다. 처음부터 다시 시도하세요.",
    logoutHeading: "데모 본인확인 서비스에서 로그아웃할까요?",
    logoutYes: "로그아웃",
    logoutNo: "로그인 유지",
    loggedOut: "로그아웃되었습니다.",
  },
  en: {
    heading: "Identity verification",
    notice: "Demo identity provider — for testing only, not a real identity check",
    choose: "Choose the demo resident to sign in as",
    cancel: "Cancel",
    errorHeading: "Identity verification cannot continue",
    expired: "This request has expired or was already completed in another window. Please start again.",
    logoutHeading: "Sign out of the demo identity provider?",
    logoutYes: "Sign out",
    logoutNo: "Stay signed in",
    loggedOut: "You have been signed out.",
  },
  ja: {
    heading: "本人確認",
    notice: "デモ本人確認サービス — テスト専用であり、実際の本人確認ではありません",
    choose: "ログインするデモ住民を選んでください",
    cancel: "キャンセル",
    errorHeading: "本人確認を続行できません",
    expired: "このリクエストは期限切れか、別のウィンドウで既に完了しています。最初からやり直してください。",
    logoutHeading: "デモ本人確認サービスからログアウトしますか？",
    logoutYes: "ログアウト",
    logoutNo: "ログインしたままにする",
    loggedOut: "ログアウトしました。",
  },
  zh: {
    heading: "身份验证",
    notice: "演示身份验证服务 — 仅供测试，并非真实的身份核验",
    choose: "请选择要登录的演示居民",
    cancel: "取消",
    errorHeading: "无法继续身份验证",
    expired: "此请求已过期，或已在其他窗口中完成。请重新开始。",
    logoutHeading: "要退出演示身份验证服务吗？",
    logoutYes: "退出",
    logoutNo: "保持登录",
    loggedOut: "您已退出。",
  },
  th: {
    heading: "ยืนยันตัวตน",
    notice: "ผู้ให้บริการยืนยันตัวตนสำหรับสาธิต — ใช้เพื่อการทดสอบเท่านั้น ไม่ใช่การยืนยันตัวตนจริง",
    choose: "เลือกผู้พักอาศัยสาธิตที่จะเข้าสู่ระบบ",
    cancel: "ยกเลิก",
    errorHeading: "ไม่สามารถดำเนินการยืนยันตัวตนต่อได้",
    expired: "คำขอนี้หมดอายุแล้วหรือดำเนินการเสร็จในหน้าต่างอื่นแล้ว โปรดเริ่มต้นใหม่",
    logoutHeading: "ออกจากระบบผู้ให้บริการยืนยันตัวตนสำหรับสาธิตหรือไม่",
    logoutYes: "ออกจากระบบ",
    logoutNo: "อยู่ในระบบต่อ",
    loggedOut: "คุณออกจากระบบแล้ว",
  },
  vi: {
    heading: "Xác minh danh tính",
    notice: "Nhà cung cấp định danh thử nghiệm — chỉ dùng để kiểm thử, không phải xác minh danh tính thật",
    choose: "Chọn cư dân demo để đăng nhập",
    cancel: "Hủy",
    errorHeading: "Không thể tiếp tục xác minh danh tính",
    expired: "Yêu cầu này đã hết hạn hoặc đã được hoàn tất ở cửa sổ khác. Vui lòng bắt đầu lại.",
    logoutHeading: "Đăng xuất khỏi nhà cung cấp định danh thử nghiệm?",
    logoutYes: "Đăng xuất",
    logoutNo: "Giữ đăng nhập",
    loggedOut: "Bạn đã đăng xuất.",
  },
};

/** One of the six locales for a BCP 47 tag (`zh-Hant-TW` still reads Chinese best as zh), or null. */
export function localeOfTag(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : null;
}

/** Accept-Language entries by descending quality, ties in the order given; q=0 dropped. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag, ...attrs] = part.trim().split(";");
      const q = attrs.map((a) => a.trim()).find((a) => a.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((e) => e.tag && e.tag !== "*" && e.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((e) => e.tag);
}

/** The page language: the first supported `ui_locales` entry, else the best Accept-Language match, else Korean. */
export function pickLocale(uiLocales: unknown, acceptLanguage: string | undefined): Locale {
  const requested = typeof uiLocales === "string" ? uiLocales.split(/\s+/).filter(Boolean) : [];
  for (const tag of [...requested, ...parseAcceptLanguage(acceptLanguage)]) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
