"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import QRCode from "qrcode";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Locale } from "@/locales/config";
import { Link } from "@/locales/navigation";
import { claimRows, visibleClaims } from "@/server/credentials/claim-rows";
import { CREDENTIAL_NAMES } from "@/server/credentials/labels";
import { ClaimList } from "./claim-list";
import { reloadQueries, useTRPC } from "./providers";
import { isStepUpRequired, useStepUp } from "./step-up";
import { textOf } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";
import { holdsKey, makePresentation } from "./wallet-present";
import { existingDeviceKey, type DeviceKey } from "./wallet-store";

const EXPIRY_DAYS = [1, 3, 7, 14, 30, 90];
const VIEW_LIMITS = [1, 3, 5, 10];

/**
 * Sharing a certificate: which claims, a live preview of what the recipient will see, for whom,
 * for how long and how many views. The presentation is made here, so hidden claims stay on the device.
 */
export function ShareForm({ id }: { id: string }) {
  const t = useTranslations("share.form");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stepUp = useStepUp();
  const errorMessage = useErrorMessage();
  const credential = useQuery(trpc.credentials.get.queryOptions({ id }));
  const create = useMutation(trpc.credentials.shares.create.mutationOptions());
  const [device, setDevice] = useState<DeviceKey | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [recipient, setRecipient] = useState<"anyone" | "institution">("anyone");
  const [institution, setInstitution] = useState("");
  const [days, setDays] = useState(7);
  const [limit, setLimit] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ url: string; qr: string; expiresAt: string } | null>(null);
  const c = credential.data;
  const madeHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void existingDeviceKey().then(setDevice);
  }, []);
  // Once, when the link is made: its heading takes focus, so screen readers announce it.
  useEffect(() => {
    if (made) madeHeading.current?.focus();
  }, [made]);
  const paths = useMemo(() => c?.disclosures.map((d) => d.path) ?? [], [c]);
  // Everything but the RRN's back digits, until the holder chooses.
  const selected = chosen ?? paths.filter((p) => p !== "rrnBack");
  const options = useMemo(() => {
    if (!c) return [];
    return claimRows(c.type, c.claims, locale).flatMap((row) => (row.items ? row.items : [row])).filter((row) => paths.includes(row.path));
  }, [c, locale, paths]);

  if (credential.error) return <p className="status error">{errorMessage(credential.error)}</p>;
  if (!c) return <p role="status">{t("loading")}</p>;
  const preview = claimRows(c.type, visibleClaims(c.claims, paths, selected), locale);
  const bound = holdsKey(c.holderJwk, device?.publicJwk ?? null);

  const toggle = (path: string, on: boolean) => setChosen(on ? [...selected, path] : selected.filter((p) => p !== path));

  const submit = async (form: FormData) => {
    setError(null);
    // As the form holds them; the chosen claims stay the state's (it also holds claims that have no box).
    const chosenRecipient = form.get("recipient") === "institution" ? "institution" : "anyone";
    const institutionName = form.has("institution") ? textOf(form, "institution") : institution;
    const expiry = Number(form.get("expiry"));
    const expiresInDays = EXPIRY_DAYS.includes(expiry) ? expiry : days;
    const maxViews = form.get("limit") ? Number(form.get("limit")) : null;
    setRecipient(chosenRecipient);
    setInstitution(institutionName);
    setDays(expiresInDays);
    setLimit(maxViews);
    if (chosenRecipient === "institution" && !institutionName.trim()) return setError(t("institutionMissing"));
    const to = chosenRecipient === "anyone" ? ({ kind: "anyone" } as const) : ({ kind: "institution", name: institutionName.trim() } as const);
    try {
      const result = await stepUp(async () => {
        // A fresh id and KB-JWT on each try: a step-up in between may take longer than the KB-JWT may age.
        const shareId = crypto.randomUUID();
        const presentation = await makePresentation(c, selected, bound ? device!.privateKey : null, { aud: to.kind === "anyone" ? c.linkAudience : to.name, nonce: shareId });
        return create.mutateAsync({ id: shareId, credentialId: id, presentation, recipient: to, expiresInDays, maxViews });
      });
      const qr = await QRCode.toString(result.url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
      setMade({ url: result.url, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`, expiresAt: String(result.expiresAt) });
      await reloadQueries(queryClient, trpc.credentials.shares.list.queryKey({ credentialId: id }));
    } catch (e) {
      if (e !== undefined && !isStepUpRequired(e)) setError(errorMessage(e));
    }
  };

  if (made)
    return (
      <section aria-labelledby="share-made" className="card">
        <h2 id="share-made" tabIndex={-1} ref={madeHeading}>
          {t("madeTitle")}
        </h2>
        <p>{t("madeNote", { time: format.dateTime(new Date(made.expiresAt), "timestamp") })}</p>
        <label htmlFor="share-url">{t("link")}</label>
        <input id="share-url" type="text" readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} />
        <p>
          <img src={made.qr} alt={t("qrAlt")} width={220} height={220} />
        </p>
        <p>
          <Link href={`/wallet/${id}`}>{t("backToCertificate")}</Link>
        </p>
      </section>
    );

  return (
    <form
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(new FormData(e.currentTarget));
      }}
    >
      <p className="lead">{CREDENTIAL_NAMES[c.type][locale]}</p>
      <fieldset className="group">
        <legend>{t("claims")}</legend>
        <p className="hint">{t("claimsHint")}</p>
        {options.map((o) => (
          <label key={o.path} className="choice">
            <input type="checkbox" checked={selected.includes(o.path)} onChange={(e) => toggle(o.path, e.currentTarget.checked)} />
            <span>
              {o.label}: <span lang={/[\uac00-\ud7a3]/.test(o.value) ? "ko" : undefined}>{o.value}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <section aria-labelledby="share-preview" className="card">
        <h2 id="share-preview">{t("preview")}</h2>
        <p className="hint" role="status" aria-live="polite">
          {t("previewCount", { shown: selected.length, total: paths.length })}
        </p>
        <ClaimList rows={preview} />
        <p className="hint">{bound ? t("previewBound") : t("previewUnbound")}</p>
      </section>

      <fieldset className="group">
        <legend>{t("recipient")}</legend>
        <label className="choice">
          <input type="radio" name="recipient" value="anyone" checked={recipient === "anyone"} onChange={() => setRecipient("anyone")} />
          <span>{t("anyone")}</span>
        </label>
        <label className="choice">
          <input type="radio" name="recipient" value="institution" checked={recipient === "institution"} onChange={() => setRecipient("institution")} />
          <span>{t("institution")}</span>
        </label>
        {recipient === "institution" && (
          <div className="stack">
            <label htmlFor="institution-name">{t("institutionName")}</label>
            <input id="institution-name" name="institution" type="text" value={institution} maxLength={100} onChange={(e) => setInstitution(e.currentTarget.value)} autoComplete="organization" />
          </div>
        )}
      </fieldset>

      <div className="stack">
        <label htmlFor="share-expiry">{t("expiry")}</label>
        <select id="share-expiry" name="expiry" value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
          {EXPIRY_DAYS.map((d) => (
            <option key={d} value={d}>
              {t("days", { count: d })}
            </option>
          ))}
        </select>
        <label htmlFor="share-limit">{t("limit")}</label>
        <select id="share-limit" name="limit" value={limit ?? ""} onChange={(e) => setLimit(e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
          <option value="">{t("noLimit")}</option>
          {VIEW_LIMITS.map((n) => (
            <option key={n} value={n}>
              {t("viewCount", { count: n })}
            </option>
          ))}
        </select>
      </div>
      <div role="alert">{error && <p className="status error">{error}</p>}</div>
      <p>
        <button type="submit" className="button" disabled={create.isPending || selected.length === 0}>
          {create.isPending ? t("making") : t("make")}
        </button>
      </p>
      <p>
        <Link href={`/wallet/${id}`}>{t("backToCertificate")}</Link>
      </p>
    </form>
  );
}
