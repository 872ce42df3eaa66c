import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { exportJWK, generateKeyPair } from "jose";
import pg from "pg";
import QRCode from "qrcode";
import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { issueCredential, type IssuedCredential } from "../../server/credentials/issue";
import { createKeyring } from "../../server/credentials/keys";
import { revokeCredential } from "../../server/credentials/lifecycle";
import { presentCredential } from "../../server/credentials/present";
import { demoRegistry } from "../../server/credentials/registries";
import { formatLetterNumber } from "../../server/delivery/letter-number";
import { rrnToCi } from "../../server/identity/rrn";
import { axeViolations, WCAG_TAGS } from "../axe";
import { expect, LOCALES, modesFor, msg, setMode, test, type Locale } from "../support";

/**
 * /verify checks certificates issued here through the server's own code against the e2e
 * database and keys (as the wallet would get them): by authenticity number, by pasting a
 * presentation, by a picture of a QR code, offline from what the page saved, and axe-clean.
 */
const lan = DEMO_CITIZENS.find((c) => c.key === "vietnamese")!;
let copy: IssuedCredential;
let revoked: IssuedCredential;
let presentation: string;

test.beforeAll(async () => {
  const demo = JSON.parse(readFileSync(".data-e2e/demo.json", "utf8")) as { webUrl: string; databaseUrl: string };
  const secrets = JSON.parse(readFileSync(".data-e2e/secrets.json", "utf8")) as Record<string, string>;
  const keys = Object.fromEntries(["MOIS", "SCOURT", "NHIS", "NTS"].map((code) => [code, JSON.parse(secrets[`CREDENTIAL_KEY_${code}`])]));
  const pool = new pg.Pool({ connectionString: demo.databaseUrl, max: 2 });
  try {
    const [person] = (await pool.query<{ id: string }>(`SELECT "id" FROM "Person" WHERE "ci" = $1`, [rrnToCi(lan.rrn, secrets.CI_SECRET)])).rows;
    const deps = { pool, keyring: await createKeyring(JSON.stringify(keys), demo.webUrl), registry: demoRegistry(secrets.CI_SECRET), publicUrl: demo.webUrl };
    const holderJwk = await exportJWK((await generateKeyPair("ES256")).publicKey);
    copy = await issueCredential(deps, { personId: person.id, type: "resident-registration-copy", holderJwk }, new Date());
    revoked = await issueCredential(deps, { personId: person.id, type: "tax-payment", holderJwk }, new Date());
    await revokeCredential(pool, revoked.id, new Date());
    // The householder and Lan herself; the address and the other two members stay hidden.
    presentation = await presentCredential(copy.sdJwt, ["householder", "members.1"], null, { aud: "", nonce: "" });
  } finally {
    await pool.end();
  }
});

const HIDDEN = ["창신길", "03100", "김하늘", "2019-10-10"];

async function expectCheck(page: Page, locale: Locale, check: string, outcome: "ok" | "failed" | "unknown") {
  await expect(page.getByRole("listitem").filter({ hasText: msg(locale, `verifyCredential.checks.${check}`) })).toContainText(msg(locale, `verifyCredential.outcome.${outcome}`));
}

async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page, { tags: WCAG_TAGS })).toEqual([]);
}

