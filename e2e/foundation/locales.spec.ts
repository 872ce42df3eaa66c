import { expect, test } from "@playwright/test";
import { LANG, LOCALES, msg } from "../support";

test.describe("six languages", () => {
  for (const locale of LOCALES) {
    test(`/${locale} renders in its language`, async ({ page }) => {
      await page.goto(`/${locale}`);
      await expect(page.locator("html")).toHaveAttribute("lang", LANG[locale]);
      await expect(page.locator("h1")).toHaveText(msg(locale, "landing.title"));
      await expect(page).toHaveTitle(new RegExp(msg(locale, "landing.title")));
      await expect(page.locator("link[rel=manifest]")).toHaveAttribute("href", `/${locale}/manifest.webmanifest`);
    });
  }

  test("/ follows Accept-Language, then the saved choice wins", async ({ browser, baseURL }) => {
    const thai = await browser.newContext({ locale: "th-TH", extraHTTPHeaders: { "Accept-Language": "th-TH,th;q=0.9" } });
    const page = await thai.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/th$/);
    await thai.addCookies([{ name: "NEXT_LOCALE", value: "ja", url: baseURL! }]);
    await page.goto("/");
    await expect(page).toHaveURL(/\/ja$/);
    await thai.close();
  });

  test("the language switcher keeps the page and names each language in itself", async ({ page }) => {
    await page.goto("/en/settings");
    await page.getByText(/^Language: English/).click();
    const list = page.getByRole("list", { name: "Choose a language" }).first();
    await expect(list.getByRole("link")).toHaveText(["한국어", "✓ English", "日本語", "简体中文", "ไทย", "Tiếng Việt"]);
    await expect(list.getByRole("link", { name: "ไทย" })).toHaveAttribute("lang", "th");
    await list.getByRole("link", { name: "日本語" }).click();
    await expect(page).toHaveURL(/\/ja\/settings$/);
    await expect(page.locator("h1")).toHaveText(msg("ja", "settings.title"));
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  });

  test("money and dates follow each locale's rules", async ({ page }) => {
    // The landing page counts agencies with an ICU plural.
    await page.goto("/en");
    await expect(page.getByText("7 agencies send notices through Moa.")).toBeVisible();
    await page.goto("/ko");
    await expect(page.getByText("7개 기관이 모아로 알림을 보냅니다.")).toBeVisible();
  });
});
