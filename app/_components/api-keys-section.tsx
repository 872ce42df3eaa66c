"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { reloadQueries, useTRPC } from "./providers";
import { textOf, useTypedBeforeHydration } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";

/** Console → API keys: create (shown once), see when each was last used, revoke. */
export function ApiKeysSection() {
  const t = useTranslations("apiKeys");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const create = useMutation(trpc.apiKeys.create.mutationOptions());
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions());
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"test" | "live">("test");
  const [created, setCreated] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const refresh = () => reloadQueries(queryClient, trpc.apiKeys.list.queryKey());

  const adopt = (form: FormData) => {
    const typed = textOf(form, "name");
    const chosen = form.get("kind") === "live" ? ("live" as const) : ("test" as const);
    setName(typed);
    setKind(chosen);
    return { typed, chosen };
  };
  const formRef = useTypedBeforeHydration(adopt);

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    setCreated(null);
    // Read from the form, not the state: what was typed before the page hydrated never reached the state.
    const { typed, chosen } = adopt(new FormData(event.currentTarget));
    if (!typed.trim()) return setMessage({ text: t("nameRequired"), error: true });
    try {
      const { key } = await create.mutateAsync({ name: typed, kind: chosen });
      setCreated(key);
      setName("");
      await refresh();
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    }
  };

  const revokeOne = async (id: string, keyName: string) => {
    if (!window.confirm(t("confirmRevoke", { name: keyName }))) return;
    try {
      await revoke.mutateAsync({ id });
      setMessage({ text: t("revoked", { name: keyName }), error: false });
      await refresh();
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    }
  };

  return (
    <section aria-labelledby="api-keys">
      <h2 id="api-keys">{t("title")}</h2>
      <p>{t("lead")}</p>
      <div role="status" aria-live="polite">
        {message && <p className={message.error ? "status error" : "status"}>{message.text}</p>}
        {created && (
          <div className="status">
            <p>{t("createdOnce")}</p>
            <p>
              <code className="secret" data-testid="new-api-key">
                {created}
              </code>
            </p>
          </div>
        )}
      </div>
      {keys.error && <p className="status error">{errorMessage(keys.error)}</p>}
      <ul className="plain-list">
        {keys.data?.map((k) => (
          <li key={k.id}>
            <strong>{k.name}</strong> <span className="tag">{k.kind === "live" ? t("live") : t("test")}</span> <code>{k.prefix}…</code>
            <br />
            <span className="hint">
              {t("createdOn", { date: format.dateTime(new Date(k.createdAt), "short") })}{" "}
              {k.lastUsedAt ? t("lastUsed", { date: format.dateTime(new Date(k.lastUsedAt), "timestamp") }) : t("neverUsed")}{" "}
              {k.revokedAt && t("revokedOn", { date: format.dateTime(new Date(k.revokedAt), "timestamp") })}
            </span>{" "}
            {!k.revokedAt && (
              <button type="button" className="button secondary small" onClick={() => revokeOne(k.id, k.name)} aria-label={t("revokeNamed", { name: k.name })}>
                {t("revoke")}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form ref={formRef} method="post" onSubmit={add} noValidate className="stack">
        <h3>{t("createTitle")}</h3>
        <label htmlFor="key-name">{t("nameLabel")}</label>
        <input id="key-name" name="name" value={name} maxLength={60} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        <fieldset className="group">
          <legend>{t("kindLegend")}</legend>
          {(["test", "live"] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{k === "test" ? t("testHint") : t("liveHint")}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={create.isPending}>
          {t("create")}
        </button>
      </form>
    </section>
  );
}
