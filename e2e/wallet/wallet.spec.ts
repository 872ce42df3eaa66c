import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { axeViolations, WCAG_TAGS } from "../axe";
import { expect, msg, setMode, test, type Locale } from "../support";

/** Issue 7: a certificate issued into the wallet, shared with claims hidden, verified by a stranger, shown offline. */
const senior = DEMO_CITIZENS.find((c) => c.key === "senior")!;
const m = (key: string, locale: Locale = "ko") => msg(locale, key);
// 김순자's household copy: the grandchild's entry and the address are hidden in the share.
const HIDDEN = ["이민준", "2006-09-02", "2006년 9월 2일", "삼봉로", "03154"];

async function signIn(page: Page) {
  await page.goto("/ko/signin?returnTo=/ko/wallet");
  await page.getByRole("link", { name: m("auth.continue") }).click();
  await page.getByRole("button", { name: senior.name }).click();
  await page.waitForURL(/\/ko\/(welcome|wallet)/);
  if (page.url().includes("/welcome")) {
    await page.getByRole("radio", { name: m("welcome.consentYes") }).check();
    await page.getByRole("button", { name: m("welcome.continue") }).click();
    await page.waitForURL((url) => !url.pathname.includes("/welcome"));
    if (!page.url().endsWith("/ko/wallet")) await page.goto("/ko/wallet");
  }
  await expect(page.locator("h1")).toHaveText(m("wallet.title"));
}

async function expectAxeClean(page: Page, where: string, narrow = false) {
  expect(await axeViolations(page, { tags: WCAG_TAGS }), where).toEqual([]);
  if (narrow) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${where} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  }
}

/** Axe on the holder's three pages, in a locale and mode. */
async function axeHolderPages(page: Page, context: BrowserContext, baseURL: string, locale: Locale, mode: "default" | "text-200", walletPath: string) {
  await setMode(context, baseURL, mode);
  await page.setViewportSize(mode === "text-200" ? { width: 320, height: 640 } : { width: 1280, height: 720 });
  await page.goto(`/${locale}/wallet`);
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
  await expectAxeClean(page, `${locale} ${mode} wallet`, mode === "text-200");
  await page.goto(`/${locale}${walletPath}`);
  await expect(page.getByRole("heading", { name: m("share.list.title", locale) })).toBeVisible();
  await expectAxeClean(page, `${locale} ${mode} detail`, mode === "text-200");
  await page.goto(`/${locale}${walletPath}/share`);
  await expect(page.getByRole("heading", { name: m("share.form.preview", locale) })).toBeVisible();
  await expectAxeClean(page, `${locale} ${mode} share form`, mode === "text-200");
}

