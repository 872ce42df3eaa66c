import { TOTP } from "otpauth";
import { DEMO_STAFF } from "../../prisma/seed/data";
import { axeViolations } from "../axe";
import { expect, LOCALES, msg, signInOperator, sql, test } from "../support";

const code = (secret: string) => new TOTP({ secret, digits: 6, period: 30 }).generate();
const lee = DEMO_STAFF[0];

// A code is accepted once per account: each locale signs in as its own copy of staff.lee.
test.beforeAll(async () => {
  await sql(
    `INSERT INTO "Staff" (id, "centerId", username, name, "passwordHash", "totpSecret")
     SELECT gen_random_uuid(), "centerId", username || '.' || l, name, "passwordHash", "totpSecret" FROM "Staff", unnest($1::text[]) AS l
     WHERE username = $2 ON CONFLICT (username) DO NOTHING`,
    [LOCALES, lee.username],
  );
});

for (const locale of LOCALES) {
  test(`${locale}: community-center staff sign in with password and authenticator code`, async ({ page }) => {
    await page.goto(`/${locale}`);
    await page.getByRole("link", { name: msg(locale, "common.staffSignIn") }).click();
    await expect(page.locator("h1")).toHaveText(msg(locale, "workerSignIn.staffTitle"));

    // Wrong code first: a clear, localized refusal, nothing lost.
    await page.getByLabel(msg(locale, "workerSignIn.username")).fill(`${lee.username}.${locale}`);
    await page.getByLabel(msg(locale, "workerSignIn.password")).fill(lee.password);
    await page.getByLabel(msg(locale, "workerSignIn.code")).fill("000000");
    await page.getByRole("button", { name: msg(locale, "workerSignIn.submit") }).click();
    await expect(page.getByRole("alert").filter({ hasText: msg(locale, "workerSignIn.invalid") })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(msg(locale, "workerSignIn.code")).fill(code(lee.totpSecret));
    await page.getByRole("button", { name: msg(locale, "workerSignIn.submit") }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/assist$`));
    await expect(page.locator("h1")).toHaveText(msg(locale, "assist.title"));
    await expect(page.getByText(lee.name).first()).toBeVisible();
    // Staff are not citizens: citizen procedures refuse them.
    expect((await page.request.get("/api/trpc/account.me")).status()).toBe(403);
  });
}

test("an operator creates an API key, sees it once, uses it and revokes it", async ({ page, request }) => {
  await page.goto("/en/console");
  await expect(page).toHaveURL(/\/en\/console\/signin$/);
  await signInOperator(page, "Operator@KOTSA.demo.moa");

  await page.getByLabel(msg("en", "apiKeys.nameLabel")).fill("Billing system");
  await page.getByRole("radio", { name: msg("en", "apiKeys.liveHint") }).check();
  await page.getByRole("button", { name: msg("en", "apiKeys.create") }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^moa_live_kotsa_[0-9a-f]{40}$/);
  expect(await axeViolations(page)).toEqual([]);

  const auth = { Authorization: `Bearer ${key}` };
  const who = await request.get("/api/v1/agency", { headers: auth });
  expect(who.status()).toBe(200);
  expect((await who.json()).agency.code).toBe("KOTSA");

  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  const row = page.getByRole("listitem").filter({ hasText: "Billing system" });
  await expect(row).toContainText(key.slice(0, key.lastIndexOf("_") + 5));
  await expect(row).not.toContainText(key.slice(-20));
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Revoke key Billing system" }).click();
  await expect(page.getByRole("status").getByText(/was revoked/)).toBeVisible();
  expect((await request.get("/api/v1/agency", { headers: auth })).status()).toBe(401);
});
