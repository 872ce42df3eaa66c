import { expect, test } from "@playwright/test";
import { activeElementText, msg } from "../support";

test.describe("accessibility modes and keyboard use", () => {
  test("keyboard alone: skip link, then settings saved and rendered by the server", async ({ page }) => {
    await page.goto("/en/settings");
    await page.keyboard.press("Tab");
    expect(await activeElementText(page)).toEqual({ tag: "A", text: "Skip to main content" });
    await page.keyboard.press("Enter");
    expect((await activeElementText(page)).tag).toBe("MAIN");

    // Into the text-size radio group, move to 200 %, then on to the two mode checkboxes and Save.
    await page.keyboard.press("Tab");
    expect((await activeElementText(page)).tag).toBe("INPUT");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // screen-reader mode
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // high contrast
    await page.keyboard.press("Tab");
    expect(await activeElementText(page)).toEqual({ tag: "BUTTON", text: "Save settings" });
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Your settings are saved." })).toBeVisible();

    await page.reload();
    const html = page.locator("html");
    await expect(html).toHaveAttribute("data-text", "200");
    await expect(html).toHaveAttribute("data-sr", "on");
    await expect(html).toHaveAttribute("data-contrast", "high");
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("32px");
    await expect(page.getByRole("radio", { name: /200%/ })).toBeChecked();
  });

  test("the header's quick control changes text size at once and keeps it", async ({ page }) => {
    await page.goto("/ko");
    await page.locator("header summary").filter({ hasText: msg("ko", "display.button") }).click();
    await page.getByRole("button", { name: "150%" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-text", "150");
    await expect(page.getByRole("button", { name: "150%" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByText(msg("ko", "display.saved"))).toBeVisible();
    await page.goto("/ko/settings");
    await expect(page.locator("html")).toHaveAttribute("data-text", "150");
  });

  test("client-side navigation moves focus to the new page's heading", async ({ page }) => {
    await page.goto("/en");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.locator("h1")).toHaveText("Settings");
    await expect(page.locator("h1")).toBeFocused();
  });
});
