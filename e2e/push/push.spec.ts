import { DEMO_AGENCIES, DEMO_CITIZENS } from "../../prisma/seed/data";
import { demoApiKey } from "../../prisma/seed/seed";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { pushPayload } from "../../server/delivery/messages";
import { expect, msg, sql, test } from "../support";

const KEY = { Authorization: `Bearer ${demoApiKey("live", "NTS")}` };
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;
const nts = DEMO_AGENCIES.find((a) => a.code === "NTS")!;
const lan = DEMO_CITIZENS.find((c) => c.key === "vietnamese")!;

/** What the test touches of the service worker's global scope (the e2e project has no webworker lib). */
interface WorkerScope {
  registration: { getNotifications(): Promise<{ title: string; body: string; tag: string; lang: string }[]> };
  dispatchEvent(event: Event): boolean;
}
declare const NotificationEvent: new (type: string, init: { notification: unknown }) => Event;

test("a push delivered to the service worker shows the notification in Vietnamese, and clicking it opens the notice", async ({ page, context, request, baseURL }) => {
  const sent = await request.post("/api/v1/notices", {
    headers: KEY,
    data: { reference: `PUSH-${Date.now().toString(36)}`, template: tax.kind, recipient: { rrn: lan.rrn, name: lan.name }, fields: tax.example },
  });
  expect(sent.status()).toBe(201);
  const { id } = await sent.json();

  await page.goto("/vi/inbox");
  await page.getByRole("link", { name: msg("vi", "auth.continue") }).click();
  await page.getByRole("button", { name: lan.name }).click();
  await page.waitForURL(/\/vi\/(welcome|inbox)/);
  if (page.url().includes("/welcome")) {
    await page.getByRole("radio", { name: msg("vi", "welcome.consentYes") }).check();
    await page.getByRole("button", { name: msg("vi", "welcome.continue") }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(msg("vi", "inbox.title"));
  await page.evaluate(() => navigator.serviceWorker.ready);
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(["notifications"], { origin });

  // The push service's delivery, as DevTools does it: the payload the worker would send for this notice.
  const cdp = await context.newCDPSession(page);
  const registrationId = await new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(origin) && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
    void cdp.send("ServiceWorker.enable");
  });
  const payload = pushPayload(id, "vi", nts.name, tax.name);
  await cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId, data: JSON.stringify(payload) });

  const worker = context.serviceWorkers().find((w) => w.url().startsWith(origin))!;
  const shown = () => worker.evaluate(async () => (await (self as unknown as WorkerScope).registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, lang: n.lang })));
  await expect.poll(shown).toEqual([{ title: nts.name.vi, body: `Thông báo mới: ${tax.name.vi}`, tag: `notice-${id}`, lang: "vi" }]);

  // A second push for the same notice replaces the notification instead of adding one.
  await cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId, data: JSON.stringify(payload) });
  await expect.poll(async () => (await shown()).length).toBe(1);

  // Settings → notifications, by keyboard: SMS off (escalation then skips it), then on again.
  await page.goto("/vi/settings");
  const sms = page.getByRole("checkbox", { name: msg("vi", "notifications.sms") });
  await sms.focus();
  await page.keyboard.press("Space");
  await expect(page.getByText(msg("vi", "notifications.saved"))).toBeVisible();
  await expect(sms).not.toBeChecked();
  expect((await sql<{ smsEnabled: boolean }>(`SELECT "smsEnabled" FROM "Person" WHERE name = $1`, [lan.name]))[0].smsEnabled).toBe(false);
  await page.keyboard.press("Space");
  await expect(sms).toBeChecked();
  await expect.poll(async () => (await sql<{ smsEnabled: boolean }>(`SELECT "smsEnabled" FROM "Person" WHERE name = $1`, [lan.name]))[0].smsEnabled).toBe(true);

  // DevTools cannot click a system notification: the click event is dispatched in the service worker.
  await worker.evaluate(async () => {
    const scope = self as unknown as WorkerScope;
    const [notification] = await scope.registration.getNotifications();
    scope.dispatchEvent(new NotificationEvent("notificationclick", { notification }));
  });
  await expect(page).toHaveURL(new RegExp(`/vi/inbox/${id}$`));
  await expect(page.getByText(msg("vi", "notice.showOriginal"))).toBeVisible();
});