test("a resident registration copy is issued, shared with two claims hidden, verified ✓ ✓ ✓ by a stranger, and shown offline", async ({ page, context, browser, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page);

  // Request → choose the type → issued into the wallet (the fresh sign-in is the step-up).
  await page.getByRole("button", { name: m("wallet.request") }).click();
  await page.getByRole("radio", { name: /주민등록표 등본/ }).check();
  await page.getByRole("button", { name: m("wallet.issue") }).click();
  await expect(page.getByText("주민등록표 등본을(를) 전자지갑에 발급했습니다.")).toBeVisible();
  await page.getByRole("link", { name: m("wallet.openIssued") }).click();
  await expect(page.locator("h1")).toHaveText("주민등록표 등본");
  await expect(page.getByText("이민준 · 손자녀")).toBeVisible();
  await expect(page.getByText(m("wallet.keyHere"))).toBeVisible();
  const walletPath = new URL(page.url()).pathname.replace(/^\/ko/, "");
  const number = (await page.locator("dd").nth(3).innerText()).trim();
  expect(number).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);

  // Share with the grandchild and the address hidden; the preview shows what the recipient will see.
  await page.getByRole("link", { name: m("wallet.share") }).click();
  await page.getByRole("checkbox", { name: /이민준/ }).uncheck();
  await page.getByRole("checkbox", { name: /^주소:/ }).uncheck();
  const preview = page.getByRole("region", { name: m("share.form.preview") });
  await expect(preview).toContainText("김순자");
  for (const hidden of HIDDEN) await expect(preview).not.toContainText(hidden);
  await page.getByRole("button", { name: m("share.form.make") }).click();
  await expect(page.getByRole("heading", { name: m("share.form.madeTitle") })).toBeFocused();
  const url = await page.getByRole("textbox", { name: m("share.form.link") }).inputValue();
  expect(url).toMatch(/\/ko\/s\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("img", { name: m("share.form.qrAlt") })).toBeVisible();

  // A stranger opens the link: three checks pass, and the hidden claims are nowhere, not even on the wire.
  const stranger = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.77.0.1" } });
  const strangerPage = await stranger.newPage();
  const bodies: Promise<string>[] = [];
  strangerPage.on("response", (response) => bodies.push(response.text().catch(() => "")));
  await strangerPage.goto(url);
  await expect(strangerPage.locator("h1")).toHaveText(m("share.view.title"));
  const checks = strangerPage.getByRole("list", { name: m("share.view.checksLabel") });
  await expect(checks.getByRole("listitem")).toHaveCount(4);
  await expect(checks).toContainText(`${m("share.view.issuer")}: ${m("share.view.issuerOk")}`);
  await expect(checks).toContainText(`${m("share.view.unaltered")}: 예, `);
  await expect(checks).toContainText(`${m("share.view.notRevoked")}: 예, `);
  await expect(checks).toContainText(`${m("share.view.holder")}: ${m("share.view.holderOk")}`);
  await expect(checks).not.toContainText("✗");
  await expect(strangerPage.getByText("김순자").first()).toBeVisible();
  await expectAxeClean(strangerPage, "ko share view");
  await strangerPage.waitForLoadState("networkidle");
  const html = await strangerPage.content();
  const wire = (await Promise.all(bodies)).join("\n");
  for (const hidden of HIDDEN) {
    expect(html, `page shows ${hidden}`).not.toContain(hidden);
    expect(wire, `a response carries ${hidden}`).not.toContain(hidden);
  }
  // The same link in English, at 200 % text and 320 px.
  await setMode(stranger, baseURL!, "text-200");
  await strangerPage.setViewportSize({ width: 320, height: 640 });
  await strangerPage.goto(url.replace("/ko/s/", "/en/s/"));
  await expect(strangerPage.locator("h1")).toHaveText(m("share.view.title", "en"));
  await expectAxeClean(strangerPage, "en text-200 share view", true);
  await stranger.close();

  // The holder sees both views, from one viewer, and can close the link.
  await page.goto(`/ko${walletPath}`);
  await expect(page.getByText("2회 열람, 열람자 1명.")).toBeVisible();

  // Network off: the wallet still shows the certificate, from this device.
  await page.goto("/ko/wallet");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  // Its own copy: other specs (the counter's) may have issued her another one.
  await expect(page.locator(`a[href$="${walletPath}"]`)).toHaveText("주민등록표 등본");
  await context.setOffline(true);
  await page.goto("/ko/wallet");
  await expect(page.locator("h1")).toHaveText(m("offline.title"));
  const offline = page.getByRole("region", { name: /내 증명서/ });
  await expect(offline.getByRole("heading", { name: "주민등록표 등본" }).first()).toBeVisible();
  await expect(offline).toContainText(number);
  await expect(offline).toContainText("이민준 · 손자녀");
  // The seeded health insurance certificate, never opened: its details were saved with the list.
  await expect(offline.getByRole("heading", { name: "건강보험 자격확인서" })).toBeVisible();
  await expect(offline).toContainText("피부양자");
  await context.setOffline(false);

  // Axe: the holder's pages in Korean at 200 % text and 320 px, and in English by default.
  await axeHolderPages(page, context, baseURL!, "ko", "text-200", walletPath);
  await axeHolderPages(page, context, baseURL!, "en", "default", walletPath);

  // Closing the link: the stranger's next visit is refused in words.
  await page.goto(`/ko${walletPath}`);
  await page.getByRole("button", { name: `이 링크 닫기(${m("share.list.anyone")})` }).click();
  await expect(page.getByText(m("share.list.revoked"))).toBeVisible();
  const late = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.77.0.2" } });
  const latePage = await late.newPage();
  await latePage.goto(url);
  await expect(latePage.getByText(m("share.view.closed.revoked"))).toBeVisible();
  await late.close();

  // The printable copy downloads as a PDF (its QR code is read back in server/credentials/print.test.ts).
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: m("wallet.print") }).click()]);
  expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe("%PDF-");
  await page.reload();
  await expect(page.getByRole("heading", { name: m("share.list.printed") })).toBeVisible();
});
