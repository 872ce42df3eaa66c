"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { Locale } from "@/locales/config";
import type { Preferences } from "@/server/preferences/preferences";
import { useTRPC } from "./providers";
import { PreferenceFieldsets, preferencesFrom } from "./settings-form";
import { deviceLabel, subscribeThisBrowser } from "./push-subscription";
import { useTypedBeforeHydration } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";

export function WelcomeForm({ initial, consent, returnTo, vapidPublicKey }: { initial: Preferences; consent: boolean | null; returnTo: string; vapidPublicKey: string | null }) {
  const t = useTranslations("welcome");
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState(initial);
  const [choice, setChoice] = useState<boolean | null>(consent);
  const [error, setError] = useState("");
  const mutation = useMutation(trpc.account.completeOnboarding.mutationOptions());
  const subscribe = useMutation(trpc.notifications.subscribe.mutationOptions());
  const [notify, setNotify] = useState(false);

  const adopt = (form: FormData) => {
    const chosen = { preferences: preferencesFrom(form, draft), consent: form.get("consent") === "yes" ? true : form.get("consent") === "no" ? false : null, notify: form.has("notify") };
    setDraft(chosen.preferences);
    setChoice(chosen.consent);
    setNotify(chosen.notify);
    return chosen;
  };
  const formRef = useTypedBeforeHydration(adopt);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = adopt(new FormData(event.currentTarget));
    if (chosen.consent === null) {
      setError(t("required"));
      document.getElementById("consent-yes")?.focus();
      return;
    }
    try {
      await mutation.mutateAsync({ consent: chosen.consent, locale, preferences: chosen.preferences });
      if (chosen.consent && chosen.notify) await subscribeDevice();
      window.location.assign(returnTo);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // Right after consent, in the same click (browsers ask for permission only on a user gesture). A
  // refusal or an unsupported browser does not hold up the welcome: Settings offers it again.
  const subscribeDevice = async () => {
    if (!vapidPublicKey) return;
    const result = await subscribeThisBrowser(vapidPublicKey);
    if (typeof result !== "string") await subscribe.mutateAsync({ endpoint: result.endpoint ?? "", keys: { p256dh: result.keys?.p256dh ?? "", auth: result.keys?.auth ?? "" }, label: deviceLabel(navigator.userAgent) }).catch(() => undefined);
  };

  return (
    <form ref={formRef} method="post" onSubmit={submit} noValidate>
      <PreferenceFieldsets draft={draft} onChange={setDraft} />
      <fieldset className="group" aria-describedby="consent-terms" aria-invalid={error ? true : undefined}>
        <legend>{t("consentLegend")}</legend>
        <p id="consent-terms" className="hint">
          {t("consentTerms")}
        </p>
        <label className="choice">
          <input id="consent-yes" type="radio" name="consent" value="yes" checked={choice === true} onChange={() => setChoice(true)} />
          <span>{t("consentYes")}</span>
        </label>
        <label className="choice">
          <input type="radio" name="consent" value="no" checked={choice === false} onChange={() => setChoice(false)} />
          <span>{t("consentNo")}</span>
        </label>
      </fieldset>
      {choice === true && (
        <label className="choice">
          <input type="checkbox" name="notify" checked={notify} onChange={(e) => setNotify(e.target.checked)} aria-describedby="notify-hint" />
          <span>
            {t("notifyDevice")}
            <span id="notify-hint" className="hint" style={{ display: "block" }}>
              {t("notifyDeviceHint")}
            </span>
          </span>
        </label>
      )}
      <div role="alert">{error && <p className="status error">{error}</p>}</div>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {t("continue")}
      </button>
    </form>
  );
}
