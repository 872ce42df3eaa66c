"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { CounterConsent } from "./counter-consent";
import { CounterFind, type Found } from "./counter-find";
import { CounterSetup } from "./counter-setup";
import { loadPage } from "./navigate";

type Step = { at: "find" } | { at: "setup"; citizen: Found } | { at: "consent"; citizen: Found; grantId: string; method: "phone-approval" | "sms-code" | "paper-form" };

/**
 * The counter, in three steps: find the citizen, record the ID check and what they agree to, then
 * their consent. Once it is given the session begins and the citizen's pages open under the banner.
 */
export function Counter() {
  const t = useTranslations("assist");
  const locale = useLocale();
  const [step, setStep] = useState<Step>({ at: "find" });
  const heading = useRef<HTMLHeadingElement>(null);
  const go = (next: Step) => {
    setStep(next);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const started = () => loadPage(`/${locale}/inbox`);
  return (
    <section aria-labelledby="counter-step">
      <h2 id="counter-step" ref={heading} tabIndex={-1}>
        {t(`steps.${step.at}`)}
      </h2>
      <p className="hint">{t("stepOf", { step: { find: 1, setup: 2, consent: 3 }[step.at], total: 3 })}</p>
      {step.at === "find" && <CounterFind onFound={(citizen) => go({ at: "setup", citizen })} />}
      {step.at === "setup" && (
        <CounterSetup citizen={step.citizen} onOpened={(grantId, method) => go({ at: "consent", citizen: step.citizen, grantId, method })} onBack={() => go({ at: "find" })} />
      )}
      {step.at === "consent" && <CounterConsent citizen={step.citizen} grantId={step.grantId} method={step.method} onStarted={started} onBack={() => go({ at: "setup", citizen: step.citizen })} />}
    </section>
  );
}
