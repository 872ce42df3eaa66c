"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/** Whole seconds until `until`, ticking once a second; 0 once passed or when there is nothing to count. */
export function useSecondsLeft(until: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((Date.parse(until) - now) / 1000)) : 0;
}

/**
 * How long the quoted amount holds. The ticking clock is not a live region: only the 5-minute and
 * 1-minute marks and the expiry are announced (each once, as the text changes only then).
 */
export function QuoteCountdown({ validUntil, secondsLeft }: { validUntil: string; secondsLeft: number }) {
  const t = useTranslations("payments.pay");
  const format = useFormatter();
  const phase = secondsLeft <= 0 ? "expired" : secondsLeft <= 60 ? "oneMinuteLeft" : secondsLeft <= 300 ? "fiveMinutesLeft" : null;
  return (
    <div className="quote-timer">
      <p>{t("validUntil", { time: format.dateTime(new Date(validUntil), "time") })}</p>
      {secondsLeft > 0 && (
        <p className="countdown">{t("remaining", { minutes: Math.floor(secondsLeft / 60), seconds: String(secondsLeft % 60).padStart(2, "0") })}</p>
      )}
      <div role="status" aria-live="polite">
        {phase && <p className={phase === "expired" ? "status error" : "status"}>{t(phase)}</p>}
      </div>
    </div>
  );
}
