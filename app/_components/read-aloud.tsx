"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState, useSyncExternalStore } from "react";
import { LOCALE_TAGS, type Locale } from "@/locales/config";

type State = "idle" | "speaking" | "paused";
const noSubscription = () => () => {};

/** Reads a notice aloud with the browser's own speech synthesis, in the page's language. */
export function ReadAloud({ text }: { text: string }) {
  const t = useTranslations("readAloud");
  const locale = useLocale() as Locale;
  // false on the server, the browser's answer after hydration: no mismatch.
  const supported = useSyncExternalStore(
    noSubscription,
    () => "speechSynthesis" in window,
    () => false,
  );
  const [state, setState] = useState<State>("idle");

  useEffect(() => {
    return () => {
      if ("speechSynthesis" in window) window.speechSynthesis.cancel();
    };
  }, []);
  if (!supported) return null;

  const play = () => {
    const synth = window.speechSynthesis;
    if (state === "paused") {
      synth.resume();
      return setState("speaking");
    }
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = LOCALE_TAGS[locale];
    utterance.onend = () => setState("idle");
    utterance.onerror = () => setState("idle");
    synth.speak(utterance);
    setState("speaking");
  };
  const pause = () => {
    window.speechSynthesis.pause();
    setState("paused");
  };
  const stop = () => {
    window.speechSynthesis.cancel();
    setState("idle");
  };

  return (
    <div className="read-aloud" role="group" aria-label={t("label")}>
      <button type="button" className="button secondary small" onClick={play} disabled={state === "speaking"}>
        {state === "paused" ? t("resume") : t("play")}
      </button>
      <button type="button" className="button secondary small" onClick={pause} disabled={state !== "speaking"}>
        {t("pause")}
      </button>
      <button type="button" className="button secondary small" onClick={stop} disabled={state === "idle"}>
        {t("stop")}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {state === "speaking" ? t("speaking") : state === "paused" ? t("paused") : ""}
      </span>
    </div>
  );
}
