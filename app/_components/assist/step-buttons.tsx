"use client";

import { useTranslations } from "next-intl";

/** A counter step's way forward (submits its form) and way back. */
export function StepButtons({ label, busy, onBack }: { label: string; busy: boolean; onBack: () => void }) {
  const t = useTranslations("assist");
  return (
    <div className="hero-actions">
      <button type="submit" className="button" disabled={busy}>
        {label}
      </button>
      <button type="button" className="button secondary" onClick={onBack}>
        {t("back")}
      </button>
    </div>
  );
}
