"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { Locale } from "@/locales/config";
import { Link, useRouter } from "@/locales/navigation";
import { claimRows, groupsOfFour } from "@/server/credentials/claim-rows";
import { ISSUERS } from "@/server/credentials/issuers";
import { CREDENTIAL_NAMES } from "@/server/credentials/labels";
import { ClaimList } from "./claim-list";
import { CredentialState } from "./credential-state";
import { PrintCopyButton } from "./print-copy-button";
import { reloadQueries, useTRPC } from "./providers";
import { ShareList } from "./share-list";
import { useErrorMessage } from "./use-error-message";
import { holdsKey } from "./wallet-present";
import { existingDeviceKey, forgetSavedCredential, saveWalletDetail, type DeviceKey } from "./wallet-store";

/** One certificate: its claims, state, authenticity number, and what was shared of it. */
/** `keepOffline`: false when acting for someone, so their certificate is not left on this device. */
export function WalletCredential({ id, keepOffline }: { id: string; keepOffline: boolean }) {
  const t = useTranslations("wallet");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const credential = useQuery(trpc.credentials.get.queryOptions({ id }));
  const forget = useMutation(trpc.credentials.forget.mutationOptions());
  const [device, setDevice] = useState<DeviceKey | null | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = credential.data;

  useEffect(() => {
    void existingDeviceKey().then(setDevice);
  }, []);
  useEffect(() => {
    if (c && keepOffline) void saveWalletDetail({ id: c.id, type: c.type, issuer: c.issuer, authenticityNumber: c.authenticityNumber, issuedAt: String(c.issuedAt), state: c.state, claims: c.claims });
  }, [c, keepOffline]);

  if (credential.error) return <p className="status error">{errorMessage(credential.error)}</p>;
  if (!c) return <p role="status">{t("loading")}</p>;
  const shareable = c.state === "valid";

  const remove = async () => {
    setError(null);
    try {
      await forget.mutateAsync({ id });
      await forgetSavedCredential(id);
      await reloadQueries(queryClient, trpc.credentials.list.queryKey());
      router.push("/wallet");
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <dl className="notice-fields">
        <div>
          <dt>{t("stateLabel")}</dt>
          <dd>
            <CredentialState state={c.state} />
          </dd>
        </div>
        <div>
          <dt>{t("issuer")}</dt>
          <dd>{ISSUERS[c.issuer].name[locale]}</dd>
        </div>
        <div>
          <dt>{t("issuedAtLabel")}</dt>
          <dd>{format.dateTime(new Date(c.issuedAt), "timestamp")}</dd>
        </div>
        <div>
          <dt>{t("authenticityNumber")}</dt>
          <dd>{groupsOfFour(c.authenticityNumber)}</dd>
        </div>
        <div>
          <dt>{t("koreanName")}</dt>
          <dd lang="ko">{CREDENTIAL_NAMES[c.type].ko}</dd>
        </div>
      </dl>
      {c.state !== "valid" && <p className="status error">{t(`stateNote.${c.state}`)}</p>}

      <h2>{t("claimsTitle")}</h2>
      <ClaimList rows={claimRows(c.type, c.claims, locale)} />
      {device !== undefined && <p className="hint">{holdsKey(c.holderJwk, device?.publicJwk ?? null) ? t("keyHere") : t("keyElsewhere")}</p>}

      <div className="hero-actions">
        {shareable && (
          <Link href={`/wallet/${id}/share`} className="button">
            {t("share")}
          </Link>
        )}
        {shareable && <PrintCopyButton id={id} />}
        {!confirming && (
          <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
            {t("forget")}
          </button>
        )}
      </div>
      {confirming && (
        <div className="status" role="group" aria-labelledby="forget-confirm">
          <p id="forget-confirm">{t("forgetConfirm")}</p>
          <div className="hero-actions">
            <button type="button" className="button" onClick={remove} disabled={forget.isPending}>
              {t("forgetYes")}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {t("forgetNo")}
            </button>
          </div>
        </div>
      )}
      <div role="alert">{error && <p className="status error">{error}</p>}</div>

      <ShareList credentialId={id} type={c.type} />
      <p>
        <Link href="/wallet">{t("backToWallet")}</Link>
      </p>
    </>
  );
}
