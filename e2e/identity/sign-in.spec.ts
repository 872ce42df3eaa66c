import { axeViolations, WCAG_TAGS } from "../axe";
import { addVirtualAuthenticator, expect, LOCALES, msg, sql, test, type Locale } from "../support";

const CITIZEN: Record<Locale, string> = {
  ko: "김순자",
  en: "James Miller",
  ja: "佐藤美咲",
  zh: "王芳",
  th: "Somchai Wongsakul",
  vi: "Nguyễn Thị Lan",
};
const fill = (template: string, name: string) => template.replace("{name}", name);

for (const locale of LOCALES) {
  test(`${locale}: a demo citizen signs in through the demo provider and completes first sign-in`, async ({ page }, testInfo) => {
    const name = CITIZEN[locale];
    if (testInfo.retry > 0) {
      // A failed attempt may have got past onboarding or added the passkey: first sign-in again.
      await sql(`UPDATE "Person" SET "onboardedAt" = NULL WHERE name = $1`, [name]);
      await sql(`DELETE FROM "Passkey" WHERE "personId" = (SELECT id FROM "Person" WHERE name = $1)`, [name]);
    }
    await page.goto(`/${locale}/signin`);
    await page.getByRole("link", { name: msg(locale, "auth.continue") }).click();

    // The demo provider: one button per demo citizen.
    await page.getByRole("button", { name }).click();

    await expect(page).toHaveURL(new RegExp(`/${locale}/welcome`));
    await expect(page.locator("h1")).toHaveText(fill(msg(locale, "welcome.title"), name));
    expect(await axeViolations(page, { tags: WCAG_TAGS })).toEqual([]);

    await page.getByRole("radio", { name: msg(locale, "welcome.consentYes") }).check();
    await page.getByRole("button", { name: msg(locale, "welcome.continue") }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}$`));
    await expect(page.getByText(fill(msg(locale, "auth.signedInAs"), name))).toBeVisible();

    const me = await page.request.get(`/api/trpc/account.me`);
    expect((await me.json()).result.data).toMatchObject({ name, onboarded: true, electronicConsent: true });

    // A passkey, registered from settings: the fresh sign-in is the step-up that allows it.
    const authenticator = await addVirtualAuthenticator(page);
    await page.goto(`/${locale}/settings`);
    await page.getByLabel(msg(locale, "passkeys.nameLabel")).fill("Phone");
    await page.getByRole("button", { name: msg(locale, "passkeys.add") }).click();
    await expect(page.getByText(msg(locale, "passkeys.added"))).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Phone" })).toBeVisible();
    expect(await authenticator.credentials()).toHaveLength(1);
    // The signed-in settings page as a whole (consent, notifications, passkeys).
    await expect(page.getByRole("heading", { name: msg(locale, "notifications.title"), exact: true })).toBeVisible();
    expect(await axeViolations(page, { tags: WCAG_TAGS })).toEqual([]);

    // Six minutes later the step-up has lapsed: removing the passkey asks to confirm, and the passkey does it.
    await sql(`UPDATE "Session" SET "steppedUpAt" = now() - interval '6 minutes' WHERE "principalId" = (SELECT id FROM "Person" WHERE name = $1)`, [name]);
    await page.reload();
    await page.getByRole("button", { name: fill(msg(locale, "passkeys.removeNamed"), "Phone") }).click();
    const dialog = page.getByRole("dialog", { name: msg(locale, "stepUp.title") });
    await expect(dialog).toBeVisible();
    expect(await axeViolations(page, { include: "[role=dialog]" })).toEqual([]);
    await dialog.getByRole("button", { name: msg(locale, "stepUp.usePasskey") }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(msg(locale, "passkeys.removed"))).toBeVisible();
    await expect(page.getByText(msg(locale, "passkeys.none"))).toBeVisible();
    const [stepUp] = await sql<{ detail: { method: string } }>(
      `SELECT detail FROM "AuditEvent" WHERE action = 'citizen.step-up' AND "actorId" = (SELECT id::text FROM "Person" WHERE name = $1) ORDER BY id DESC LIMIT 1`,
      [name],
    );
    expect(stepUp.detail.method).toBe("passkey");
  });
}

test("a session cookie copied elsewhere is refused after sign-out", async ({ page, browser }) => {
  await page.goto("/en/signin");
  await page.getByRole("link", { name: msg("en", "auth.continue") }).click();
  await page.getByRole("button", { name: "박지훈" }).click();
  await expect(page).toHaveURL(/\/en\/welcome/);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("moa-session"))!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");

  const other = await browser.newContext();
  await other.addCookies([session]);
  expect((await other.request.get("/api/trpc/account.me")).status()).toBe(200);

  await page.goto("/en");
  await page.getByRole("button", { name: msg("en", "auth.signOut") }).click();
  await expect(page.getByRole("link", { name: msg("en", "auth.signIn") })).toBeVisible();
  expect((await other.request.get("/api/trpc/account.me")).status()).toBe(401);
  await other.close();
});
