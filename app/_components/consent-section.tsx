"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { reloadQueries, useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

/** Settings → electronic delivery: give or withdraw consent at any time (audited on the server). */
export function ConsentSection() {
  const t = useTranslations("consent");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const me = useQuery(trpc.account.me.queryOptions());
  const change = useMutation(trpc.account.setElectronicConsent.mutationOptions());
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  if (!me.data) return null;
  const consented = me.data.electronicConsent;

  const toggle = async () => {
    setMessage(null);
    try {
      const { consent } = await change.mutateAsync({ consent: !consented });
      await reloadQueries(queryClient, trpc.account.me.queryKey());
      setMessage({ text: consent ? t("given") : t("withdrawn"), error: false });
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    }
  };

  return (
    <section aria-labelledby="consent">
      <h2 id="consent">{t("title")}</h2>
      <p>{consented ? t("statusOn") : t("statusOff")}</p>
      <p className="hint">{consented ? t("withdrawEffect") : t("giveEffect")}</p>
      <button type="button" className={consented ? "button secondary" : "button"} onClick={toggle} disabled={change.isPending}>
        {consented ? t("withdraw") : t("give")}
      </button>
      <div role="status" aria-live="polite">
        {message && <p className={message.error ? "status error" : "status"}>{message.text}</p>}
      </div>
    </section>
  );
}
