import { expect, test } from "@playwright/test";
import { axeViolations, WCAG_TAGS } from "../axe";
import { LOCALES, ROTATED_MODES, setMode, type Mode } from "../support";

// A share link that does not exist: the public share page, as a recipient with a wrong link sees it.
const PAGES = ["", "/settings", "/offline", "/signin", "/verify", "/verify/letter", "/assist/signin", `/s/${"A".repeat(43)}`];

/**
 * Every page: axe finds nothing, the title names the h1, no id repeats; at 200 % and 320 px nothing
 * scrolls sideways. Long words overflow per page and language, so text-200 runs for every page in
 * every locale. The other modes change only <html>'s data attributes (CSS) and which of the display
 * controls are pressed or checked, not a page's own markup, so they rotate: each page is checked in each of them in two
 * locales, and each locale in each of them on two or three pages (192 page loads down to 96).
 */
LOCALES.forEach((locale, l) => {
  const plans: { name: string; checks: { path: string; mode: Mode }[] }[] = [
    { name: "text-200 mode, every page", checks: PAGES.map((path) => ({ path, mode: "text-200" })) },
    { name: "default, screen-reader and high-contrast modes in turn", checks: PAGES.map((path, p) => ({ path, mode: ROTATED_MODES[(l + p) % ROTATED_MODES.length] })) },
  ];
  for (const plan of plans) {
    test(`axe: ${locale} in ${plan.name}`, async ({ page, context, baseURL }) => {
      for (const { path, mode } of plan.checks) {
        await setMode(context, baseURL!, mode);
        await page.setViewportSize(mode === "text-200" ? { width: 320, height: 640 } : { width: 1280, height: 720 });
        const where = `${locale}${path} in ${mode} mode`;
        await page.goto(`/${locale}${path}`);
        await expect(page.locator("h1")).toHaveCount(1);
        // Open the header's disclosures too, so their contents are checked.
        await page.locator("header details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        expect(await axeViolations(page, { tags: WCAG_TAGS }), where).toEqual([]);

        const title = await page.title();
        const h1 = (await page.locator("h1").innerText()).trim();
        expect(title.includes(h1), `${where}: title "${title}" repeats h1 "${h1}"`).toBe(true);
        const duplicateIds = await page.evaluate(() => {
          const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
          return ids.filter((id, i) => ids.indexOf(id) !== i);
        });
        expect(duplicateIds, where).toEqual([]);

        if (mode === "text-200") {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${where} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
        }
      }
    });
  }
});
