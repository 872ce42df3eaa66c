import { chromium, expect, test } from "@playwright/test";
import { msg } from "../support";

test("health reports the database and the worker", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", db: "ok", worker: "ok" });
});

test("each locale has its own manifest with installable icons", async ({ request }) => {
  const res = await request.get("/th/manifest.webmanifest");
  expect(res.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await res.json();
  expect(manifest).toMatchObject({ name: msg("th", "pwa.name"), short_name: msg("th", "pwa.shortName"), start_url: "/th", display: "standalone", lang: "th" });
  for (const icon of manifest.icons) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
  }
  expect(manifest.icons.map((i: { purpose: string }) => i.purpose)).toContain("maskable");
});

test("Chromium finds no installability errors", async ({ baseURL }, testInfo) => {
  // A persistent profile: Chromium never offers installation in an incognito context.
  const context = await chromium.launchPersistentContext(testInfo.outputPath("profile"), {
    executablePath: testInfo.project.use.launchOptions?.executablePath,
    args: testInfo.project.use.launchOptions?.args,
    baseURL,
  });
  const page = await context.newPage();
  await page.goto("/en");
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);
  const { url, errors } = await cdp.send("Page.getAppManifest");
  expect(url).toMatch(/\/en\/manifest\.webmanifest$/);
  expect(errors).toEqual([]);
  await context.close();
});

test("offline, a page never visited shows the offline page in the chosen language", async ({ page, context }) => {
  await page.goto("/vi");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // now controlled by the service worker
  await context.setOffline(true);
  await page.goto("/vi/settings");
  await expect(page.locator("h1")).toHaveText(msg("vi", "offline.title"));
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await page.goto("/th/settings");
  await expect(page.locator("h1")).toHaveText(msg("th", "offline.title"));
  await context.setOffline(false);
  await page.getByRole("button", { name: msg("th", "offline.retry") }).click();
  await expect(page.locator("h1")).toHaveText(msg("th", "settings.title"));
});

test("links are prefetched when the reader shows intent, not all at once when they are on screen", async ({ page }) => {
  // Each prefetch of a (dynamic) page costs the server a render: ≈ 17 of them per page view before.
  const prefetched: string[] = [];
  page.on("request", (r) => void (r.headers()["next-router-prefetch"] && prefetched.push(new URL(r.url()).pathname)));
  await page.goto("/en/verify");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("link", { name: msg("en", "common.settings") })).toBeVisible();
  expect(prefetched).toEqual([]);
  await page.getByRole("link", { name: msg("en", "common.settings") }).hover();
  await expect.poll(() => prefetched).toContain("/en/settings");
  expect(new Set(prefetched)).toEqual(new Set(["/en/settings"]));
});
