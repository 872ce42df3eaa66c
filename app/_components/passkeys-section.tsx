"use client";

import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { reloadQueries, useTRPC } from "./providers";
import { useStepUp } from "./step-up";
import { textOf, useTypedBeforeHydration } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";

/** Settings → passkeys: add one (after a step-up), see when each was last used, remove one. */
export function PasskeysSection() {
  const t = useTranslations("passkeys");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stepUp = useStepUp();
  const errorMessage = useErrorMessage();
  const status = useQuery(trpc.passkeys.status.queryOptions());
  const options = useMutation(trpc.passkeys.registrationOptions.mutationOptions());
  const register = useMutation(trpc.passkeys.register.mutationOptions());
  const remove = useMutation(trpc.passkeys.remove.mutationOptions());
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const refresh = () => reloadQueries(queryClient, trpc.passkeys.status.queryKey());

  // What the field holds, typed before the page hydrated too.
  const adopt = (form: FormData) => {
    const typed = textOf(form, "name");
    setName(typed);
    return typed;
  };
  const formRef = useTypedBeforeHydration(adopt);

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    const typed = adopt(new FormData(event.currentTarget));
    if (!typed.trim()) return setMessage({ text: t("nameRequired"), error: true });
    try {
      await stepUp(async () => {
        const optionsJSON = await options.mutateAsync();
        // tRPC widens the extension types on the way; the value is SimpleWebAuthn's own JSON.
        const response = await startRegistration({ optionsJSON: optionsJSON as PublicKeyCredentialCreationOptionsJSON });
        await register.mutateAsync({ response, name: typed });
      });
      setName("");
      setMessage({ text: t("added"), error: false });
    } catch (error) {
      if (error === undefined) return; // the step-up was cancelled
      setMessage({ text: error instanceof TRPCClientError ? errorMessage(error) : t("cancelled"), error: true });
    } finally {
      await refresh();
    }
  };

  const removeOne = async (id: string) => {
    setMessage(null);
    try {
      await stepUp(() => remove.mutateAsync({ id }));
      setMessage({ text: t("removed"), error: false });
    } catch (error) {
      if (error !== undefined) setMessage({ text: errorMessage(error), error: true });
    } finally {
      await refresh();
    }
  };

  const passkeys = status.data?.passkeys ?? [];
  return (
    <section aria-labelledby="passkeys">
      <h2 id="passkeys">{t("title")}</h2>
      <p>{t("lead")}</p>
      {status.data?.steppedUpUntil && <p className="hint">{t("steppedUpUntil", { time: format.dateTime(new Date(status.data.steppedUpUntil), "time") })}</p>}
      {passkeys.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="plain-list">
          {passkeys.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>{" "}
              <span className="hint">
                {t("addedOn", { date: format.dateTime(new Date(p.createdAt), "short") })}{" "}
                {p.lastUsedAt ? t("lastUsed", { date: format.dateTime(new Date(p.lastUsedAt), "timestamp") }) : t("neverUsed")}
              </span>{" "}
              <button type="button" className="button secondary small" onClick={() => removeOne(p.id)} aria-label={t("removeNamed", { name: p.name })}>
                {t("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form ref={formRef} method="post" onSubmit={add} noValidate>
        <label htmlFor="passkey-name">{t("nameLabel")}</label>
        <span id="passkey-name-hint" className="hint">
          {t("nameHint")}
        </span>
        <input id="passkey-name" name="name" value={name} maxLength={60} autoComplete="off" aria-describedby="passkey-name-hint" onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button" disabled={options.isPending || register.isPending}>
          {t("add")}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {message && <p className={message.error ? "status error" : "status"}>{message.text}</p>}
      </div>
    </section>
  );
}
