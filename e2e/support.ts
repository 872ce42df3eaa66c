import { readFileSync } from "node:fs";
import pg from "pg";
import { TOTP } from "otpauth";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_OPERATOR_PASSWORD, DEMO_OPERATOR_TOTP_SECRET } from "../prisma/seed/data";

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

/**
 * Modes only set <html>'s data attributes (CSS) and which display controls are pressed. Overflow at
 * 200 % depends on each language's words, so text-200 is checked in every locale; the other modes
 * take turns across the locales, each in two of them.
 */
export const ROTATED_MODES: Mode[] = ["default", "screen-reader", "high-contrast"];
export const modesFor = (locale: Locale): Mode[] => ["text-200", ROTATED_MODES[LOCALES.indexOf(locale) % ROTATED_MODES.length]];

export async function setMode(context: BrowserContext, baseURL: string, mode: Mode) {
  await context.addCookies([{ name: "moa-prefs", value: MODES[mode], url: baseURL }]);
}

export async function activeElementText(page: Page) {
  return page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent?.trim() }));
}

/**
 * Tests that sign in use this `test`: each speaks from its own client address (Moa trusts
 * X-Forwarded-For in e2e, as behind a proxy), so rate limits count per test as per person.
 */
export const test = base.extend({
  extraHTTPHeaders: async ({}, provide, testInfo) => {
    const n = [...testInfo.testId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    await provide({ "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
  },
});
export { expect };

/** The running server's database (from the demo.json `npm start` writes), for setting up what no page can. */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const { databaseUrl } = JSON.parse(readFileSync(".data-e2e/demo.json", "utf8")) as { databaseUrl: string };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A virtual platform authenticator (Chromium DevTools protocol) that verifies the user silently. */
export async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

/** On the console's sign-in page: a demo agency operator signs in with the demo password and a fresh code. */
export async function signInOperator(page: Page, email: string, locale: Locale = "en") {
  await page.getByLabel(msg(locale, "workerSignIn.email")).fill(email);
  await page.getByLabel(msg(locale, "workerSignIn.password")).fill(DEMO_OPERATOR_PASSWORD);
  await page.getByLabel(msg(locale, "workerSignIn.code")).fill(new TOTP({ secret: DEMO_OPERATOR_TOTP_SECRET, digits: 6, period: 30 }).generate());
  await page.getByRole("button", { name: msg(locale, "workerSignIn.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/console$`));
}
