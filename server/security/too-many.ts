import { TRPCError } from "@trpc/server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../../locales/config";

const MESSAGES: Record<Locale, (seconds: number) => string> = {
  ko: (n) => `시도 횟수가 너무 많습니다. ${n}초 후에 다시 시도해 주세요.`,
  en: (n) => `Too many attempts. Please wait ${n} ${n === 1 ? "second" : "seconds"} and try again.`,
  ja: (n) => `試行回数が多すぎます。${n}秒後にもう一度お試しください。`,
  zh: (n) => `尝试次数过多，请等待${n}秒后再试。`,
  th: (n) => `มีการลองหลายครั้งเกินไป กรุณารอ ${n} วินาทีแล้วลองใหม่อีกครั้ง`,
  vi: (n) => `Bạn đã thử quá nhiều lần. Vui lòng đợi ${n} giây rồi thử lại.`,
};

// Retry-After takes whole seconds, and 0 would invite an immediate retry.
const wholeSeconds = (seconds: number) => (Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 1);

export function tooManyRequestsMessage(locale: string, retryAfterSeconds: number): string {
  return MESSAGES[isLocale(locale) ? locale : DEFAULT_LOCALE](wholeSeconds(retryAfterSeconds));
}

/** The 429 answer of a route handler, in the reader's language. */
export function tooManyRequestsResponse(locale: string, retryAfterSeconds: number): Response {
  const seconds = wholeSeconds(retryAfterSeconds);
  const body = { error: { code: "rate_limited", message: tooManyRequestsMessage(locale, seconds), retryAfterSeconds: seconds } };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: {
      "Retry-After": String(seconds),
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}

/** The 429 answer to a browser navigation: a plain page in the reader's language, no script. */
export function tooManyRequestsPage(locale: string, retryAfterSeconds: number, backHref: string): Response {
  const seconds = wholeSeconds(retryAfterSeconds);
  const lang = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const message = escapeHtml(tooManyRequestsMessage(lang, seconds));
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Moa</title></head><body><main><h1>${message}</h1><p><a href="${escapeHtml(backHref)}">Moa</a></p></main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "Retry-After": String(seconds), "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** For tRPC procedures: the fetch adapter sends resHeaders with the error, which it maps to 429. */
export function throwTooManyRequests(resHeaders: Headers, retryAfterSeconds: number): never {
  resHeaders.set("Retry-After", String(wholeSeconds(retryAfterSeconds)));
  throw new TRPCError({ code: "TOO_MANY_REQUESTS" });
}
