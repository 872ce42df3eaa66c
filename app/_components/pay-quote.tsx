"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Link } from "@/locales/navigation";
import { paymentKeyFor } from "./payment-key";
import { useTRPC } from "./providers";
import { QuoteCountdown, useSecondsLeft } from "./quote-countdown";
import { QuoteTable } from "./quote-table";
import { isStepUpRequired, useStepUp } from "./step-up";
import { useErrorMessage } from "./use-error-message";
import { CounterConfirmation, COUNTER_KEYS, type CitizenConfirmation, type CounterConfirmationKind } from "./assist/counter-confirmation";

export type Basket = { noticeIds: string[] } | { allDue: true };

const errorData = (e: unknown) => (e instanceof TRPCClientError ? (e.data as { code?: string; messageKey?: string } | undefined) : undefined);

function focusHeading() {
  const h1 = document.querySelector<HTMLElement>("main h1");
  if (!h1) return;
  h1.tabIndex = -1;
  h1.focus();
}

/** Prices the basket, shows it until the quote lapses, and sends the person to the payment window. */
export function PayQuote({ basket, counter }: { basket: Basket | null; counter?: CounterConfirmationKind }) {
  const t = useTranslations("payments.pay");
  const trpc = useTRPC();
  const stepUp = useStepUp();
  const errorMessage = useErrorMessage();
  const quote = useMutation(trpc.payments.quote.mutationOptions());
  const start = useMutation(trpc.payments.start.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [confirmation, setConfirmation] = useState<CitizenConfirmation | undefined>(undefined);
  const asked = useRef(false);
  const requestQuote = quote.mutate;
  const q = quote.data;
  const secondsLeft = useSecondsLeft(q?.validUntil);

  useEffect(() => {
    if (!basket || asked.current) return;
    asked.current = true;
    requestQuote(basket);
  }, [basket, requestQuote]);

  // Back from the window through the browser's cache: the page is as it was left, button disabled.
  useEffect(() => {
    const back = (e: PageTransitionEvent) => e.persisted && setLeaving(false);
    window.addEventListener("pageshow", back);
    return () => window.removeEventListener("pageshow", back);
  }, []);

  const newQuote = () => {
    if (!basket) return;
    setError(null);
    // The button that asked goes away with the old quote: focus goes back to the top of the page.
    quote.mutate(basket, { onSettled: focusHeading });
  };

  const pay = async () => {
    if (!q) return;
    setError(null);
    try {
      const { windowUrl } = await stepUp(() => start.mutateAsync({ quoteId: q.quoteId, idempotencyKey: paymentKeyFor(q.quoteId, q.orderId), citizenConfirmation: confirmation }));
      setLeaving(true);
      window.location.assign(windowUrl);
    } catch (e) {
      if (e === undefined || isStepUpRequired(e)) return;
      const data = errorData(e);
      const counterRefusal = data?.messageKey !== undefined && COUNTER_KEYS.has(data.messageKey);
      setError(data?.messageKey === "QUOTE_EXPIRED" ? t("expired") : data?.code === "BAD_REQUEST" && !counterRefusal ? t("startRefused") : errorMessage(e));
    }
  };

  if (!basket)
    return (
      <p>
        {t("nothingSelected")} <Link href="/inbox">{t("backToInbox")}</Link>
      </p>
    );
  const refused = errorData(quote.error)?.code === "BAD_REQUEST";
  const problem = quote.error ? (refused ? t("rejected") : errorMessage(quote.error)) : error;
  return (
    <>
      <p className="lead">{t("lead")}</p>
      <div role="status" aria-live="polite">
        {quote.isPending && <p>{t("loading")}</p>}
        {leaving && <p>{t("leaving")}</p>}
      </div>
      <div role="alert">{problem && <p className="status error">{problem}</p>}</div>
      {quote.error && !refused && (
        <p>
          <button type="button" className="button" onClick={newQuote}>
            {t("newQuote")}
          </button>
        </p>
      )}
      {q && (
        <>
          <QuoteTable quote={q} />
          <QuoteCountdown validUntil={q.validUntil} secondsLeft={secondsLeft} />
          {counter && (
            <CounterConfirmation
              kind={counter}
              onChange={(c) => {
                setConfirmation(c);
                setError(null);
              }}
            />
          )}
          <p className="hint">{t("windowHint")}</p>
          <p className="hero-actions">
            {secondsLeft > 0 && !error ? (
              <button type="button" className="button" onClick={pay} disabled={start.isPending || leaving}>
                {t("confirm")}
              </button>
            ) : (
              <button type="button" className="button" onClick={newQuote}>
                {t("newQuote")}
              </button>
            )}
          </p>
        </>
      )}
      <p>
        <Link href="/inbox">{t("backToInbox")}</Link>
      </p>
    </>
  );
}
