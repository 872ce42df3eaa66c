import type { Locale, Localized } from "../../locales/config";
import { afterQuietHours, letterDueAt, parsePolicy, smsDueAt } from "./policy";

export type Step = "push" | "sms" | "letter";

/** A notice whose next step is due, with what deciding the step needs. */
export interface DueNotice {
  id: string;
  agencyId: string;
  reference: string;
  nextStep: Step;
  testMode: boolean;
  certified: boolean;
  route: string;
  acceptedAt: Date;
  deliveredAt: Date | null;
  recipientPhone: string | null;
  postalAddress: string | null;
  personId: string | null;
  locale: Locale | null;
  pushEnabled: boolean | null;
  smsEnabled: boolean | null;
  phone: string | null;
  personAddress: string | null;
  consent: boolean;
  agencyName: Localized;
  kindName: Localized;
  deliveryPolicy: unknown;
}

export interface PlannedDelivery {
  channel: Step;
  target: string;
  status: "sending" | "queued" | "permanent-failure";
  error: string | null;
}

export interface StepPlan {
  deliveries: PlannedDelivery[];
  nextStep: Step | null;
  nextStepAt: Date | null;
  /** The step was not taken now (quiet hours): only the time moved. */
  postponed: boolean;
}

/**
 * Decides what one due notice gets now — pure, so every branch of the policy is tested without a
 * database: push to each device → SMS after `smsAfterHours` → letter after `letterAfterDays`; a
 * channel that cannot be used (no device, no phone, switched off, no consent) is skipped at once;
 * push and SMS wait for the end of quiet hours unless the template is urgent.
 */
export function planStep(n: DueNotice, devices: string[], now: Date, smsAvailable: boolean): StepPlan {
  const policy = parsePolicy(n.deliveryPolicy);
  const electronic = n.route === "electronic" && n.consent;
  const letterAt = letterDueAt(policy, n.acceptedAt, n.certified);
  const quietUntil = policy.urgent ? now : afterQuietHours(now);
  const postpone = (step: Step): StepPlan => ({ deliveries: [], nextStep: step, nextStepAt: quietUntil, postponed: true });
  const letterNext = (): StepPlan | null => (letterAt > now ? { deliveries: [], nextStep: "letter", nextStepAt: letterAt, postponed: false } : null);

  let step: Step = electronic ? n.nextStep : "letter";
  if (step === "push") {
    const targets = n.pushEnabled ? devices : [];
    if (targets.length > 0) {
      if (quietUntil > now) return postpone("push");
      const sms = smsPossible(n, smsAvailable);
      return {
        deliveries: targets.map((target) => ({ channel: "push", target, status: "sending", error: null })),
        nextStep: sms ? "sms" : "letter",
        nextStepAt: sms ? smsDueAt(policy, now) : letterAt,
        postponed: false,
      };
    }
    step = "sms";
  }
  if (step === "sms") {
    const phone = smsPossible(n, smsAvailable);
    if (phone) {
      if (quietUntil > now) return postpone("sms");
      return { deliveries: [{ channel: "sms", target: phone, status: "sending", error: null }], nextStep: "letter", nextStepAt: letterAt > now ? letterAt : now, postponed: false };
    }
    const later = letterNext();
    if (later) return later;
  }
  const address = n.postalAddress ?? n.personAddress;
  return {
    deliveries: [address ? { channel: "letter", target: "letter", status: "queued", error: null } : { channel: "letter", target: "letter", status: "permanent-failure", error: "no-postal-address" }],
    nextStep: null,
    nextStepAt: null,
    postponed: false,
  };
}

function smsPossible(n: DueNotice, smsAvailable: boolean): string | null {
  if (!smsAvailable || n.smsEnabled === false) return null;
  // "010-2000-0003" → "01020000003": the SMS centre takes digits only.
  const digits = (n.phone ?? n.recipientPhone)?.replace(/[^\d+]/g, "");
  return digits && /^\+?\d{8,15}$/.test(digits) ? digits : null;
}
