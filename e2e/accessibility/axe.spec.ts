import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { LOCALES, MODES, setMode, type Mode } from "../support";

/** Every page, in every locale and mode: axe finds nothing; at 200 % and 320 px nothing scrolls sideways. */
// A share link that does not exist: the public share page, as a recipient with a wrong link sees it.
const PAGES = ["", "/settings", "/offline", "/signin", "/verify", "/verify/letter", "/assist/signin", `/s/${"A".repeat(43)}`];
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

for (const mode of Object.keys(MODES) as Mode[]) {
  for (const locale of LOCALES) {
    test(`axe: ${locale} in ${mode} mode`, async ({ page, context, baseURL }) => {
      await setMode(context, baseURL!, mode);
      if (mode === "text-200") await page.setViewportSize({ width: 320, height: 640 });
      for (const path of PAGES) {
        await page.goto(`/${locale}${path}`);
        await expect(page.locator("h1")).toHaveCount(1);
        // Open the header's disclosures too, so their contents are checked.
        for (const summary of await page.locator("header summary").all()) await summary.click();
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${locale}${path}`).toEqual([]);

        const title = await page.title();
        const h1 = (await page.locator("h1").innerText()).trim();
        expect(title.includes(h1), `title "${title}" repeats h1 "${h1}"`).toBe(true);
        const duplicateIds = await page.evaluate(() => {
          const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
          return ids.filter((id, i) => ids.indexOf(id) !== i);
        });
        expect(duplicateIds).toEqual([]);

        if (mode === "text-200") {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${locale}${path} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
        }
      }
    });
  }
}
