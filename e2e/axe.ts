import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

// The axe-core that @axe-core/playwright itself depends on.
const require = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"));
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's violations on the page (or within `include`), as "rule: targets". axe runs in the page
 * itself: @axe-core/playwright's partial run per frame, finished in a blank page it opens for each
 * check, cost about a second per check, and Moa's pages have no frames.
 */
export async function axeViolations(page: Page, options: { include?: string; tags?: string[] } = {}): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, tags }) => {
      const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
      const results = await axe.run(include ? { include: [include] } : document, {
        resultTypes: ["violations"],
        ...(tags ? { runOnly: { type: "tag", values: tags } } : {}),
      });
      return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    },
    { include: options.include, tags: options.tags },
  );
}
