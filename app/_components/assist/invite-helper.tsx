"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { SCOPES, type Scope } from "@/server/assist/scopes";
import { useTRPC } from "../providers";
import { isStepUpRequired, useStepUp } from "../step-up";
import { allOf, oneOf, textOf, useTypedBeforeHydration } from "../typed-before-hydration";
import { useStepError } from "./step-error";

const DAYS = [30, 90, 180, 365];

/** Invites a helper (after a step-up): the link is shown once, for the citizen to pass on. */
export function InviteHelper({ onInvited }: { onInvited: () => void }) {
  const t = useTranslations("assist.helpers");
  const tScopes = useTranslations("assist.scopes");
  const locale = useLocale();
  const trpc = useTRPC();
  const stepUp = useStepUp();
  const invite = useMutation(trpc.grants.invite.mutationOptions());
  const { fail, clear, view } = useStepError();
  const [label, setLabel] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["notice:read", "payment:pay"]);
  const [days, setDays] = useState(365);
  const [link, setLink] = useState<string | null>(null);
  // What the form holds, filled in before the page hydrated too.
  const adopt = (form: FormData) => {
    const chosen = { label: textOf(form, "label"), scopes: allOf(form, "scope", SCOPES), days: oneOf(form, "days", DAYS) ?? days };
    setLabel(chosen.label);
    setScopes(chosen.scopes);
    setDays(chosen.days);
    return chosen;
  };
  const formRef = useTypedBeforeHydration(adopt);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const chosen = adopt(new FormData(event.currentTarget));
    try {
      const { token } = await stepUp(() => invite.mutateAsync(chosen));
      setLink(`${window.location.origin}/${locale}/proxy/${token}`);
      setLabel("");
      onInvited();
    } catch (e) {
      if (e !== undefined && !isStepUpRequired(e)) fail(e);
    }
  };
  return (
    <form ref={formRef} method="post" onSubmit={submit} noValidate>
      <h3>{t("inviteTitle")}</h3>
      <div className="stack">
        <label htmlFor="helper-label">{t("label")}</label>
        <input id="helper-label" name="label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={60} aria-describedby="helper-label-hint" required />
        <p id="helper-label-hint" className="hint">
          {t("labelHint")}
        </p>
      </div>
      <fieldset className="group">
        <legend>{t("scopes")}</legend>
        {SCOPES.map((s) => (
          <label key={s} className="choice">
            <input type="checkbox" name="scope" value={s} checked={scopes.includes(s)} onChange={(e) => setScopes((x) => (e.target.checked ? [...x, s] : x.filter((y) => y !== s)))} />
            <span>{tScopes(s)}</span>
          </label>
        ))}
      </fieldset>
      <div className="stack">
        <label htmlFor="helper-days">{t("duration")}</label>
        <select id="helper-days" name="days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {DAYS.map((d) => (
            <option key={d} value={d}>
              {t("days", { days: d })}
            </option>
          ))}
        </select>
      </div>
      <p>
        <button type="submit" className="button" disabled={invite.isPending || scopes.length === 0 || !label.trim()}>
          {t("invite")}
        </button>
      </p>
      {view}
      <div role="status" aria-live="polite">
        {link && (
          <div className="status">
            <p>{t("linkReady")}</p>
            <p>
              <label htmlFor="helper-link">{t("link")}</label>
            </p>
            <input id="helper-link" readOnly value={link} onFocus={(e) => e.target.select()} className="wide" />
          </div>
        )}
      </div>
    </form>
  );
}
