"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { TEXT_SIZES, type Preferences, type TextSize } from "@/server/preferences/preferences";
import { useTypedBeforeHydration } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";
import { usePreferences } from "./use-preferences";

export function SettingsForm({ initial }: { initial: Preferences }) {
  const t = useTranslations("settings");
  const { save, mutation } = usePreferences(initial);
  const errorMessage = useErrorMessage();
  const { draft, setDraft, adopt, formRef } = usePreferencesDraft(initial);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      await save(adopt(new FormData(event.currentTarget)));
      setStatus({ text: t("saved"), error: false });
    } catch (error) {
      setStatus({ text: errorMessage(error), error: true });
    }
  };

  return (
    <form ref={formRef} method="post" onSubmit={submit}>
      <PreferenceFieldsets draft={draft} onChange={setDraft} />
      <button type="submit" className="button" disabled={mutation.isPending}>
        {mutation.isPending ? t("saving") : t("save")}
      </button>
      <div role="status" aria-live="polite">
        {status && <p className={status.error ? "status error" : "status"}>{status.text}</p>}
      </div>
    </form>
  );
}

/**
 * The draft behind PreferenceFieldsets, and `adopt` to take the form's choices into it (made
 * before hydration too); put `formRef` on the <form>.
 */
export function usePreferencesDraft(initial: Preferences) {
  const [draft, setDraft] = useState(initial);
  const adopt = (form: FormData) => {
    const chosen = preferencesFrom(form, draft);
    setDraft(chosen);
    return chosen;
  };
  const formRef = useTypedBeforeHydration(adopt);
  return { draft, setDraft, adopt, formRef };
}

/** The choices in PreferenceFieldsets as the form holds them (chosen before hydration too); `fallback` for a text size it lacks. */
export function preferencesFrom(form: FormData, fallback: Preferences): Preferences {
  const size = Number(form.get("textSize"));
  return {
    textSize: TEXT_SIZES.find((s) => s === size) ?? fallback.textSize,
    screenReader: form.has("screenReader"),
    highContrast: form.has("highContrast"),
  };
}

/** Text size and reading modes: shared by Settings and the first sign-in. */
export function PreferenceFieldsets({ draft, onChange }: { draft: Preferences; onChange: (next: Preferences) => void }) {
  const t = useTranslations("settings");
  const setDraft = onChange;
  return (
    <>
        <fieldset className="group">
          <legend>{t("textSizeLegend")}</legend>
          {TEXT_SIZES.map((size) => (
            <label key={size} className="choice">
              <input
                type="radio"
                name="textSize"
                value={size}
                checked={draft.textSize === size}
                onChange={() => setDraft({ ...draft, textSize: size as TextSize })}
              />
              <span>{t("textSizeOption", { size, label: t(`textSizeLabel${size}`) })}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="group">
          <legend>{t("modesLegend")}</legend>
          <label className="choice">
            <input type="checkbox" name="screenReader" checked={draft.screenReader} aria-describedby="sr-hint" onChange={(e) => setDraft({ ...draft, screenReader: e.target.checked })} />
            <span>
              {t("screenReader")}
              <span id="sr-hint" className="hint" style={{ display: "block" }}>
                {t("screenReaderHint")}
              </span>
            </span>
          </label>
          <label className="choice">
            <input type="checkbox" name="highContrast" checked={draft.highContrast} aria-describedby="hc-hint" onChange={(e) => setDraft({ ...draft, highContrast: e.target.checked })} />
            <span>
              {t("highContrast")}
              <span id="hc-hint" className="hint" style={{ display: "block" }}>
                {t("highContrastHint")}
              </span>
            </span>
          </label>
        </fieldset>
    </>
  );
}
