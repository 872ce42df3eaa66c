import type { Locale, Localized } from "../../locales/config";

/**
 * What a push or an SMS says: the sender and the kind of notice in the citizen's language, never the
 * content, an amount or a name (a lock screen and an SMS inbox are not private).
 */
const NEW_NOTICE: Record<Locale, (kind: string) => string> = {
  ko: (kind) => `새 전자문서: ${kind}`,
  en: (kind) => `New notice: ${kind}`,
  ja: (kind) => `新しい通知：${kind}`,
  zh: (kind) => `新通知：${kind}`,
  th: (kind) => `หนังสือแจ้งใหม่: ${kind}`,
  vi: (kind) => `Thông báo mới: ${kind}`,
};

const SMS: Record<Locale, (agency: string, kind: string, link: string) => string> = {
  ko: (agency, kind, link) => `[모아] ${agency} 전자문서 도착: ${kind}. 확인: ${link}`,
  en: (agency, kind, link) => `[Moa] ${agency} sent you a notice: ${kind}. Open: ${link}`,
  ja: (agency, kind, link) => `[Moa] ${agency}から通知が届きました：${kind}。確認：${link}`,
  zh: (agency, kind, link) => `[Moa] ${agency}向您发送了通知：${kind}。查看：${link}`,
  th: (agency, kind, link) => `[Moa] ${agency} ส่งหนังสือแจ้งถึงคุณ: ${kind} เปิดอ่าน: ${link}`,
  vi: (agency, kind, link) => `[Moa] ${agency} đã gửi thông báo: ${kind}. Xem: ${link}`,
};

export interface PushPayload {
  v: 1;
  noticeId: string;
  title: string;
  body: string;
  /** Path to open on click; the app asks for sign-in and step-up as needed. */
  url: string;
  lang: Locale;
}

export function pushPayload(noticeId: string, locale: Locale, agencyName: Localized, kindName: Localized): PushPayload {
  return { v: 1, noticeId, title: agencyName[locale] ?? agencyName.ko, body: NEW_NOTICE[locale](kindName[locale] ?? kindName.ko), url: `/${locale}/inbox/${noticeId}`, lang: locale };
}

export function smsText(locale: Locale, agencyName: Localized, kindName: Localized, link: string): string {
  return SMS[locale](agencyName[locale] ?? agencyName.ko, kindName[locale] ?? kindName.ko, link);
}
