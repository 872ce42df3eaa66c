"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { Locale } from "@/locales/config";
import { claimRows, groupsOfFour } from "@/server/credentials/claim-rows";
import { ISSUERS } from "@/server/credentials/issuers";
import { CREDENTIAL_NAMES } from "@/server/credentials/labels";
import { ClaimList } from "./claim-list";
import { CredentialState } from "./credential-state";
import { loadSavedWallet, WALLET_CHANGED, type SavedWallet } from "./wallet-store";

/**
 * On the offline page: the certificates this browser saved, as last seen online. On a
 * certificate's own address (/wallet/<id>) only that one, else all of them.
 */
export function OfflineWallet() {
  const t = useTranslations("wallet.offline");
  const tWallet = useTranslations("wallet");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const [wallet, setWallet] = useState<SavedWallet | null>(null);
  const [only, setOnly] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      void loadSavedWallet().then((saved) => {
        setOnly(window.location.pathname.match(/\/wallet\/([0-9a-f-]{36})/)?.[1] ?? null);
        setWallet(saved);
      });
    load();
    window.addEventListener(WALLET_CHANGED, load);
    return () => window.removeEventListener(WALLET_CHANGED, load);
  }, []);

  const items = wallet?.items.filter((c) => !only || c.id === only || !wallet.items.some((i) => i.id === only)) ?? [];
  if (!wallet || items.length === 0) return null;
  return (
    <section aria-labelledby="offline-wallet">
      <h2 id="offline-wallet">{t("title", { time: format.dateTime(new Date(wallet.savedAt), "timestamp") })}</h2>
      <p>{t("note")}</p>
      {items.map((c) => (
        <article key={c.id} className="card" aria-labelledby={`offline-${c.id}`}>
          <h3 id={`offline-${c.id}`}>{CREDENTIAL_NAMES[c.type][locale]}</h3>
          <p>
            <CredentialState state={c.state} /> {ISSUERS[c.issuer].name[locale]}
          </p>
          <p className="hint">{tWallet("issuedAt", { time: format.dateTime(new Date(c.issuedAt), "timestamp") })}</p>
          <p className="hint">
            {tWallet("authenticityNumber")}: {groupsOfFour(c.authenticityNumber)}
          </p>
          {c.claims ? <ClaimList rows={claimRows(c.type, c.claims, locale)} /> : <p className="hint">{t("noDetails")}</p>}
        </article>
      ))}
    </section>
  );
}
