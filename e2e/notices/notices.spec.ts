import { execFileSync } from "node:child_process";
import iconv from "iconv-lite";
import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { demoApiKey } from "../../prisma/seed/seed";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { axeViolations } from "../axe";
import { expect, LOCALES, msg, sql, test, type Locale } from "../support";

const KEY = { Authorization: `Bearer ${demoApiKey("live", "NTS")}` };
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;
const BY_LOCALE = Object.fromEntries(LOCALES.map((l) => [l, DEMO_CITIZENS.find((c) => c.locale === l && c.key !== "screen-reader")!])) as Record<Locale, (typeof DEMO_CITIZENS)[number]>;
const run = Date.now().toString(36);

for (const locale of LOCALES) {
  test(`${locale}: a certified notice is read in the resident's language after step-up, and the agency sees the receipt`, async ({ page, request }) => {
    const citizen = BY_LOCALE[locale];
    const reference = `E2E-${run}-${locale}`;
    const sent = await request.post("/api/v1/notices", {
      headers: KEY,
      data: { reference, template: tax.kind, recipient: { rrn: citizen.rrn, name: citizen.name }, fields: tax.example, certified: true },
    });
    expect(sent.status()).toBe(201);
    const { id } = await sent.json();

    await page.goto(`/${locale}/inbox/${id}`);
    await page.getByRole("link", { name: msg(locale, "auth.continue") }).click();
    await page.getByRole("button", { name: citizen.name }).click();
    await page.waitForURL(new RegExp(`/${locale}/(welcome|inbox)`));
    if (page.url().includes("/welcome")) {
      await page.getByRole("radio", { name: msg(locale, "welcome.consentYes") }).check();
      await page.getByRole("button", { name: msg(locale, "welcome.continue") }).click();
    }
    await expect(page).toHaveURL(new RegExp(`/${locale}/inbox/${id}$`));
    // The fresh sign-in counts as the step-up: the notice opens in the reader's language.
    const title = page.getByRole("heading", { level: 1 });
    await expect(title).not.toHaveText(msg(locale, "notice.loading"));
    await expect(page.getByText(msg(locale, "notice.showOriginal"))).toBeVisible();
    const rendered = await title.textContent();
    expect(rendered).toContain("2025");
    if (locale !== "ko") expect(rendered).not.toContain("종합소득세");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByText(msg(locale, "notice.showOriginal")).click();
    await expect(page.locator('details[open] [lang="ko"]')).toContainText("종합소득세");

    const status = await (await request.get(`/api/v1/notices/${id}`, { headers: KEY })).json();
    expect(status.readAt).not.toBeNull();
    expect(status.readMethod).toBe("step-up");

    // A second certified notice, six minutes later: the content waits for a fresh step-up.
    const second = await (
      await request.post("/api/v1/notices", {
        headers: KEY,
        data: { reference: `${reference}-2`, template: tax.kind, recipient: { rrn: citizen.rrn, name: citizen.name }, fields: tax.example, certified: true },
      })
    ).json();
    await sql(`UPDATE "Session" SET "steppedUpAt" = now() - interval '6 minutes' WHERE "principalId" = (SELECT id FROM "Person" WHERE name = $1)`, [citizen.name]);
    await page.goto(`/${locale}/inbox`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg(locale, "inbox.title"));
    await expect(page.getByText(msg(locale, "inbox.unread")).first()).toBeVisible();
    await page.goto(`/${locale}/inbox/${second.id}`);
    await page.getByRole("button", { name: msg(locale, "notice.open") }).click();
    const dialog = page.getByRole("dialog", { name: msg(locale, "stepUp.title") });
    await expect(dialog).toBeVisible();
    expect((await (await request.get(`/api/v1/notices/${second.id}`, { headers: KEY })).json()).readAt).toBeNull();
    await dialog.getByRole("link", { name: msg(locale, "stepUp.signInAgain") }).click();
    await page.getByRole("button", { name: citizen.name }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/inbox/${second.id}$`));
    await expect(page.getByText(msg(locale, "notice.showOriginal"))).toBeVisible();
    expect((await (await request.get(`/api/v1/notices/${second.id}`, { headers: KEY })).json()).readAt).not.toBeNull();
  });
}

test("an agency uploads a CP949 CSV of 1,000 rows with 17 bad ones: 983 notices and an error report naming exactly those 17; sent again, still 983", async ({ request }) => {
  test.setTimeout(120_000);
  const header = "reference,template,recipient.rrn,recipient.name,fields.taxYear,fields.taxAmount,fields.dueDate,fields.taxOffice";
  const bad = new Map<number, string>();
  const lines = Array.from({ length: 1000 }, (_, i) => {
    const row = i + 1;
    const c = DEMO_CITIZENS[i % DEMO_CITIZENS.length];
    const cells = [`CSV-${run}-${row}`, tax.kind, c.rrn, c.name, "2025", String(10_000 + row), "2026-11-30", "종로세무서"];
    // 16 rows spread through the file, five kinds of mistake in turn, plus the last row.
    const spoil: [number, string, string][] = [
      [2, "801399-1234567", "recipient.rrn"],
      [7, "", "fields.taxOffice"],
      [1, "no-such-template", "template"],
      [5, "일만원", "fields.taxAmount"],
      [3, '"=HYPERLINK(""http://evil.example"",""click"")"', "recipient.name"],
    ];
    const mistake = row === 1000 ? ([2, "12345", "recipient.rrn"] as const) : row % 59 === 0 ? spoil[(row / 59) % 5] : null;
    if (mistake) {
      cells[mistake[0]] = mistake[1];
      bad.set(row, mistake[2]);
    }
    return cells.join(",");
  });
  expect(bad.size).toBe(17);
  const csv = iconv.encode([header, ...lines].join("\r\n") + "\r\n", "cp949");

  const upload = async () => {
    const res = await request.post("/api/v1/notice-batches", { headers: { ...KEY, "Content-Type": "text/csv" }, data: csv });
    expect(res.status()).toBe(202);
    const { id } = await res.json();
    await expect.poll(async () => (await (await request.get(`/api/v1/notice-batches/${id}`, { headers: KEY })).json()).state, { timeout: 60_000 }).toBe("done");
    return { id, status: await (await request.get(`/api/v1/notice-batches/${id}`, { headers: KEY })).json() };
  };
  const first = await upload();
  expect(first.status).toMatchObject({ rowsRead: 1000, accepted: 983, rejected: 17, duplicates: 0 });
  const report = await (await request.get(`/api/v1/notice-batches/${first.id}/errors`, { headers: KEY })).text();
  const rows = report.replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
  expect(new Map(rows.map(([row, column]) => [Number(row), column]))).toEqual(bad);
  expect(report).not.toMatch(/\d{6}-\d{7}/);

  const second = await upload();
  expect(second.status).toMatchObject({ accepted: 0, duplicates: 983, rejected: 17 });
  const [{ count }] = await sql<{ count: string }>(`SELECT count(*) FROM "Notice" WHERE reference LIKE $1`, [`CSV-${run}-%`]);
  expect(Number(count)).toBe(983);
});

test("offline, the inbox as last loaded is still readable; signing out wipes it", async ({ page, context, request }) => {
  const citizen = BY_LOCALE.en;
  const sent = await request.post("/api/v1/notices", {
    headers: KEY,
    data: { reference: `OFF-${run}`, template: tax.kind, recipient: { rrn: citizen.rrn, name: citizen.name }, fields: tax.example },
  });
  expect(sent.status()).toBe(201);
  await page.goto("/en/signin?returnTo=/en/inbox");
  await page.getByRole("link", { name: msg("en", "auth.continue") }).click();
  await page.getByRole("button", { name: citizen.name }).click();
  await page.waitForURL(/\/en\/(welcome|inbox)/);
  if (page.url().includes("/welcome")) {
    await page.getByRole("radio", { name: msg("en", "welcome.consentYes") }).check();
    await page.getByRole("button", { name: msg("en", "welcome.continue") }).click();
  }
  await expect(page).toHaveURL(/\/en\/inbox$/);
  await expect(page.getByRole("link", { name: /Comprehensive Income Tax Bill/ }).first()).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready);

  await context.setOffline(true);
  await page.goto("/en/inbox").catch(() => {});
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("en", "offline.title"));
  const offline = page.getByRole("region", { name: /Your inbox as last loaded/ });
  await expect(offline.getByText(/Comprehensive Income Tax Bill/).first()).toBeVisible();
  await context.setOffline(false);

  await page.goto("/en");
  await page.getByRole("button", { name: msg("en", "auth.signOut") }).click();
  await expect(page.getByRole("link", { name: msg("en", "auth.signIn") })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("moa-inbox-offline"))).toBeNull();
});

test("the delivery certificate is a PDF in the reader's language that /verify confirms, and a changed statement fails", async ({ page, request }) => {
  const citizen = BY_LOCALE.zh;
  const { id } = await (
    await request.post("/api/v1/notices", {
      headers: KEY,
      data: { reference: `CERT-${run}`, template: tax.kind, recipient: { rrn: citizen.rrn, name: citizen.name }, fields: tax.example },
    })
  ).json();
  await page.goto(`/zh/signin?returnTo=/zh/inbox/${id}`);
  await page.getByRole("link", { name: msg("zh", "auth.continue") }).click();
  await page.getByRole("button", { name: citizen.name }).click();
  await page.waitForURL(/\/zh\/(welcome|inbox)/);
  if (page.url().includes("/welcome")) {
    await page.getByRole("radio", { name: msg("zh", "welcome.consentYes") }).check();
    await page.getByRole("button", { name: msg("zh", "welcome.continue") }).click();
  }
  await expect(page.getByText(msg("zh", "notice.showOriginal"))).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: msg("zh", "notice.certificate") }).click()]);
  const file = test.info().outputPath("certificate.pdf");
  await download.saveAs(file);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  expect(text).toContain("배달증명서");
  expect(text).toContain(`CERT-${run}`);
  expect(text).toContain(citizen.name);

  const { jws } = await (await page.request.get(`/api/notices/${id}/certificate?format=jws`)).json();
  await page.goto("/en/verify");
  await page.getByLabel(msg("en", "verify.label")).fill(jws);
  await page.getByRole("button", { name: msg("en", "verify.check"), exact: true }).click();
  await expect(page.getByText(msg("en", "verify.valid"))).toBeVisible();
  await expect(page.getByText(`CERT-${run}`)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const [head, payload, signature] = jws.split(".");
  const changed = JSON.parse(Buffer.from(payload, "base64url").toString());
  changed.readAt = "2020-01-01T00:00:00.000Z";
  await page.getByLabel(msg("en", "verify.label")).fill(`${head}.${Buffer.from(JSON.stringify(changed)).toString("base64url")}.${signature}`);
  await page.getByRole("button", { name: msg("en", "verify.check"), exact: true }).click();
  await expect(page.getByText(msg("en", "verify.invalid.bad_signature"))).toBeVisible();
});
