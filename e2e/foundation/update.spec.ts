import { readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { axeViolations } from "../axe";
import { msg } from "../support";

const SW = "public/sw.js";

test("a waiting new version is offered in an accessible dialog, and Reload switches to it", async ({ page }) => {
  await page.goto("/en");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  // Change the service worker on disk, as a new deployment would, until the reload below: restoring
  // it earlier would make the reload's own update check find yet another version. Fresh contexts
  // in other tests simply install whichever version they find; only a controlled page sees one waiting.
  const original = readFileSync(SW, "utf8");
  writeFileSync(SW, `${original}\n// next version ${Date.now()}`);
  try {
    await switchToNewVersion(page);
  } finally {
    writeFileSync(SW, original);
  }
});

async function switchToNewVersion(page: Page) {
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const dialog = page.getByRole("dialog", { name: msg("en", "update.title") });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  expect(await axeViolations(page, { include: '[role="dialog"]' })).toEqual([]);
  await expect(dialog.getByRole("button", { name: msg("en", "update.reload") })).toBeFocused();

  const reloaded = page.waitForEvent("load");
  await page.keyboard.press("Enter");
  await reloaded;
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
}
