import { readFileSync } from "node:fs";
import { DEMO_AGENCIES, DEMO_CITIZENS } from "../../prisma/seed/data";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { axeViolations } from "../axe";
import { expect, msg, setMode, signInOperator, sql, test } from "../support";

// KNPA's operator: no other spec signs in as them, and a TOTP code is accepted once per account.
const knpa = DEMO_AGENCIES.find((a) => a.code === "KNPA")!;
const fine = DEMO_TEMPLATES.find((t) => t.agency === "KNPA" && t.kind === "traffic-fine")!;
const run = Date.now().toString(36);
const quoted = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

/** 20 rows of the traffic-fine template, two of them spoilt (an impossible birth date, an amount in words). */
function fineCsv() {
  const names = Object.keys(fine.fields);
  const header = ["reference", "template", "recipient.rrn", "recipient.name", ...names.map((f) => `fields.${f}`)].join(",");
  const bad = new Map([
    [5, "recipient.rrn"],
    [13, "fields.fineAmount"],
  ]);
  const lines = Array.from({ length: 20 }, (_, i) => {
    const row = i + 1;
    const citizen = DEMO_CITIZENS[i % DEMO_CITIZENS.length];
    const fields: Record<string, string> = Object.fromEntries(names.map((f) => [f, String(fine.example[f])]));
    let rrn = citizen.rrn;
    if (row === 5) rrn = "801399-1234567";
    if (row === 13) fields.fineAmount = "칠만원";
    return [`CONSOLE-${run}-${row}`, fine.kind, rrn, citizen.name, ...names.map((f) => fields[f])].map(quoted).join(",");
  });
  return { csv: [header, ...lines].join("\r\n") + "\r\n", bad };
}

test("an operator uploads a CSV with live progress, downloads the error report, previews templates and sees recent notices", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await page.goto("/en/console/signin");
  await signInOperator(page, knpa.operator.email);
  await expect(page.getByRole("heading", { level: 2, name: msg("en", "batchUpload.title") })).toBeVisible();

  // Upload: the progress bar runs through upload and checking to done, with the counts.
  const { csv, bad } = fineCsv();
  await page.getByLabel(msg("en", "batchUpload.fileLabel")).setInputFiles({ name: "traffic-fines.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: msg("en", "batchUpload.upload") }).click();
  const bar = page.getByRole("progressbar", { name: msg("en", "batchUpload.progressLabel") });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuetext", "Done: 18 accepted, 0 already sent, 2 rejected", { timeout: 60_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("status").filter({ hasText: "Done: 18 accepted, 0 already sent, 2 rejected" })).toBeAttached();
  const count = (label: string) => page.locator(".batch-counts > div").filter({ has: page.getByText(msg("en", label), { exact: true }) }).locator("dd");
  await expect(count("batchUpload.accepted")).toHaveText("18");
  await expect(count("batchUpload.duplicates")).toHaveText("0");
  await expect(count("batchUpload.rejected")).toHaveText("2");
  const [{ stored }] = await sql<{ stored: string }>(`SELECT count(*) AS stored FROM "Notice" WHERE reference LIKE $1`, [`CONSOLE-${run}-%`]);
  expect(Number(stored)).toBe(18);
  const [{ audited }] = await sql<{ audited: string }>(
    `SELECT count(*) AS audited FROM "AuditEvent" e JOIN "AgencyOperator" o ON o.id::text = e."actorId" WHERE e.action = 'batch.uploaded' AND o.email = $1`,
    [knpa.operator.email],
  );
  expect(Number(audited)).toBeGreaterThan(0);

  // The error report: two rows, naming the spoilt rows and columns, never the values.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the error report (2 rejected rows, CSV)" }).click();
  const report = readFileSync((await (await downloading).path())!, "utf8");
  const rows = report.replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
  expect(rows).toHaveLength(2);
  expect(new Map(rows.map(([row, column]) => [Number(row), column]))).toEqual(bad);
  expect(report).not.toContain("801399");

  // Recent uploads and recent notices follow without a reload.
  await expect(page.getByRole("region", { name: msg("en", "batchUpload.recentTitle") }).getByRole("row")).not.toHaveCount(0);
  const notices = page.getByRole("table", { name: msg("en", "recentNotices.caption") });
  const latest = notices.getByRole("row").filter({ hasText: `CONSOLE-${run}-20` });
  await expect(latest).toBeVisible();
  await expect(latest).toContainText(msg("en", "recentNotices.notRead"));
  await expect(notices.getByRole("rowheader", { name: `CONSOLE-${run}-5`, exact: true })).toHaveCount(0);

  // Previews: the template in Korean, then Thai, each marked with its language.
  const preview = page.getByRole("article", { name: new RegExp(fine.name.en) });
  await expect(preview.getByRole("heading", { level: 3 })).toHaveText(fine.messages.en.title.replace("{plateNumber}", fine.fields.plateNumber.label.en));
  for (const [locale, tag, button] of [
    ["ko", "ko", "한국어"],
    ["th", "th", "ไทย"],
  ] as const) {
    await preview.getByRole("button", { name: button }).click();
    await expect(preview.getByRole("button", { name: button })).toHaveAttribute("aria-pressed", "true");
    const sample = preview.locator(`[lang="${tag}"]`).getByRole("heading", { level: 3 });
    await expect(sample).toHaveText(fine.messages[locale].title.replace("{plateNumber}", fine.fields.plateNumber.label[locale]));
  }

  expect(await axeViolations(page)).toEqual([]);

  // 320 px wide at 200 % text: everything reflows; only the tables scroll, inside their own regions.
  await setMode(page.context(), baseURL!, "text-200");
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: msg("en", "templatePreviews.title") })).toBeVisible();
  await expect(notices).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);
});
