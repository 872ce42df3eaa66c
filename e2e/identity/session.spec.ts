import { createHash } from "node:crypto";
import { axeViolations } from "../axe";
import { addVirtualAuthenticator, expect, msg, sql, test } from "../support";

async function signIn(page: import("@playwright/test").Page, name: string) {
  await page.goto("/en/signin");
  await page.getByRole("link", { name: msg("en", "auth.continue") }).click();
  await page.getByRole("button", { name }).click();
  await expect(page).toHaveURL(/\/en(\/welcome\?.*)?$/);
}

test("before the idle timeout a dialog offers to stay signed in; when it runs out, the session ends", async ({ page }) => {
  await page.clock.install();
  await signIn(page, "James Miller");
  const status = page.waitForResponse((r) => r.url().includes("session.status"));
  await page.goto("/en/settings");
  await status;
  await page.waitForLoadState("networkidle");
  // The service worker's install fetches the offline pages with this session's cookie, unseen by
  // networkidle: let it finish, or those requests would count as activity after the aging below.
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));

  // 20 minutes idle, warned 2 minutes before (WCAG 2.2.1). The server's clock must agree: the
  // warning re-reads the session, since another tab may have kept it alive.
  const token = (await page.context().cookies()).find((c) => c.name.endsWith("moa-session"))!.value;
  const sessionId = createHash("sha256").update(decodeURIComponent(token)).digest("hex");
  const age = (minutes: number) => sql(`UPDATE "Session" SET "lastSeenAt" = now() - make_interval(secs => $2) WHERE id = $1`, [sessionId, minutes * 60]);
  await age(18 + 5 / 60);
  await page.clock.fastForward("18:05");
  const dialog = page.getByRole("alertdialog", { name: msg("en", "idle.title") });
  await expect(dialog).toBeVisible();
  expect(await axeViolations(page, { include: "[role=alertdialog]" })).toEqual([]);
  await expect(dialog.getByRole("button", { name: msg("en", "idle.stay") })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();

  // The deadline moved: not warned again until 18 minutes from now. Then nobody answers.
  await page.clock.fastForward("17:00");
  await expect(dialog).toBeHidden();
  await age(21);
  await page.clock.fastForward("04:00");
  await expect(page).toHaveURL(/\/en\/signin\?expired=1/);
  await expect(page.getByText(msg("en", "auth.expired"))).toBeVisible();
  expect((await page.request.get("/api/trpc/account.me")).status()).toBe(401);
});

test("pages carry a nonce-based CSP without unsafe-inline scripts, and nothing on them breaks it", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction("reportCsp", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { reportCsp: (v: string) => void }).reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  for (const path of ["/en", "/en/settings", "/en/signin", "/en/assist/signin"]) {
    const res = await page.goto(path);
    const csp = res!.headers()["content-security-policy"];
    const script = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(script).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    await expect(page.locator("h1")).toBeVisible();
  }
  const first = (await page.goto("/en"))!.headers()["content-security-policy"];
  const second = (await page.goto("/en"))!.headers()["content-security-policy"];
  expect(first).not.toEqual(second);
  expect(violations).toEqual([]);
});

test("a state-changing request from another site is refused (CSRF)", async ({ request }) => {
  const res = await request.post("/api/trpc/account.setElectronicConsent", {
    headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
    data: { consent: false },
  });
  expect(res.status()).toBe(403);
});

test("sign-in attempts from one address are limited with a localized 429", async ({ request }) => {
  const headers = { "x-forwarded-for": "10.200.200.200" };
  let last = await request.get("/api/auth/signin?locale=ja", { headers, maxRedirects: 0 });
  for (let i = 0; i < 10; i++) last = await request.get("/api/auth/signin?locale=ja", { headers, maxRedirects: 0 });
  expect(last.status()).toBe(429);
  expect(Number(last.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await last.text()).toContain("試行回数が多すぎます");
});

test("a passkey added while the settings page is still loading its list shows in the list", async ({ page }) => {
  const name = "Trần Minh Đức";
  await signIn(page, name);
  await addVirtualAuthenticator(page);
  // The page's first read of the passkeys answers as it would have before the passkey was added,
  // and arrives only after: the list must be read again, not taken from that first read.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    /\/api\/trpc\/[^?]*passkeys\.status/,
    async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response }).catch(() => {}); // the page may have given up on it
    },
    { times: 1 },
  );
  try {
    await page.goto("/en/settings");
    await page.getByLabel(msg("en", "passkeys.nameLabel")).fill("Laptop");
    await page.getByRole("button", { name: msg("en", "passkeys.add") }).click();
    await expect(page.getByText(msg("en", "passkeys.added"))).toBeVisible();
    release();
    await expect(page.getByRole("listitem").filter({ hasText: "Laptop" })).toBeVisible();
  } finally {
    release();
    await sql(`DELETE FROM "Passkey" WHERE name = 'Laptop' AND "personId" = (SELECT id FROM "Person" WHERE name = $1)`, [name]);
  }
});

test("a session or preferences cookie with malformed escapes is no cookie: the API answers as signed out, not 500", async ({ request }) => {
  const me = await request.get("/api/trpc/account.me", { headers: { cookie: "moa-session=%E0%A4%A; moa-prefs=%E0%A4%A" } });
  expect(me.status()).toBe(401);
});
