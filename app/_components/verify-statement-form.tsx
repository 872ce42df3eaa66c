"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "./providers";
import { textOf, useTypedBeforeHydration } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";

/** Paste the signed statement printed on a delivery certificate; Moa says whether it is genuine. */
export function VerifyStatementForm() {
  const t = useTranslations("verify");
  const format = useFormatter();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const verify = useMutation(trpc.verify.deliveryStatement.mutationOptions());
  const [jws, setJws] = useState("");
  const [error, setError] = useState<string | null>(null);

  // What the field holds, pasted before the page hydrated too.
  const adopt = (form: FormData) => {
    const typed = textOf(form, "jws");
    setJws(typed);
    return typed;
  };
  const formRef = useTypedBeforeHydration(adopt);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const typed = adopt(new FormData(event.currentTarget));
    if (!typed.trim()) return setError(t("required"));
    try {
      await verify.mutateAsync({ jws: typed.trim() });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const result = verify.data;
  const time = (iso: string | null) => (iso ? format.dateTime(new Date(iso), "timestamp") : "—");

  return (
    <>
      <form ref={formRef} method="post" onSubmit={submit} noValidate className="stack">
        <label htmlFor="jws">{t("label")}</label>
        <span id="jws-hint" className="hint">
          {t("hint")}
        </span>
        <textarea id="jws" name="jws" rows={6} value={jws} onChange={(e) => setJws(e.target.value)} aria-describedby="jws-hint" spellCheck={false} className="code-input" />
        <button type="submit" className="button" disabled={verify.isPending}>
          {t("check")}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {error && <p className="status error">{error}</p>}
        {result && !result.valid && <p className="status error">{t(`invalid.${result.reason}`)}</p>}
        {result?.valid && (
          <div className="status">
            <p>
              <strong>{t("valid")}</strong>
            </p>
            {result.statement.test && <p>{t("testStatement")}</p>}
            <dl className="notice-fields">
              <div>
                <dt>{t("agency")}</dt>
                <dd>{result.agencyName}</dd>
              </div>
              <div>
                <dt>{t("reference")}</dt>
                <dd>{result.statement.reference}</dd>
              </div>
              <div>
                <dt>{t("accepted")}</dt>
                <dd>{time(result.statement.acceptedAt)}</dd>
              </div>
              <div>
                <dt>{t("delivered")}</dt>
                <dd>{time(result.statement.deliveredAt)}</dd>
              </div>
              <div>
                <dt>{t("read")}</dt>
                <dd>{time(result.statement.readAt)}</dd>
              </div>
              <div>
                <dt>{t("hash")}</dt>
                <dd>
                  <code>{result.statement.sha256}</code>
                </dd>
              </div>
            </dl>
          </div>
        )}
      </div>
    </>
  );
}
