import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { DEMO_AGENCIES, DEMO_CITIZENS } from "../../prisma/seed/data";
import { demoApiKey } from "../../prisma/seed/seed";
import { DEMO_TEMPLATES, type TemplateSeed } from "../../prisma/seed/templates";
import { axeViolations } from "../axe";
import { expect, msg, signInOperator, sql, test } from "../support";

const lan = DEMO_CITIZENS.find((c) => c.key === "vietnamese")!;
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!; // NTS
const premium = DEMO_TEMPLATES.find((t) => t.kind === "health-insurance-premium")!; // NHIS
const run = Date.now().toString(36);
const stamp = String(Date.now()).slice(-9);
const dueDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const m = (key: string) => msg("vi", key);

type Bill = { id: string; number: string; agency: string };

async function send(request: APIRequestContext, template: TemplateSeed, n: number, amount: number): Promise<Bill> {
  const number = `${stamp}-${String(n).padStart(2, "0")}`;
  const res = await request.post("/api/v1/notices", {
    headers: { Authorization: `Bearer ${demoApiKey("live", template.agency)}` },
    data: { reference: `PAY-${run}-${n}`, template: template.kind, recipient: { rrn: lan.rrn, name: lan.name }, fields: template.example, payment: { number, amount, dueDate } },
  });
  expect(res.status()).toBe(201);
  return { id: (await res.json()).id, number, agency: template.agency };
}

async function signIn(page: Page) {
  await page.goto("/vi/signin?returnTo=/vi/inbox");
  await page.getByRole("link", { name: m("auth.continue") }).click();
  await page.getByRole("button", { name: lan.name }).click();
  await page.waitForURL(/\/vi\/(welcome|inbox)/);
  if (page.url().includes("/welcome")) {
    await page.getByRole("radio", { name: m("welcome.consentYes") }).check();
    await page.getByRole("button", { name: m("welcome.continue") }).click();
  }
  await expect(page).toHaveURL(/\/vi\/inbox$/);
}

/** Moves focus with Tab (or Shift+Tab) until `target` has it, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab") {
  await expect(target).toBeVisible();
  for (let i = 0; i < 120 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press(key);
  await expect(target).toBeFocused();
}

async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** Inbox → tick each bill → "Pay selected" → the quote, all by keyboard. */
async function basket(page: Page, bills: Bill[]) {
  for (const bill of bills) {
    const box = page.locator("li.notice-item", { has: page.locator(`a[href$="/inbox/${bill.id}"]`) }).getByRole("checkbox");
    await tabTo(page, box);
    await page.keyboard.press("Space");
    await expect(box).toBeChecked();
  }
  await expect(page.getByRole("status").filter({ hasText: `Đã chọn ${bills.length} hóa đơn.` })).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: m("payments.basket.paySelected") }), "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/vi\/pay\?notices=/);
  await expect(page.getByRole("table", { name: m("payments.pay.caption") })).toBeVisible();
}

