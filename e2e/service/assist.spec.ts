import { execFileSync } from "node:child_process";
import type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
import { TOTP } from "otpauth";
import { DEMO_CENTER, DEMO_CITIZENS, DEMO_STAFF } from "../../prisma/seed/data";
import { demoApiKey } from "../../prisma/seed/seed";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { axeViolations, WCAG_TAGS } from "../axe";
import { expect, modesFor, msg, setMode, sql, test, type Locale } from "../support";

/**
 * Assisted service end to end: staff at the counter help a senior without a smartphone under
 * paper consent, by keyboard alone; a Vietnamese resident makes her son her helper and revokes it.
 */
const senior = DEMO_CITIZENS.find((c) => c.key === "senior")!;
const lan = DEMO_CITIZENS.find((c) => c.key === "vietnamese")!;
const son = DEMO_CITIZENS.find((c) => c.key === "vietnamese-son")!;
const lee = DEMO_STAFF[0];
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;
const run = Date.now().toString(36);
const stamp = String(Date.now()).slice(-9);
const dueDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

async function sendBill(request: APIRequestContext, rrn: string, name: string, n: number, amount: number): Promise<string> {
  const res = await request.post("/api/v1/notices", {
    headers: { Authorization: `Bearer ${demoApiKey("live", tax.agency)}` },
    data: { reference: `ASSIST-${run}-${n}`, template: tax.kind, recipient: { rrn, name }, fields: tax.example, payment: { number: `${stamp}-${String(n).padStart(2, "0")}`, amount, dueDate } },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

/** Moves focus with Tab (or Shift+Tab) until `target` has it, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab") {
  await expect(target).toBeVisible();
  for (let i = 0; i < 150 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press(key);
  await expect(target).toBeFocused();
}
async function press(page: Page, target: Locator, key = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}
async function type(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.type(text);
}
async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

async function signInCitizen(page: Page, locale: Locale, name: string, returnTo: string) {
  await page.goto(`/${locale}/signin?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("link", { name: msg(locale, "auth.continue") }).click();
  await page.getByRole("button", { name }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/${locale}/welcome`) || url.pathname === returnTo.split("?")[0]);
  if (page.url().includes("/welcome")) {
    await page.getByRole("radio", { name: msg(locale, "welcome.consentYes") }).check();
    await page.getByRole("button", { name: msg(locale, "welcome.continue") }).click();
  }
  await page.waitForURL((url) => url.pathname === returnTo.split("?")[0]);
}

test("keyboard only: staff help a Korean senior under paper consent — read aloud, pay with her signature, print a certificate, end and print the summary; she sees each action later", async ({ page, request, browser }) => {
  test.setTimeout(240_000);
  const k = (key: string) => msg("ko", key);
  const bill = await sendBill(request, senior.rrn, senior.name, 1, 48_000);
  // A code is accepted once per account: this test signs in as its own copy of staff.lee.
  const username = `${lee.username}.assist-${run}`;
  await sql(`INSERT INTO "Staff" (id, "centerId", username, name, "passwordHash", "totpSecret") SELECT gen_random_uuid(), "centerId", $1, name, "passwordHash", "totpSecret" FROM "Staff" WHERE username = $2`, [username, lee.username]);
  await page.addInitScript(() => {
    const w = window as unknown as { spoken: string[]; printed: number };
    w.spoken = [];
    w.printed = 0;
    window.print = () => void w.printed++;
    const synth = window.speechSynthesis;
    if (synth) synth.speak = (u: SpeechSynthesisUtterance) => void w.spoken.push(`${u.lang}:${u.text.slice(0, 40)}`);
  });

  await page.goto("/ko/assist/signin");
  await type(page, page.getByLabel(k("workerSignIn.username")), username);
  await type(page, page.getByLabel(k("workerSignIn.password")), lee.password);
  await type(page, page.getByLabel(k("workerSignIn.code")), new TOTP({ secret: lee.totpSecret, digits: 6, period: 30 }).generate());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/ko\/assist$/);

  // 1. Find her by the RRN on her ID card.
  await expect(page.getByRole("heading", { level: 2, name: k("assist.steps.find") })).toBeVisible();
  await type(page, page.getByRole("textbox", { name: k("assist.find.rrn") }), senior.rrn);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: k("assist.steps.setup") })).toBeFocused();
  await expect(page.getByText(senior.name)).toBeVisible();
  await expectNoAxeViolations(page);

  // 2. ID check, paper consent, scopes, 30 minutes.
  await type(page, page.getByLabel(k("assist.setup.last4")), senior.rrn.slice(-4));
  // Radios are one tab stop: the arrow key moves the choice from the SMS code to paper.
  await press(page, page.getByRole("radio", { name: k("assist.methods.sms-code") }), "ArrowDown");
  await expect(page.getByRole("radio", { name: k("assist.methods.paper-form") })).toBeChecked();
  await press(page, page.getByRole("checkbox", { name: k("assist.scopes.credential:issue") }), "Space");
  await press(page, page.getByRole("button", { name: k("assist.setup.submit") }));

  // 3. The signed form's number and its scan.
  await expect(page.getByRole("heading", { level: 2, name: k("assist.steps.consent") })).toBeFocused();
  await type(page, page.getByLabel(k("assist.consent.formNumber")), `F-${run}`);
  const chooser = page.waitForEvent("filechooser");
  await press(page, page.getByLabel(k("assist.consent.scan")), "Space");
  await (await chooser).setFiles({ name: "consent.png", mimeType: "image/png", buffer: PNG });
  await expectNoAxeViolations(page);
  await press(page, page.getByRole("button", { name: k("assist.consent.start") }));

  // Her inbox, under the banner that names her.
  await expect(page).toHaveURL(/\/ko\/inbox$/);
  const banner = page.getByRole("region", { name: k("assist.banner.label") });
  await expect(banner).toContainText(senior.name);
  await press(page, page.locator(`a[href$="/inbox/${bill}"]`));
  await expect(page).toHaveURL(new RegExp(`/ko/inbox/${bill}$`));
  await press(page, page.getByRole("button", { name: k("readAloud.play") }));
  await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.length)).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken[0])).toMatch(/^ko/);
  await expectNoAxeViolations(page);

  // Pay it: she signs the printed slip; staff record its number.
  await press(page, page.getByRole("link", { name: k("payments.payThis") }));
  await expect(page.getByRole("group", { name: k("assist.pay.legend") })).toBeVisible();
  await press(page, page.getByRole("button", { name: k("payments.pay.confirm") }));
  await expect(page.getByRole("alert").filter({ hasText: k("errors.CITIZEN_CONFIRMATION_REQUIRED") })).toBeVisible();
  await type(page, page.getByLabel(k("assist.pay.slip")), `S-${run}`);
  await press(page, page.getByRole("button", { name: k("payments.pay.confirm") }));
  await expect(page.getByRole("heading", { level: 1, name: "테스트 결제" })).toBeVisible();
  await press(page, page.getByRole("radio", { name: "카드", exact: true }), "ArrowDown");
  await expect(page.getByRole("radio", { name: "카카오페이" })).toBeChecked();
  await press(page, page.getByRole("button", { name: /결제/ }));
  await page.waitForURL(/\/ko\/payments\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByText(k("payments.state.success"), { exact: true })).toBeVisible();

  // A resident registration abstract, issued to her wallet and printed.
  await press(page, page.getByRole("link", { name: k("wallet.nav") }));
  await expect(page).toHaveURL(/\/ko\/wallet$/);
  await press(page, page.getByRole("button", { name: k("wallet.request") }));
  // One tab stop for the group: the first type, then the arrow key to the abstract.
  await press(page, page.getByRole("radio", { name: /^주민등록표 등본/ }), "ArrowDown");
  await expect(page.getByRole("radio", { name: /^주민등록표 초본/ })).toBeChecked();
  await press(page, page.getByRole("button", { name: k("wallet.issue") }));
  await press(page, page.getByRole("link", { name: k("wallet.openIssued") }));
  await expect(page).toHaveURL(/\/ko\/wallet\/[0-9a-f-]{36}$/);
  const download = page.waitForEvent("download");
  await press(page, page.getByRole("button", { name: k("wallet.print") }));
  const pdf = test.info().outputPath("certificate.pdf");
  await (await download).saveAs(pdf);
  expect(execFileSync("/usr/bin/pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" })).toContain(senior.name);

  // Citizen view: her language at 200 %, then back.
  await press(page, banner.getByRole("button", { name: k("assist.banner.citizenView") }));
  await expect(page.locator("html")).toHaveAttribute("data-text", "200");
  await press(page, page.getByRole("region", { name: k("assist.banner.label") }).getByRole("button", { name: k("assist.banner.staffView") }));
  await expect(page.getByRole("region", { name: k("assist.banner.label") }).getByRole("button", { name: k("assist.banner.citizenView") })).toBeVisible();

  // End the session: the summary to hand over, printed.
  await press(page, page.getByRole("region", { name: k("assist.banner.label") }).getByRole("button", { name: k("assist.banner.end") }));
  await expect(page).toHaveURL(/\/ko\/assist\/summary\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(k("assist.summary.title"));
  const actions = page.getByRole("list").filter({ hasText: k("accessLog.actions.noticeRead") });
  await expect(actions).toContainText(k("accessLog.actions.paymentSucceeded"));
  await expect(actions).toContainText(k("accessLog.actions.credentialIssued"));
  await expect(page.getByRole("region", { name: k("assist.banner.label") })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await press(page, page.getByRole("button", { name: k("assist.summary.print") }));
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  // The staff session acts for no one now: her notices are out of reach.
  expect((await page.request.get(`/api/trpc/notices.counts`)).status()).toBe(403);

  // Later, at home: she sees each action in "Who used my account".
  const context = await browser.newContext();
  const home = await context.newPage();
  await signInCitizen(home, "ko", senior.name, "/ko/settings/access");
  await home.goto("/ko/settings/access");
  const staffLine = k("accessLog.who.staff").replace("{name}", lee.name).replace("{center}", DEMO_CENTER.name.ko);
  for (const action of ["noticeRead", "paymentSucceeded", "credentialIssued", "assistStarted", "assistEnded"]) {
    await expect(home.getByRole("listitem").filter({ hasText: k(`accessLog.actions.${action}`) }).filter({ hasText: staffLine }).first()).toBeVisible();
  }
  await context.close();
});

async function citizenPage(browser: Browser, name: string, returnTo: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInCitizen(page, "vi", name, returnTo);
  return { context, page };
}

test("a Vietnamese resident makes her son her helper; he pays her bill from his own account; she sees it and revokes", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const v = (key: string) => msg("vi", key);
  const bill = await sendBill(request, lan.rrn, lan.name, 2, 31_000);

  const mother = await citizenPage(browser, lan.name, "/vi/settings");
  await mother.page.goto("/vi/settings");
  await mother.page.getByLabel(v("assist.helpers.label")).fill("Minh");
  await mother.page.getByRole("button", { name: v("assist.helpers.invite") }).click();
  const link = await mother.page.getByLabel(v("assist.helpers.link")).inputValue();
  expect(link).toMatch(/\/vi\/proxy\/[A-Za-z0-9_-]{32}$/);
  await expectNoAxeViolations(mother.page);

  const helper = await citizenPage(browser, son.name, new URL(link).pathname);
  await helper.page.goto(new URL(link).pathname);
  await expect(helper.page.getByText(lan.name).first()).toBeVisible();
  await helper.page.getByRole("button", { name: v("assist.accept.accept") }).click();
  await helper.page.getByRole("button", { name: v("assist.accept.actNow").replace("{name}", lan.name) }).click();
  await expect(helper.page).toHaveURL(/\/vi\/inbox$/);
  await expect(helper.page.getByRole("region", { name: v("assist.banner.label") })).toContainText(lan.name);
  await helper.page.goto(`/vi/pay?notices=${bill}`);
  await helper.page.getByRole("button", { name: v("payments.pay.confirm") }).click();
  await expect(helper.page.getByRole("heading", { level: 1, name: "Thanh toán thử" })).toBeVisible();
  await helper.page.getByRole("radio", { name: "Kakao Pay" }).check();
  await helper.page.getByRole("button", { name: /^Thanh toán/ }).click();
  await helper.page.waitForURL(/\/vi\/payments\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(helper.page.getByText(v("payments.state.success"), { exact: true })).toBeVisible();

  // She sees her son's payment, then ends his access.
  await mother.page.goto("/vi/settings/access");
  const byHelper = v("accessLog.who.helper").replace("{name}", son.name);
  await expect(mother.page.getByRole("listitem").filter({ hasText: v("accessLog.actions.paymentSucceeded") }).filter({ hasText: byHelper }).first()).toBeVisible();
  await mother.page.goto("/vi/settings");
  await mother.page.getByRole("button", { name: v("assist.helpers.revoke") }).click();
  await expect(mother.page.getByRole("status").filter({ hasText: v("assist.helpers.revoked").replace("{name}", son.name) })).toBeVisible();

  // His next request is refused: her notices are gone from his screen, and so is the banner.
  await helper.page.goto("/vi/inbox");
  await expect(helper.page.getByRole("region", { name: v("assist.banner.label") })).toHaveCount(0);
  await expect(helper.page.locator(`a[href$="/inbox/${bill}"]`)).toHaveCount(0);
  const [grant] = await sql<{ status: string; revokedBy: string }>(`SELECT status, "revokedBy" FROM "Grant" g JOIN "Person" p ON p.id = g."helperId" WHERE p.name = $1 ORDER BY g."createdAt" DESC LIMIT 1`, [son.name]);
  expect(grant).toEqual({ status: "revoked", revokedBy: "citizen" });
  await mother.context.close();
  await helper.context.close();
});

// The counter's pages in every locale (modes as modesFor turns them): axe finds nothing; at 200 % and 320 px nothing scrolls sideways.
for (const locale of ["ko", "en", "ja", "zh", "th", "vi"] as const) {
  test(`axe: the counter in ${locale}, in ${modesFor(locale).join(" and ")} modes`, async ({ page, context, baseURL }) => {
    const username = `${lee.username}.axe-${locale}-${run}`;
    await sql(`INSERT INTO "Staff" (id, "centerId", username, name, "passwordHash", "totpSecret") SELECT gen_random_uuid(), "centerId", $1, name, "passwordHash", "totpSecret" FROM "Staff" WHERE username = $2`, [username, lee.username]);
    const res = await page.request.post("/api/auth/worker", { headers: { origin: baseURL! }, data: { kind: "staff", login: username, password: lee.password, code: new TOTP({ secret: lee.totpSecret, digits: 6, period: 30 }).generate(), locale } });
    expect(res.status()).toBe(200);
    for (const mode of modesFor(locale)) {
      await setMode(context, baseURL!, mode);
      await page.setViewportSize(mode === "text-200" ? { width: 320, height: 640 } : { width: 1280, height: 720 });
      await page.goto(`/${locale}/assist`);
      await expect(page.getByRole("heading", { level: 2, name: msg(locale, "assist.steps.find") })).toBeVisible();
      await page.getByRole("radio", { name: msg(locale, "assist.find.byName") }).check();
      await page.locator("#assist-name").fill("Nobody");
      await page.locator("#assist-birth").fill("1990-01-01");
      await page.locator("#assist-phone").fill("1234");
      await page.getByRole("button", { name: msg(locale, "assist.find.submit") }).click();
      await expect(page.getByRole("alert").filter({ hasText: msg(locale, "errors.CITIZEN_NOT_FOUND") })).toBeVisible();
      expect(await axeViolations(page, { tags: WCAG_TAGS }), `${locale} ${mode}`).toEqual([]);
      if (mode === "text-200") expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

      // A resident with no account yet: the counter offers to enrol them.
      await page.getByRole("radio", { name: msg(locale, "assist.find.byRrn") }).check();
      await page.getByRole("textbox", { name: msg(locale, "assist.find.rrn") }).fill("520101-2000001");
      await page.getByRole("button", { name: msg(locale, "assist.find.submit") }).click();
      await expect(page.getByRole("button", { name: msg(locale, "assist.enrol.submit") })).toBeVisible();
      expect(await axeViolations(page, { tags: WCAG_TAGS }), `${locale} ${mode} enrol`).toEqual([]);
    }
  });
}
