"use client";

import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { Locale } from "@/locales/config";
import { Link } from "@/locales/navigation";
import { groupsOfFour } from "@/server/credentials/claim-rows";
import { ISSUERS } from "@/server/credentials/issuers";
import { CREDENTIAL_NAMES } from "@/server/credentials/labels";
import type { CredentialType } from "@/server/credentials/types";
import { CredentialState } from "./credential-state";
import { reloadQueries, useTRPC } from "./providers";
import { isStepUpRequired, useStepUp } from "./step-up";
import { useErrorMessage } from "./use-error-message";
import { clearSavedWallet, deviceKey, saveWalletDetail, saveWalletList } from "./wallet-store";

/** The citizen's certificates, newest first, and requesting a new one. */
/** `keepOffline`: false when acting for someone, so their certificates are not left on this device. */
export function WalletList({ keepOffline }: { keepOffline: boolean }) {
  const t = useTranslations("wallet");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const trpc = useTRPC();
  const list = useQuery(trpc.credentials.list.queryOptions());
  const errorMessage = useErrorMessage();
  const [cleared, setCleared] = useState(false);

  // Every certificate's details too, so that all of them can be shown offline.
  const details = useQueries({ queries: (list.data ?? []).map((c) => trpc.credentials.get.queryOptions({ id: c.id })) });
  const loaded = details.filter((d) => d.data).length;
  useEffect(() => {
    if (!list.data || !keepOffline) return;
    const saved = details.flatMap((d) => (d.data ? [d.data] : []));
    void saveWalletList(list.data.map((c) => ({ ...c, issuedAt: String(c.issuedAt) }))).then(async () => {
      for (const c of saved) await saveWalletDetail({ id: c.id, type: c.type, issuer: c.issuer, authenticityNumber: c.authenticityNumber, issuedAt: String(c.issuedAt), state: c.state, claims: c.claims });
    });
    // Saved again when the list or the number of loaded details changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list.data, loaded, keepOffline]);

  const clear = async () => {
    await clearSavedWallet();
    setCleared(true);
  };

  return (
    <>
      <div role="status" aria-live="polite">
        {list.isPending && <p>{t("loading")}</p>}
      </div>
      {list.error && <p className="status error">{errorMessage(list.error)}</p>}
      {list.data?.length === 0 && <p>{t("empty")}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="cards">
          {list.data.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link href={`/wallet/${c.id}`}>{CREDENTIAL_NAMES[c.type][locale]}</Link>
              </h2>
              <p>
                <CredentialState state={c.state} />
              </p>
              <p className="hint">{ISSUERS[c.issuer].name[locale]}</p>
              <p className="hint">{t("issuedAt", { time: format.dateTime(new Date(c.issuedAt), "timestamp") })}</p>
              <p className="hint">
                {t("authenticityNumber")}: {groupsOfFour(c.authenticityNumber)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <RequestCertificate />
      <section aria-labelledby="wallet-device">
        <h2 id="wallet-device">{t("deviceTitle")}</h2>
        <p>{t("deviceNote")}</p>
        <button type="button" className="button secondary" onClick={clear}>
          {t("removeFromDevice")}
        </button>
        <div role="status" aria-live="polite">
          {cleared && <p className="status">{t("removedFromDevice")}</p>}
        </div>
      </section>
    </>
  );
}

function RequestCertificate() {
  const t = useTranslations("wallet");
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stepUp = useStepUp();
  const errorMessage = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<CredentialType | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ id: string; type: CredentialType } | null>(null);
  const available = useQuery({ ...trpc.credentials.available.queryOptions(), enabled: open });
  const issue = useMutation(trpc.credentials.issue.mutationOptions());

  const request = async (form: FormData) => {
    // As the form holds it, not as the state last heard it.
    const chosen = available.data?.find((a) => a.type === form.get("type"))?.type ?? null;
    setType(chosen);
    if (!chosen) return setError(t("chooseType"));
    setError(null);
    setIssued(null);
    try {
      const key = await deviceKey();
      const result = await stepUp(() => issue.mutateAsync({ type: chosen, holderJwk: key.publicJwk }));
      setIssued({ id: result.id, type: result.type });
      setType(null);
      await reloadQueries(queryClient, trpc.credentials.list.queryKey());
    } catch (e) {
      if (e !== undefined && !isStepUpRequired(e)) setError(errorMessage(e));
    }
  };

  return (
    <section aria-labelledby="wallet-request">
      <h2 id="wallet-request">{t("requestTitle")}</h2>
      {!open ? (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t("request")}
        </button>
      ) : (
        <form
          method="post"
          onSubmit={(e) => {
            e.preventDefault();
            void request(new FormData(e.currentTarget));
          }}
        >
          {available.isPending && <p>{t("loading")}</p>}
          {available.error && <p className="status error">{errorMessage(available.error)}</p>}
          {available.data && (
            <fieldset className="group">
              <legend>{t("chooseType")}</legend>
              {available.data.map((a) => (
                <label key={a.type} className="choice">
                  <input type="radio" name="type" value={a.type} checked={type === a.type} onChange={() => setType(a.type)} disabled={!a.available} aria-describedby={a.available ? undefined : `unavailable-${a.type}`} />
                  <span>
                    {CREDENTIAL_NAMES[a.type][locale]}
                    <span className="hint" style={{ display: "block" }}>
                      {ISSUERS[a.issuer].name[locale]}
                    </span>
                    {!a.available && (
                      <span id={`unavailable-${a.type}`} className="hint" style={{ display: "block" }}>
                        {t("noRecord")}
                      </span>
                    )}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" className="button" disabled={issue.isPending}>
            {issue.isPending ? t("issuing") : t("issue")}
          </button>
        </form>
      )}
      <div role="status" aria-live="polite">
        {issued && (
          <p className="status">
            {t("issued", { name: CREDENTIAL_NAMES[issued.type][locale] })} <Link href={`/wallet/${issued.id}`}>{t("openIssued")}</Link>
          </p>
        )}
      </div>
      <div role="alert">{error && <p className="status error">{error}</p>}</div>
    </section>
  );
}
