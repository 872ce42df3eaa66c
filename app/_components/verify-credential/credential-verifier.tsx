"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Locale } from "@/locales/config";
import { useRouter } from "@/locales/navigation";
import { ISSUERS } from "@/server/credentials/issuers";
import type { IssuerCode } from "@/server/credentials/types";
import type { VerificationJson } from "@/server/credentials/verify-schema";
import { textOf, useTypedBeforeHydration } from "../typed-before-hydration";
import { classify } from "./classify";
import { refreshOfflineCache, saveInclusion, verifyOffline } from "./offline-verify";
import { QrScanner } from "./qr-scanner";
import { summaryOf, VerificationResult } from "./verification-result";

type State =
  | { status: "idle" }
  | { status: "checking" | "opening" }
  | { status: "done"; result: VerificationJson; offlineSince?: string }
  | { status: "message"; key: "notFound" | "failedToCheck" | "offlineNoCache" | "offlineNumber" | "unknownQr" }
  | { status: "limited"; text: string };

/**
 * Checks a certificate pasted, scanned or by its authenticity number with GET/POST
 * /api/v1/credentials/verify; a share link opens its page. Offline, a presentation is checked in
 * the browser with the keys and checkpoint saved on an earlier visit.
 */
export function CredentialVerifier({ initial }: { initial?: string }) {
  const t = useTranslations("verifyCredential");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [pasted, setPasted] = useState("");
  const [pasteProblem, setPasteProblem] = useState<"required" | "unknownQr" | null>(null);
  const [number, setNumber] = useState("");
  const [numberProblem, setNumberProblem] = useState<"numberRequired" | "numberMalformed" | null>(null);
  const [state, setState] = useState<State>({ status: "idle" });

  useEffect(() => {
    void refreshOfflineCache();
  }, []);

  const ask = async (body: { presentation: string } | { number: string }) => {
    setState({ status: "checking" });
    try {
      const res = await fetch("/api/v1/credentials/verify", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept-Language": locale },
        body: JSON.stringify(body),
      });
      if (res.ok) {
        const result = (await res.json()) as VerificationJson;
        setState({ status: "done", result });
        const { logIndex } = result.checks.unaltered;
        if ("presentation" in body && logIndex !== undefined) void saveInclusion(body.presentation, logIndex);
        return;
      }
      if (res.status === 404) return setState({ status: "message", key: "notFound" });
      if (res.status === 429) return setState({ status: "limited", text: ((await res.json()) as { title: string }).title });
      setState({ status: "message", key: "failedToCheck" });
    } catch {
      // No answer at all: offline, or Moa out of reach.
      if (!("presentation" in body)) return setState({ status: "message", key: "offlineNumber" });
      const offline = await verifyOffline(body.presentation).catch(() => null);
      setState(offline ? { status: "done", result: offline.result, offlineSince: offline.savedAt } : { status: "message", key: "offlineNoCache" });
    }
  };

  /** Returns false when the text is nothing Moa can check. */
  const check = (text: string): boolean => {
    const input = classify(text);
    if (input.kind === "unknown") return false;
    if (input.kind === "share") {
      setState({ status: "opening" });
      router.push(`/s/${input.token}`);
    } else {
      void ask(input.kind === "number" ? { number: input.number } : { presentation: input.presentation });
    }
    return true;
  };

  // A verify address with ?number= or ?presentation= (e.g. a printed copy's QR code): check at once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !initial) return;
    started.current = true;
    check(initial);
  });

  // What the fields hold, typed before the page hydrated too.
  const adoptPaste = (form: FormData) => {
    const text = textOf(form, "presentation");
    setPasted(text);
    return text;
  };
  const adoptNumber = (form: FormData) => {
    const text = textOf(form, "number");
    setNumber(text);
    return text;
  };
  const pasteForm = useTypedBeforeHydration(adoptPaste);
  const numberForm = useTypedBeforeHydration(adoptNumber);

  const submitPaste = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = adoptPaste(new FormData(event.currentTarget));
    if (!text.trim()) return setPasteProblem("required");
    setPasteProblem(check(text) ? null : "unknownQr");
  };
  const submitNumber = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = adoptNumber(new FormData(event.currentTarget));
    if (!text.trim()) return setNumberProblem("numberRequired");
    const input = classify(text);
    if (input.kind !== "number") return setNumberProblem("numberMalformed");
    setNumberProblem(null);
    void ask({ number: input.number });
  };
  const scanned = (text: string) => {
    if (!check(text)) setState({ status: "message", key: "unknownQr" });
  };

  const busy = state.status === "checking" || state.status === "opening";
  const summary = state.status === "done" ? summaryOf(state.result) : null;
  const issuerName = state.status === "done" && state.result.issuer ? ISSUERS[state.result.issuer as IssuerCode]?.name[locale] : "";

  return (
    <>
      <section aria-labelledby="vc-paste">
        <h2 id="vc-paste">{t("pasteHeading")}</h2>
        <form ref={pasteForm} method="post" onSubmit={submitPaste} noValidate className="stack">
          <label htmlFor="vc-presentation">{t("pasteLabel")}</label>
          <span id="vc-presentation-hint" className="hint">
            {t("pasteHint")}
          </span>
          <textarea
            id="vc-presentation"
            name="presentation"
            rows={5}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            aria-describedby={pasteProblem ? "vc-presentation-hint vc-presentation-error" : "vc-presentation-hint"}
            aria-invalid={pasteProblem ? true : undefined}
            spellCheck={false}
            className="code-input"
          />
          {pasteProblem && (
            <p id="vc-presentation-error" className="status error">
              {t(pasteProblem)}
            </p>
          )}
          <button type="submit" className="button" disabled={busy}>
            {t("pasteCheck")}
          </button>
        </form>
      </section>

      <section aria-labelledby="vc-scan">
        <h2 id="vc-scan">{t("scanHeading")}</h2>
        <QrScanner onText={scanned} />
      </section>

      <section aria-labelledby="vc-number-heading">
        <h2 id="vc-number-heading">{t("numberHeading")}</h2>
        <form ref={numberForm} method="post" onSubmit={submitNumber} noValidate className="stack">
          <label htmlFor="vc-number">{t("numberLabel")}</label>
          <span id="vc-number-hint" className="hint">
            {t("numberHint")}
          </span>
          <input
            id="vc-number"
            name="number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            aria-describedby={numberProblem ? "vc-number-hint vc-number-error" : "vc-number-hint"}
            aria-invalid={numberProblem ? true : undefined}
          />
          {numberProblem && (
            <p id="vc-number-error" className="status error">
              {t(numberProblem)}
            </p>
          )}
          <button type="submit" className="button" disabled={busy}>
            {t("numberCheck")}
          </button>
        </form>
      </section>

      <section aria-labelledby={state.status !== "idle" ? "vc-result" : undefined}>
        {state.status !== "idle" && <h2 id="vc-result">{t("resultHeading")}</h2>}
        <div role="status" aria-live="polite">
          {state.status === "checking" && <p>{t("checking")}</p>}
          {state.status === "opening" && <p>{t("opening")}</p>}
          {state.status === "message" && <p className="status error">{t(state.key)}</p>}
          {state.status === "limited" && <p className="status error">{state.text}</p>}
          {summary && (
            <p className={summary === "failed" ? "status error" : "status"}>
              <strong>{summary === "allOk" ? t("allOk", { issuer: issuerName ?? "" }) : t(summary)}</strong>
            </p>
          )}
        </div>
        {state.status === "done" && <VerificationResult result={state.result} offlineSince={state.offlineSince} />}
      </section>
    </>
  );
}
