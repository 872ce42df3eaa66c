/** The six locales, Korean first (the default). */
export const LOCALES = ["ko", "en", "ja", "zh", "th", "vi"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ko";

/** Each language named in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  ko: "한국어",
  en: "English",
  ja: "日本語",
  zh: "简体中文",
  th: "ไทย",
  vi: "Tiếng Việt",
};

/** BCP 47 tags for `lang` attributes and Intl. */
export const LOCALE_TAGS: Record<Locale, string> = {
  ko: "ko",
  en: "en",
  ja: "ja",
  zh: "zh-Hans",
  th: "th",
  vi: "vi",
};

export type Localized = Record<Locale, string>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
