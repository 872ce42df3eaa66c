"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { useTRPC } from "../providers";
import { useErrorMessage } from "../use-error-message";
import { loadPage } from "./navigate";

const STAFF_VIEW = "moa-staff-view";
const PREFS = "moa-prefs";

function readCookie(name: string): string | null {
  const hit = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}
const writeCookie = (name: string, value: string, maxAge: number) => {
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; SameSite=Lax`;
};
const noChanges = () => () => {};
/** The same page in another locale: `/{locale}/rest`. */
const inLocale = (locale: string) => `/${locale}${window.location.pathname.replace(/^\/[a-z]{2}(?=\/|$)/, "")}${window.location.search}`;

/**
 * Turns the screen to the citizen: the current page in their language at 200 % text; and back to
 * the staff member's own language and display.
 */
export function CitizenViewToggle({ citizenLocale, citizenTextSize }: { citizenLocale: string; citizenTextSize: number }) {
  const t = useTranslations("assist.banner");
  const saved = useSyncExternalStore(noChanges, () => readCookie(STAFF_VIEW), () => null);
  const toCitizen = () => {
    const staffLocale = window.location.pathname.split("/")[1];
    writeCookie(STAFF_VIEW, `${readCookie(PREFS) ?? "100.0.0"}|${staffLocale}`, 3 * 3600);
    const [, screenReader = "0", contrast = "0"] = (readCookie(PREFS) ?? "100.0.0").split(".");
    writeCookie(PREFS, `${Math.max(200, citizenTextSize)}.${screenReader}.${contrast}`, 3 * 3600);
    loadPage(inLocale(citizenLocale));
  };
  const toStaff = () => {
    const [prefs, locale] = (saved ?? "100.0.0|ko").split("|");
    writeCookie(PREFS, prefs, 365 * 86_400);
    writeCookie(STAFF_VIEW, "", 0);
    loadPage(inLocale(locale || "ko"));
  };
  return (
    <button type="button" className="button secondary" onClick={saved ? toStaff : toCitizen} aria-pressed={saved !== null}>
      {saved ? t("staffView") : t("citizenView")}
    </button>
  );
}

/** Ends the counter session; under paper consent the printed summary comes next. */
export function EndSessionButton({ grantId, paper, citizenLocale }: { grantId: string; paper: boolean; citizenLocale: string }) {
  const t = useTranslations("assist.banner");
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const end = useMutation(trpc.assist.end.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    setError(null);
    try {
      const { printedSummary } = await end.mutateAsync({ grantId });
      const staffLocale = (readCookie(STAFF_VIEW) ?? "").split("|")[1] || window.location.pathname.split("/")[1];
      if (readCookie(STAFF_VIEW)) writeCookie(PREFS, (readCookie(STAFF_VIEW) ?? "100.0.0").split("|")[0], 365 * 86_400);
      writeCookie(STAFF_VIEW, "", 0);
      loadPage(printedSummary || paper ? `/${citizenLocale}/assist/summary/${grantId}` : `/${staffLocale}/assist?ended=1`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={onClick} disabled={end.isPending}>
        {t("end")}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}

/** A proxy goes back to their own account. */
export function StopActingButton() {
  const t = useTranslations("assist.banner");
  const trpc = useTRPC();
  const stop = useMutation(trpc.grants.actFor.mutationOptions());
  return (
    <button type="button" className="button" disabled={stop.isPending} onClick={() => stop.mutate({ grantId: null }, { onSuccess: () => loadPage(`/${window.location.pathname.split("/")[1]}/inbox`) })}>
      {t("stop")}
    </button>
  );
}
