"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { SCOPES, type Scope } from "@/server/assist/scopes";
import { useTRPC } from "../providers";
import { isStepUpRequired, useStepUp } from "../step-up";
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
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      const { token } = await stepUp(() => invite.mutateAsync({ label, scopes, days }));
      setLink(`${window.location.origin}/${locale}/proxy/${token}`);
      setLabel("");
      onInvited();
    } catch (e) {
      if (e !== undefined && !isStepUpRequired(e)) fail(e);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t("inviteTitle")}</h3>
      <div className="stack">
        <label htmlFor="helper-label">{t("label")}</label>
        <input id="helper-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={60} aria-describedby="helper-label-hint" required />
        <p id="helper-label-hint" className="hint">
          {t("labelHint")}
        </p>
      </div>
      <fieldset className="group">
        <legend>{t("scopes")}</legend>
        {SCOPES.map((s) => (
          <label key={s} className="choice">
            <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes((x) => (e.target.checked ? [...x, s] : x.filter((y) => y !== s)))} />
            <span>{tScopes(s)}</span>
          </label>
        ))}
      </fieldset>
      <div className="stack">
        <label htmlFor="helper-days">{t("duration")}</label>
        <select id="helper-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
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
