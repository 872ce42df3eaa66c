"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { ASSIST_CONSENT_METHODS, ASSIST_DEFAULT_MINUTES, ID_DOCUMENTS, SCOPES, type AssistConsentMethod, type IdDocument, type Scope } from "@/server/assist/scopes";
import { useTRPC } from "../providers";
import { allOf, oneOf, textOf } from "../typed-before-hydration";
import type { Found } from "./counter-find";
import { StepButtons } from "./step-buttons";
import { useStepError } from "./step-error";
import { SupervisorProxies } from "./supervisor-proxies";

const DURATIONS = [15, 30, 60, 90, 120];

/** Step 2: the identity document checked, how the citizen consents, what staff may do and for how long. */
export function CounterSetup({ citizen, onOpened, onBack }: { citizen: Found; onOpened: (grantId: string, method: AssistConsentMethod) => void; onBack: () => void }) {
  const t = useTranslations("assist");
  const trpc = useTRPC();
  const open = useMutation(trpc.assist.open.mutationOptions());
  const { fail, clear, view } = useStepError();
  const [document, setDocument] = useState<IdDocument>("resident-card");
  const [last4, setLast4] = useState("");
  const [method, setMethod] = useState<AssistConsentMethod>(citizen.hasPushDevice ? "phone-approval" : citizen.phoneMasked ? "sms-code" : "paper-form");
  const [scopes, setScopes] = useState<Scope[]>(["notice:read", "payment:pay"]);
  const [minutes, setMinutes] = useState(ASSIST_DEFAULT_MINUTES);
  const available: Record<AssistConsentMethod, boolean> = { "phone-approval": citizen.hasPushDevice, "sms-code": citizen.phoneMasked !== null, "paper-form": true };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    // As the form holds them, not as the state last heard them.
    const form = new FormData(event.currentTarget);
    const chosen = {
      document: oneOf(form, "idDocument", ID_DOCUMENTS) ?? document,
      last4: textOf(form, "last4"),
      method: oneOf(form, "consent", ASSIST_CONSENT_METHODS) ?? method,
      scopes: allOf(form, "scope", SCOPES),
      minutes: oneOf(form, "minutes", DURATIONS) ?? minutes,
    };
    setDocument(chosen.document);
    setLast4(chosen.last4);
    setMethod(chosen.method);
    setScopes(chosen.scopes);
    setMinutes(chosen.minutes);
    try {
      const { grantId } = await open.mutateAsync({ personId: citizen.id, idCheck: { document: chosen.document, last4: chosen.last4 }, consentMethod: chosen.method, scopes: chosen.scopes, minutes: chosen.minutes });
      onOpened(grantId, chosen.method);
    } catch (e) {
      fail(e);
    }
  };
  const toggle = (scope: Scope, on: boolean) => setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));

  return (
    <form method="post" onSubmit={submit} noValidate>
      <div className="card">
        <p>
          <strong>{citizen.name}</strong>
        </p>
        <dl className="facts">
          <dt>{t("find.birthDate")}</dt>
          <dd>{citizen.birthDate ?? "—"}</dd>
          <dt>{t("setup.phone")}</dt>
          <dd>{citizen.phoneMasked ?? t("setup.noPhone")}</dd>
          <dt>{t("setup.language")}</dt>
          <dd>{t(`setup.languages.${citizen.locale}`)}</dd>
        </dl>
      </div>
      <SupervisorProxies personId={citizen.id} />
      <fieldset className="group">
        <legend>{t("setup.idCheck")}</legend>
        <div className="stack">
          <label htmlFor="assist-doc">{t("setup.document")}</label>
          <select id="assist-doc" name="idDocument" value={document} onChange={(e) => setDocument(e.target.value as IdDocument)}>
            {ID_DOCUMENTS.map((d) => (
              <option key={d} value={d}>
                {t(`documents.${d}`)}
              </option>
            ))}
          </select>
          <label htmlFor="assist-last4">{t("setup.last4")}</label>
          <input id="assist-last4" name="last4" maxLength={4} autoComplete="off" value={last4} onChange={(e) => setLast4(e.target.value)} aria-describedby="assist-last4-hint" required />
          <p id="assist-last4-hint" className="hint">
            {t("setup.last4Hint")}
          </p>
        </div>
      </fieldset>
      <fieldset className="group">
        <legend>{t("setup.consent")}</legend>
        {(Object.keys(available) as AssistConsentMethod[]).map((m) => (
          <label key={m} className="choice">
            <input type="radio" name="consent" value={m} checked={method === m} disabled={!available[m]} onChange={() => setMethod(m)} />
            <span>
              {t(`methods.${m}`)}
              {!available[m] && <span className="hint"> — {t(`methodsUnavailable.${m}`)}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="group">
        <legend>{t("setup.scopes")}</legend>
        {SCOPES.map((s) => (
          <label key={s} className="choice">
            <input type="checkbox" name="scope" value={s} checked={scopes.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
            <span>{t(`scopes.${s}`)}</span>
          </label>
        ))}
        <p className="hint">{t("setup.never")}</p>
      </fieldset>
      <div className="stack">
        <label htmlFor="assist-minutes">{t("setup.duration")}</label>
        <select id="assist-minutes" name="minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {DURATIONS.map((m) => (
            <option key={m} value={m}>
              {t("setup.minutes", { minutes: m })}
            </option>
          ))}
        </select>
      </div>
      <StepButtons label={t("setup.submit")} busy={open.isPending || scopes.length === 0} onBack={onBack} />
      {view}
    </form>
  );
}