test("by authenticity number: the three checks and what the certificate is, nothing personal; a revoked one fails 'not revoked'", async ({ page }) => {
  await page.goto("/en/verify");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("en", "verifyCredential.title"));
  await page.getByLabel(msg("en", "verifyCredential.numberLabel"), { exact: true }).fill(formatLetterNumber(copy.authenticityNumber).replace(/ /g, "-"));
  await page.getByRole("button", { name: msg("en", "verifyCredential.numberCheck") }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ministry of the Interior and Safety" })).toContainText("This certificate is genuine");
  for (const check of ["issuer", "unaltered", "notRevoked"]) await expectCheck(page, "en", check, "ok");
  await expect(page.getByText(msg("en", "verifyCredential.byNumber"))).toBeVisible();
  await expect(page.getByText("Resident registration copy (whole household)")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Nguyễn");
  await expect(page.locator("main")).not.toContainText("김민수");
  await expectNoAxeViolations(page);

  await page.getByLabel(msg("en", "verifyCredential.numberLabel"), { exact: true }).fill(revoked.authenticityNumber);
  await page.getByRole("button", { name: msg("en", "verifyCredential.numberCheck") }).click();
  await expect(page.getByText(msg("en", "verifyCredential.failed"))).toBeVisible();
  await expectCheck(page, "en", "notRevoked", "failed");
  await expect(page.getByText(msg("en", "verifyCredential.reasons.revoked"))).toBeVisible();

  await page.getByLabel(msg("en", "verifyCredential.numberLabel"), { exact: true }).fill("1234 5678 9012 3456");
  await page.getByRole("button", { name: msg("en", "verifyCredential.numberCheck") }).click();
  await expect(page.getByText(msg("en", "verifyCredential.numberMalformed"))).toBeVisible();
});

test("a pasted presentation with claims hidden: ✓ ✓ ✓, the shown claims labelled in Vietnamese, the hidden ones nowhere; one byte changed fails", async ({ page }) => {
  const bodies: string[] = [];
  page.on("response", async (res) => {
    if (res.url().includes("/api/")) bodies.push(await res.text().catch(() => ""));
  });
  await page.goto("/vi/verify");
  await page.getByRole("textbox", { name: msg("vi", "verifyCredential.pasteLabel"), exact: true }).fill(presentation);
  await page.getByRole("button", { name: msg("vi", "verifyCredential.pasteCheck") }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bộ Hành chính và An toàn" })).toBeVisible();
  for (const check of ["issuer", "unaltered", "notRevoked"]) await expectCheck(page, "vi", check, "ok");
  await expect(page.getByRole("heading", { name: msg("vi", "verifyCredential.claimsHeading") })).toBeVisible();
  await expect(page.getByText("Nguyễn Thị Lan")).toBeVisible();
  await expect(page.getByText("Vợ/chồng")).toBeVisible();
  const main = await page.locator("main").innerText();
  for (const hidden of HIDDEN) {
    expect(main).not.toContain(hidden);
    for (const body of bodies) expect(body).not.toContain(hidden);
  }

  const i = presentation.indexOf(".") + 25;
  const altered = presentation.slice(0, i) + (presentation[i] === "A" ? "B" : "A") + presentation.slice(i + 1);
  await page.getByRole("textbox", { name: msg("vi", "verifyCredential.pasteLabel"), exact: true }).fill(altered);
  await page.getByRole("button", { name: msg("vi", "verifyCredential.pasteCheck") }).click();
  await expect(page.getByText(msg("vi", "verifyCredential.failed"))).toBeVisible();
  await expectCheck(page, "vi", "unaltered", "failed");
});

test("a picture of a QR code is read in the page; a share link opens its page; the camera refused is explained in words", async ({ page }) => {
  await page.goto("/en/verify");
  const png = await QRCode.toBuffer(`http://localhost:3100/en/verify?number=${copy.authenticityNumber}`, { width: 400, margin: 4 });
  await page.getByLabel(msg("en", "verifyCredential.uploadLabel")).setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: png });
  await expect(page.getByText(/This certificate is genuine/)).toBeVisible();

  await page.getByRole("button", { name: msg("en", "verifyCredential.scanStart") }).click();
  await expect(page.getByText(msg("en", "verifyCredential.cameraDenied")).or(page.getByText(msg("en", "verifyCredential.cameraMissing")))).toBeVisible();

  const token = "A".repeat(43);
  await page.getByRole("textbox", { name: msg("en", "verifyCredential.pasteLabel"), exact: true }).fill(`https://moa.example.kr/ko/s/${token}`);
  await page.getByRole("button", { name: msg("en", "verifyCredential.pasteCheck") }).click();
  await expect(page).toHaveURL(new RegExp(`/en/s/${token}$`));
});

test("offline: checked in the browser with the saved keys, and the log with the proof saved when it was checked online", async ({ page, context }) => {
  await page.goto("/ja/verify?presentation=" + presentation);
  await expectCheck(page, "ja", "unaltered", "ok");
  // Saving the inclusion proof follows the answer.
  await expect.poll(() => page.evaluate(async () => (await (await caches.open("moa-verify-v1")).keys()).length)).toBeGreaterThanOrEqual(2);
  await context.setOffline(true);
  await page.getByRole("textbox", { name: msg("ja", "verifyCredential.pasteLabel"), exact: true }).fill(presentation);
  await page.getByRole("button", { name: msg("ja", "verifyCredential.pasteCheck") }).click();
  await expect(page.getByText(msg("ja", "verifyCredential.incomplete"))).toBeVisible();
  await expectCheck(page, "ja", "issuer", "ok");
  await expectCheck(page, "ja", "unaltered", "ok");
  await expectCheck(page, "ja", "notRevoked", "unknown");
  await expect(page.getByText(msg("ja", "verifyCredential.reasons.offline"))).toBeVisible();
  await context.setOffline(false);
});

for (const locale of LOCALES) {
  test(`a result is axe-clean in ${locale}, in ${modesFor(locale).join(" and ")} modes`, async ({ page, context, baseURL }) => {
    for (const mode of modesFor(locale)) {
      await setMode(context, baseURL!, mode);
      if (mode === "text-200") await page.setViewportSize({ width: 320, height: 800 });
      else await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`/${locale}/verify?presentation=${presentation}`);
      await expect(page.getByRole("heading", { name: msg(locale, "verifyCredential.claimsHeading") })).toBeVisible();
      await expectNoAxeViolations(page);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll("main *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}: ${e.textContent?.slice(0, 40)}`),
      );
      expect(wide, mode).toEqual([]);
    }
  });
}
