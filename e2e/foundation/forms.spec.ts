import type { Page, Route } from "@playwright/test";
import { DEMO_AGENCIES, DEMO_STAFF } from "../../prisma/seed/data";
import { newLetterNumber } from "../../server/delivery/letter-number";
import { expect, msg, signInOperator, sql, test } from "../support";

/**
 * Forms before the page hydrates (a slow phone, a large bundle) or without JavaScript: a native
 * submission never puts what was typed into the address, and what was typed before hydration is
 * what the form submits once it has hydrated.
 */

// NHIS's operator: no other spec signs in as them, and a TOTP code is accepted once per account.
const nhis = DEMO_AGENCIES.find((a) => a.code === "NHIS")!;

// Chunks held below must reach the page, not a service worker's cache.
test.use({ serviceWorkers: "block" });

for (const { path, login } of [
  { path: "/en/assist/signin", login: DEMO_STAFF[0].username },
  { path: "/en/console/signin", login: nhis.operator.email },
]) {
  test(`without JavaScript, the sign-in form at ${path} posts to the page: no password or code in the address`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(path);
      const password = "a-secret-password-7";
      await page.locator("#login").fill(login);
      await page.locator("#password").fill(password);
      await page.locator("#code").fill("135790");
      const answered = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame());
      await page.locator("button[type=submit]").click();
      const response = await answered;
      await page.waitForLoadState();

      for (const secret of [password, "135790", encodeURIComponent(login)]) expect(page.url()).not.toContain(secret);
      const url = new URL(page.url());
      expect(url.pathname).toBe(path);
      expect(url.search).toBe("");
      expect(response.request().method()).toBe("POST");
      expect(response.status()).toBeLessThan(500);
      // The page itself, as before, and nothing posted echoed back.
      await expect(page.locator("h1")).toHaveText(msg("en", path.includes("console") ? "workerSignIn.operatorTitle" : "workerSignIn.staffTitle"));
      expect(await page.content()).not.toContain(password);
    } finally {
      await context.close();
    }
  });
}

/** Holds the page's JavaScript until `release`: the page is there, React has not hydrated it. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const hold = async (route: Route) => {
    await held;
    await route.continue().catch(() => {}); // the page may be gone
  };
  await page.route((url) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js"), hold);
  return { release, stop: () => page.unroute((url) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js"), hold) };
}

/** Whether React has hydrated the element (it tags each node it owns). */
const hydrated = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const node = document.querySelector(s);
    return !!node && Object.keys(node).some((k) => k.startsWith("__reactFiber$"));
  }, selector);

/** Opens `path` with its scripts held, does `act` (typing, choosing), then lets React hydrate `selector`'s form. */
async function beforeHydration(page: Page, path: string, selector: string, act: () => Promise<void>) {
  const scripts = await holdScripts(page);
  try {
    await page.goto(path, { waitUntil: "domcontentloaded" });
    await act();
    expect(await hydrated(page, selector)).toBe(false);
    scripts.release();
    await expect.poll(() => hydrated(page, selector)).toBe(true);
  } finally {
    scripts.release();
    await scripts.stop();
  }
}

test("an API key name typed before the console hydrates is kept, and the key is created with it", async ({ page }) => {
  await page.goto("/en/console/signin");
  await signInOperator(page, nhis.operator.email);

  const name = `Typed early ${Date.now().toString(36)}`;
  await beforeHydration(page, "/en/console", "#key-name", () => page.getByLabel(msg("en", "apiKeys.nameLabel")).fill(name));
  // The key list answers after hydration and the section draws again: the name must survive that.
  await expect(page.getByRole("listitem").filter({ hasText: "Demo test key" })).toBeVisible();
  await expect(page.getByLabel(msg("en", "apiKeys.nameLabel"))).toHaveValue(name);
  await page.getByRole("button", { name: msg("en", "apiKeys.create") }).click();
  await expect(page.getByTestId("new-api-key")).toBeVisible();
  await expect(page.getByText(msg("en", "apiKeys.nameRequired"))).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: name })).toBeVisible();
  await sql(`UPDATE "AgencyApiKey" SET "revokedAt" = now() WHERE name = $1`, [name]);
});

test("a letter number typed before /verify/letter hydrates is the one checked", async ({ page }) => {
  await beforeHydration(page, "/en/verify/letter", "#letter-number", () => page.getByLabel(msg("en", "verifyLetter.label")).fill(newLetterNumber()));
  await page.getByRole("button", { name: msg("en", "verifyLetter.check") }).click();
  // Checked (no letter has this random number), not refused as empty.
  await expect(page.getByRole("status").getByText(msg("en", "verifyLetter.notFound"))).toBeVisible();
  await expect(page.getByText(msg("en", "verifyLetter.required"))).toHaveCount(0);
});

test("display choices made before /settings hydrates survive hydration and are the ones saved", async ({ page, context }) => {
  await beforeHydration(page, "/en/settings", 'input[name="highContrast"]', async () => {
    await page.locator('input[name="textSize"][value="200"]').check();
    await page.getByLabel(msg("en", "settings.highContrast")).check();
  });
  await expect(page.locator('input[name="textSize"][value="200"]')).toBeChecked();
  // One more choice once hydrated draws every control from the draft: it must hold the earlier
  // choices, not the defaults the page was served with.
  await page.locator('input[name="textSize"][value="150"]').check();
  await expect(page.getByLabel(msg("en", "settings.highContrast"))).toBeChecked();
  await page.getByRole("button", { name: msg("en", "settings.save") }).click();
  await expect(page.getByRole("status").getByText(msg("en", "settings.saved"))).toBeVisible();
  const saved = (await context.cookies()).find((c) => c.name === "moa-prefs");
  expect(saved?.value).toBe("150.0.1");
});
