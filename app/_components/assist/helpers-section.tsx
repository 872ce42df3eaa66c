"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { reloadQueries, useTRPC } from "../providers";
import { InviteHelper } from "./invite-helper";
import { useStepError } from "./step-error";
import { loadPage } from "./navigate";

/**
 * Settings → helpers: who may act for me (proxies, and a counter session while it runs), whom I
 * help, and inviting a family member or guardian. Either side revokes; it takes effect at once.
 */
export function HelpersSection() {
  const t = useTranslations("assist.helpers");
  const tScopes = useTranslations("assist.scopes");
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const grants = useQuery(trpc.grants.list.queryOptions());
  const revoke = useMutation(trpc.grants.revoke.mutationOptions());
  const actFor = useMutation(trpc.grants.actFor.mutationOptions());
  const { fail, view } = useStepError();
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => reloadQueries(queryClient, trpc.grants.list.queryKey());
  const onRevoke = (grantId: string, name: string) =>
    revoke.mutateAsync({ grantId }).then(() => {
      setDone(t("revoked", { name }));
      return refresh();
    }, fail);
  const onActFor = (grantId: string) => actFor.mutateAsync({ grantId }).then(() => loadPage(`/${locale}/inbox`), fail);

  const given = (grants.data?.given ?? []).filter((g) => g.active || (g.kind === "proxy" && g.status === "pending"));
  const held = (grants.data?.held ?? []).filter((g) => g.active);
  const until = (d: string | Date | null) => (d ? format.dateTime(new Date(d), "legal") : "—");
  return (
    <section aria-labelledby="helpers">
      <h2 id="helpers">{t("title")}</h2>
      <p>{t("lead")}</p>
      <div role="status" aria-live="polite">
        {done && <p className="status">{done}</p>}
      </div>
      {view}
      <h3>{t("givenTitle")}</h3>
      {given.length === 0 ? (
        <p>{t("noneGiven")}</p>
      ) : (
        <ul className="plain-list">
          {given.map((g) => (
            <li key={g.id} className="card">
              <p>
                <strong>{g.kind === "assist" ? t("counterSession", { name: g.who ?? "", center: g.place ?? "" }) : g.who ?? t("pendingHelper")}</strong>
              </p>
              <p>{g.status === "pending" ? t("waitingAcceptance") : t("until", { date: until(g.expiresAt) })}</p>
              <p className="hint">{g.scopes.map((s) => tScopes(s as "notice:read")).join(" · ")}</p>
              <button type="button" className="button secondary" onClick={() => onRevoke(g.id, g.who ?? "")} disabled={revoke.isPending}>
                {g.kind === "assist" ? t("endSession") : t("revoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <InviteHelper onInvited={refresh} />
      <h3>{t("heldTitle")}</h3>
      {held.length === 0 ? (
        <p>{t("noneHeld")}</p>
      ) : (
        <ul className="plain-list">
          {held.map((g) => (
            <li key={g.id} className="card">
              <p>
                <strong>{g.who}</strong> — {t("until", { date: until(g.expiresAt) })}
              </p>
              <p className="hint">{g.scopes.map((s) => tScopes(s as "notice:read")).join(" · ")}</p>
              <div className="hero-actions">
                <button type="button" className="button" onClick={() => onActFor(g.id)} disabled={actFor.isPending}>
                  {t("actFor", { name: g.who ?? "" })}
                </button>
                <button type="button" className="button secondary" onClick={() => onRevoke(g.id, g.who ?? "")} disabled={revoke.isPending}>
                  {t("stopHelping")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
