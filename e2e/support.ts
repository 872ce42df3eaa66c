import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";

export const LOCALES = ["ko", "en", "ja", "zh", "th", "vi"] as const;
export type Locale = (typeof LOCALES)[number];
export const LANG: Record<Locale, string> = { ko: "ko", en: "en", ja: "ja", zh: "zh-Hans", th: "th", vi: "vi" };

type Tree = { [k: string]: string | Tree };
const cache = new Map<Locale, Tree>();

/** A message from locales/<locale>.json by dotted key (no ICU arguments). */
export function msg(locale: Locale, key: string): string {
  if (!cache.has(locale)) cache.set(locale, JSON.parse(readFileSync(`locales/${locale}.json`, "utf8")));
  const value = key.split(".").reduce<string | Tree>((node, k) => (node as Tree)[k], cache.get(locale)!);
  if (typeof value !== "string") throw new Error(`no message ${locale}:${key}`);
  return value;
}

export const MODES = {
  default: "100.0.0",
  "text-200": "200.0.0",
  "screen-reader": "100.1.0",
  "high-contrast": "100.0.1",
} as const;
export type Mode = keyof typeof MODES;

export async function setMode(context: BrowserContext, baseURL: string, mode: Mode) {
  await context.addCookies([{ name: "moa-prefs", value: MODES[mode], url: baseURL }]);
}

export async function activeElementText(page: Page) {
  return page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent?.trim() }));
}
