"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { Locale } from "@/locales/config";
import { claimLabel } from "@/server/credentials/labels";
import type { CredentialType } from "@/server/credentials/types";
import { reloadQueries, useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

/** Every link made of a certificate, each with who opened it when, and a way to close it at once. */
export function ShareList({ credentialId, type }: { credentialId: string; type: CredentialType }) {
  const t = useTranslations("share.list");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const shares = useQuery(trpc.credentials.shares.list.queryOptions({ credentialId }));
  const revoke = useMutation(trpc.credentials.shares.revoke.mutationOptions());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const close = async (id: string) => {
    setMessage(null);
    try {
      await revoke.mutateAsync({ id });
      await reloadQueries(queryClient, trpc.credentials.shares.list.queryKey({ credentialId }));
      setMessage({ ok: true, text: t("revoked") });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };

  const label = (path: string) => {
    const [name, index] = path.split(".");
    const text = claimLabel(type, name)?.[locale] ?? name;
    return index === undefined ? text : `${text} ${Number(index) + 1}`;
  };

  return (
    <section aria-labelledby="shares-title">
      <h2 id="shares-title">{t("title")}</h2>
      {shares.error && <p className="status error">{errorMessage(shares.error)}</p>}
      {shares.data?.length === 0 && <p>{t("empty")}</p>}
      <ul className="plain-list">
        {shares.data?.map((s) => {
          const state = s.state;
          const recipient = s.purpose === "print" ? t("printed") : s.recipient.kind === "anyone" ? t("anyone") : t("institution", { name: s.recipient.name });
          const viewers = new Set(s.views.map((v) => v.viewer)).size;
          return (
            <li key={s.id}>
              <h3>{recipient}</h3>
              <p>
                <span className="tag strong">{t(`state.${state}`)}</span> {t("created", { time: format.dateTime(new Date(s.createdAt), "timestamp") })} ·{" "}
                {t("expires", { time: format.dateTime(new Date(s.expiresAt), "timestamp") })}
              </p>
              <p className="hint">{t("disclosed", { claims: s.disclosed.map(label).join(", ") })}</p>
              {!s.keyBound && s.purpose === "link" && <p className="hint">{t("notKeyBound")}</p>}
              <p>{s.maxViews === null ? t("views", { count: s.views.length, viewers }) : t("viewsOfLimit", { count: s.views.length, viewers, limit: s.maxViews })}</p>
              {s.views.length > 0 && (
                <ol>
                  {s.views.map((v, i) => (
                    <li key={i}>{v.viewer === null ? format.dateTime(new Date(v.at), "timestamp") : t("view", { time: format.dateTime(new Date(v.at), "timestamp"), viewer: v.viewer })}</li>
                  ))}
                </ol>
              )}
              {state === "active" && (
                <button type="button" className="button secondary small" onClick={() => close(s.id)} disabled={revoke.isPending}>
                  {t("revoke", { recipient })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div role="status" aria-live="polite">
        {message && <p className={message.ok ? "status" : "status error"}>{message.text}</p>}
      </div>
    </section>
  );
}
