"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { TEXT_SIZES, type Preferences } from "@/server/preferences/preferences";
import { usePreferences } from "./use-preferences";
import { useErrorMessage } from "./use-error-message";

/** The header's quick control: text size and contrast, one press each. */
export function DisplayControls({ initial }: { initial: Preferences }) {
  const t = useTranslations("display");
  const { prefs, save } = usePreferences(initial);
  const errorMessage = useErrorMessage();
  const [status, setStatus] = useState("");
  const apply = async (next: Preferences) => {
    try {
      await save(next);
      setStatus(t("saved"));
    } catch (error) {
      setStatus(errorMessage(error));
    }
  };
  return (
    <details className="disclosure">
      <summary>
        <span aria-hidden="true">Aa</span>
        {t("button")}
      </summary>
      <div className="disclosure-panel">
        <fieldset className="segmented">
          <legend>{t("textSize")}</legend>
          {TEXT_SIZES.map((size) => (
            <button key={size} type="button" aria-pressed={prefs.textSize === size} onClick={() => apply({ ...prefs, textSize: size })}>
              {t("textSizeOption", { size })}
            </button>
          ))}
        </fieldset>
        <fieldset className="segmented">
          <legend>{t("contrast")}</legend>
          <button type="button" aria-pressed={!prefs.highContrast} onClick={() => apply({ ...prefs, highContrast: false })}>
            {t("contrastNormal")}
          </button>
          <button type="button" aria-pressed={prefs.highContrast} onClick={() => apply({ ...prefs, highContrast: true })}>
            {t("contrastHigh")}
          </button>
        </fieldset>
        <p role="status" className="hint">
          {status}
        </p>
      </div>
    </details>
  );
}
