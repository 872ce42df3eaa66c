"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { Locale } from "@/locales/config";
import type { Preferences } from "@/server/preferences/preferences";
import { useTRPC } from "./providers";
import { PreferenceFieldsets } from "./settings-form";
import { useErrorMessage } from "./use-error-message";

export function WelcomeForm({ initial, consent, returnTo }: { initial: Preferences; consent: boolean | null; returnTo: string }) {
  const t = useTranslations("welcome");
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState(initial);
  const [choice, setChoice] = useState<boolean | null>(consent);
  const [error, setError] = useState("");
  const mutation = useMutation(trpc.account.completeOnboarding.mutationOptions());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (choice === null) {
      setError(t("required"));
      document.getElementById("consent-yes")?.focus();
      return;
    }
    try {
      await mutation.mutateAsync({ consent: choice, locale, preferences: draft });
      window.location.assign(returnTo);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <PreferenceFieldsets draft={draft} onChange={setDraft} />
      <fieldset className="group" aria-describedby="consent-terms" aria-invalid={error ? true : undefined}>
        <legend>{t("consentLegend")}</legend>
        <p id="consent-terms" className="hint">
          {t("consentTerms")}
        </p>
        <label className="choice">
          <input id="consent-yes" type="radio" name="consent" checked={choice === true} onChange={() => setChoice(true)} />
          <span>{t("consentYes")}</span>
        </label>
        <label className="choice">
          <input type="radio" name="consent" checked={choice === false} onChange={() => setChoice(false)} />
          <span>{t("consentNo")}</span>
        </label>
      </fieldset>
      <div role="alert">{error && <p className="status error">{error}</p>}</div>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t("continue")}
      </button>
    </form>
  );
}