/** "Confirm and pay" → the sandbox gateway's window in Vietnamese. */
async function openWindow(page: Page) {
  await tabTo(page, page.getByRole("button", { name: m("payments.pay.confirm") }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Thanh toán thử" })).toBeVisible();
}

test("three bills from two agencies are paid in one Kakao Pay transaction by keyboard, with a receipt PDF naming each bill", async ({ page, request }) => {
  test.setTimeout(180_000);
  const bills = [await send(request, tax, 1, 1_284_000), await send(request, tax, 2, 312_500), await send(request, premium, 3, 128_540)];
  await signIn(page);
  await basket(page, bills);

  const table = page.getByRole("table", { name: m("payments.pay.caption") });
  for (const bill of bills) await expect(table.getByText(bill.number)).toBeVisible();
  const agencyName = (code: string) => DEMO_AGENCIES.find((a) => a.code === code)!.name.vi;
  expect((await table.locator('th[scope="rowgroup"]').allTextContents()).sort()).toEqual([agencyName("NHIS"), agencyName("NTS")].sort());
  await expect(page.getByText(/Số tiền này có hiệu lực đến/)).toBeVisible();
  await expectNoAxeViolations(page);

  await openWindow(page);
  // The card is chosen first; the arrow key moves the choice to Kakao Pay.
  await tabTo(page, page.getByRole("radio", { name: "Thẻ", exact: true }));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Kakao Pay" })).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: /^Thanh toán/ }));
  await page.keyboard.press("Enter");

  await page.waitForURL(/\/vi\/payments\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const paymentId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m("payments.receipt.title"));
  await expect(page.getByText(m("payments.state.success"), { exact: true })).toBeVisible();
  const items = page.getByRole("table", { name: m("payments.receipt.caption") });
  for (const bill of bills) await expect(items.getByText(bill.number)).toBeVisible();
  await expectNoAxeViolations(page);

  await expect
    .poll(async () => sql<{ code: string; paid: boolean }>(`SELECT a.code, n."paidAt" IS NOT NULL AS paid FROM "Notice" n JOIN "Agency" a ON a.id = n."agencyId" WHERE n.id = ANY($1::uuid[]) ORDER BY a.code`, [bills.map((b) => b.id)]))
    .toEqual([
      { code: "NHIS", paid: true },
      { code: "NTS", paid: true },
      { code: "NTS", paid: true },
    ]);
  const [payment] = await sql<{ state: string; items: number }>(
    `SELECT p.state, (SELECT count(*)::int FROM "PaymentItem" i WHERE i."paymentId" = p.id) AS items FROM "Payment" p WHERE p.id = $1`,
    [paymentId],
  );
  expect(payment).toEqual({ state: "success", items: 3 });

  const pdf = await page.request.get(`/api/payments/${paymentId}/receipt`);
  expect(pdf.status()).toBe(200);
  const file = test.info().outputPath("receipt.pdf");
  writeFileSync(file, await pdf.body());
  const text = execFileSync("/usr/bin/pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  for (const bill of bills) expect(text).toContain(bill.number);

  await tabTo(page, page.getByRole("link", { name: m("payments.receipt.history") }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m("payments.history.title"));
  await expect(page.getByRole("table", { name: m("payments.history.caption") }).getByRole("link").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Each agency sees its share in its console: NTS's operator sees the two NTS bills and not NHIS's.
  const nts = DEMO_AGENCIES.find((a) => a.code === "NTS")!;
  await page.goto("/vi/console/signin");
  await signInOperator(page, nts.operator.email, "vi");
  const share = page.getByRole("region", { name: /Hóa đơn đã thanh toán/ });
  for (const [i, bill] of bills.entries()) {
    const row = share.locator("code").filter({ hasText: new RegExp(`^PAY-${run}-${i + 1}$`) });
    if (bill.agency === "NTS") await expect(row).toBeVisible();
    else await expect(row).toHaveCount(0);
  }
  await expectNoAxeViolations(page);
});

test("a declined card fails with a clear Vietnamese message and marks nothing paid", async ({ page, request }) => {
  test.setTimeout(120_000);
  const bill = await send(request, premium, 9, 45_000);
  await signIn(page);
  await basket(page, [bill]);
  await openWindow(page);
  await expect(page.getByRole("radio", { name: "Thẻ", exact: true })).toBeChecked();
  await tabTo(page, page.getByRole("textbox", { name: "Số thẻ (khi thanh toán bằng thẻ)" }));
  await page.keyboard.type("4000000000000002");
  await tabTo(page, page.getByRole("button", { name: /^Thanh toán/ }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/vi\/pay\/return\?/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m("payments.return.failedTitle"));
  await expect(page.getByRole("alert").filter({ hasText: m("payments.failure.declined") })).toBeVisible();
  await expect(page.getByRole("link", { name: m("payments.return.backToInbox") })).toBeVisible();
  await expectNoAxeViolations(page);

  expect(await sql(`SELECT "paidAt" FROM "Notice" WHERE id = $1`, [bill.id])).toEqual([{ paidAt: null }]);
  expect(await sql(`SELECT p.state FROM "Payment" p JOIN "PaymentItem" i ON i."paymentId" = p.id WHERE i."noticeId" = $1`, [bill.id])).toEqual([{ state: "failed" }]);
});
