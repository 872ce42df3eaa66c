import type { Db } from "../db";
import type { DeliveryDeps } from "../delivery/send";
import { isLocale, type Locale, type Localized } from "../../locales/config";
import { newCode, setChallenge } from "./counter";
import { maskPhone } from "./find";
import { APPROVAL_PUSH, CONSENT_CODE_SMS, PAYMENT_CODE_SMS, SUMMARY } from "./message-texts";
import type { AssistMessage } from "./messages-queue";
import { sessionActions } from "./summary";

const PUSH_TTL_SECONDS = 600;

/** Sends one assist message (the worker's `assist-message` task); a code is made here and only its hash kept. */
export async function sendAssistMessage(db: Db, deps: Pick<DeliveryDeps, "push" | "sms" | "publicUrl">, message: AssistMessage, now: Date): Promise<string> {
  const grant = await db.grant.findUnique({ where: { id: message.grantId }, include: { person: { include: { pushSubscriptions: true } }, staff: { include: { center: true } } } });
  if (!grant?.staff) return "no-grant";
  const locale: Locale = isLocale(grant.person.locale) ? grant.person.locale : "ko";
  const center = (grant.staff.center.name as Localized)[locale] ?? (grant.staff.center.name as Localized).ko;
  const base = deps.publicUrl.replace(/\/$/, "");

  if (message.what === "approval") {
    if (grant.status !== "pending") return "answered";
    const payload = JSON.stringify({ v: 1, noticeId: grant.id, title: "Moa", body: APPROVAL_PUSH[locale](center), url: `/${locale}/assist/approve/${grant.id}`, lang: locale });
    const sent = await Promise.all(grant.person.pushSubscriptions.map((sub) => deps.push(sub, { payload, ttl: PUSH_TTL_SECONDS, urgency: "high", topic: grant.id.replace(/-/g, "") })));
    return sent.some((s) => s.kind === "sent") ? "sent" : "not-sent";
  }

  const phone = grant.person.phone;
  if (message.what === "summary") {
    const count = (await sessionActions(db, grant.id)).length;
    const text = SUMMARY[locale](center, count, `${base}/${locale}/settings/access`);
    const pushed = await Promise.all(grant.person.pushSubscriptions.map((sub) => deps.push(sub, { payload: JSON.stringify({ v: 1, noticeId: grant.id, title: "Moa", body: text, url: `/${locale}/settings/access`, lang: locale }), ttl: 86_400, urgency: "normal", topic: grant.id.replace(/-/g, "") })));
    if (pushed.some((p) => p.kind === "sent")) return "pushed";
    if (!phone || !deps.sms) return "not-sent";
    await deps.sms.send({ to: phone, text, reference: `assist-summary-${grant.id}` });
    return "sms";
  }

  // A consent or payment code, by SMS: only while it is still wanted.
  if (message.what === "consent-code" ? grant.status !== "pending" : grant.status !== "active") return "not-wanted";
  if (!phone || !deps.sms) throw new Error("no phone or SMS centre for an assist code");
  const code = newCode();
  await db.$transaction(async (tx) => {
    await setChallenge(tx, grant.id, code, now);
    if (message.what === "consent-code") await tx.grant.update({ where: { id: grant.id }, data: { consentEvidence: { method: "sms-code", phoneMasked: maskPhone(phone) } } });
  });
  const text = message.what === "consent-code" ? CONSENT_CODE_SMS[locale](center, code) : PAYMENT_CODE_SMS[locale](center, code);
  await deps.sms.send({ to: phone, text, reference: `assist-${message.what}-${grant.id}` });
  return "sms";
}
