"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { reloadQueries, useTRPC } from "./providers";
import { textOf, useTypedBeforeHydration } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";

const SPEC = "Standard Webhooks";
const EXAMPLE_URL = "https://example.go.kr/moa/webhooks";

/** The server decides (https only in production); this only catches typing slips early. */
const looksLikeUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
  } catch {
    return false;
  }
};

/** Console → webhooks: the endpoint, its signing secret (shown once), a test event and the delivery log. */
export function WebhooksSection() {
  const t = useTranslations("webhooks");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  // While an event waits, look again now and then: the worker sends within a minute.
  const overview = useQuery({ ...trpc.webhooks.get.queryOptions(), refetchInterval: (q) => (q.state.data?.events.some((e) => e.status === "pending") ? 15_000 : false) });
  const setEndpoint = useMutation(trpc.webhooks.setEndpoint.mutationOptions());
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions());
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions());
  const [url, setUrl] = useState<string | null>(null);
  const [urlError, setUrlError] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const saved = overview.data?.url ?? "";
  const shownUrl = url ?? saved;
  const refresh = () => reloadQueries(queryClient, trpc.webhooks.get.queryKey());
  const when = (iso: string) => format.dateTime(new Date(iso), "timestamp");
  const fail = (error: unknown) => setMessage({ text: errorMessage(error), error: true });

  // What the field holds, which may have been typed before the page hydrated; untouched, the state stays null and the saved address shows.
  const adopt = (form: FormData) => {
    const typed = textOf(form, "url");
    if (typed !== shownUrl) setUrl(typed);
    return typed;
  };
  const formRef = useTypedBeforeHydration(adopt);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    const value = adopt(new FormData(event.currentTarget)).trim();
    // An empty field removes the saved endpoint, after a confirmation.
    const invalid = value === "" ? !saved : !looksLikeUrl(value);
    setUrlError(invalid);
    if (invalid) return setMessage({ text: t("urlInvalid", { scheme: "https://" }), error: true });
    if (value === "" && !window.confirm(t("confirmRemove"))) return;
    try {
      const result = await setEndpoint.mutateAsync({ url: value });
      if (result.secret) setSecret(result.secret);
      setUrl(null);
      setMessage({ text: value ? t("saved") : t("removed"), error: false });
      await refresh();
    } catch (error) {
      const badUrl = error instanceof TRPCClientError && (error.data as { fieldErrors?: { path: string }[] } | undefined)?.fieldErrors?.some((f) => f.path === "url");
      setUrlError(!!badUrl);
      if (badUrl) setMessage({ text: t("urlInvalid", { scheme: "https://" }), error: true });
      else fail(error);
    }
  };

  const rotateSecret = async () => {
    if (overview.data?.hasSecret && !window.confirm(t("confirmRotate"))) return;
    setMessage(null);
    try {
      setSecret((await rotate.mutateAsync()).secret);
      await refresh();
    } catch (error) {
      fail(error);
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret!);
      setMessage({ text: t("copied"), error: false });
    } catch {
      setMessage({ text: t("copyFailed"), error: true });
    }
  };

  const test = async () => {
    setMessage(null);
    try {
      await sendTest.mutateAsync();
      setMessage({ text: t("testQueued"), error: false });
      await refresh();
    } catch (error) {
      fail(error);
    }
  };

  const events = overview.data?.events;
  return (
    <section aria-labelledby="webhooks">
      <h2 id="webhooks">{t("title")}</h2>
      <p>{t("lead", { spec: SPEC })}</p>
      <div role="status" aria-live="polite">
        {message && <p className={message.error ? "status error" : "status"}>{message.text}</p>}
        {secret && (
          <div className="status">
            <p>{t("secretOnce")}</p>
            <p>
              <strong>{t("secretWarning")}</strong>
            </p>
            <p>
              <code className="secret" data-testid="new-webhook-secret">
                {secret}
              </code>
            </p>
            <button type="button" className="button secondary small" onClick={copy}>
              {t("copy")}
            </button>
          </div>
        )}
      </div>
      {overview.error && <p className="status error">{errorMessage(overview.error)}</p>}

      <form ref={formRef} method="post" onSubmit={save} noValidate className="stack">
        <h3>{t("endpointTitle")}</h3>
        <p className="hint">{saved ? t("currentEndpoint", { url: saved }) : t("noEndpoint")}</p>
        <label htmlFor="webhook-url">{t("urlLabel")}</label>
        <p className="hint" id="webhook-url-hint">
          {t("urlHint", { example: EXAMPLE_URL, scheme: "https" })}
        </p>
        <input
          id="webhook-url"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={2000}
          value={shownUrl}
          aria-describedby="webhook-url-hint"
          aria-invalid={urlError || undefined}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit" className="button" disabled={setEndpoint.isPending}>
          {t("save")}
        </button>
      </form>

      <h3>{t("secretTitle")}</h3>
      <p>{t("secretLead")}</p>
      {overview.data && <p className="hint">{overview.data.hasSecret ? t("hasSecret") : t("noSecret")}</p>}
      <button type="button" className="button secondary" onClick={rotateSecret} disabled={rotate.isPending || !overview.data}>
        {t("rotate")}
      </button>

      <h3>{t("testTitle")}</h3>
      <p className="hint">{saved ? t("testHint", { type: "webhook.test" }) : t("testNeedsEndpoint")}</p>
      <button type="button" className="button secondary" onClick={test} disabled={sendTest.isPending || !saved}>
        {t("sendTest")}
      </button>

      <h3 id="webhook-log">{t("logTitle")}</h3>
      {overview.isPending && <p>{t("loading")}</p>}
      {events?.length === 0 && <p>{t("empty")}</p>}
      {events && events.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="webhook-log-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="webhook-log-caption">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("event")}</th>
                <th scope="col">{t("notice")}</th>
                <th scope="col">{t("time")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("attempts")}</th>
                <th scope="col">{t("response")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <code>{e.type}</code>
                  </th>
                  <td>{e.reference ? <code>{e.reference}</code> : e.type === "webhook.test" ? t("testEvent") : "—"}</td>
                  <td>{when(e.createdAt)}</td>
                  <td>
                    {e.status === "pending" && e.attempts > 0 && e.nextAttemptAt
                      ? t("retrying", { time: when(e.nextAttemptAt) })
                      : { pending: t("pending"), delivered: t("delivered"), failed: t("failed"), skipped: t("skipped") }[e.status]}
                  </td>
                  <td>{format.number(e.attempts, "integer")}</td>
                  <td>
                    {!e.lastAttemptAt ? (
                      t("notTried")
                    ) : (
                      <>
                        {e.lastStatusCode ?? t("noAnswer")}
                        <br />
                        <span className="hint">{when(e.lastAttemptAt)}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
