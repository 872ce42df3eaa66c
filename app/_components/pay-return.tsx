"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef } from "react";
import { Link, useRouter } from "@/locales/navigation";
import { paymentKeyFor } from "./payment-key";
import { usePaymentLabels } from "./payment-labels";
import { useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

export type WindowResult = { ok: true; paymentKey: string; orderId: string; amount: number } | { ok: false; code: string | null };

/** Gateway codes the window itself returns on the fail URL, as the failure keys the app knows. */
const WINDOW_FAILURES: Record<string, string> = { PAY_PROCESS_CANCELED: "cancelled", REJECT_CARD_PAYMENT: "declined" };
const POLL_MS = 3000;

/**
 * Back from the payment window: confirms an authorised payment once (a reload re-sends the same
 * idempotency key), then shows the receipt; says why when it did not go through.
 */
export function PayReturn({ result }: { result: WindowResult }) {
  const t = useTranslations("payments.return");
  const common = useTranslations("common");
  const labels = usePaymentLabels();
  const trpc = useTRPC();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const confirm = useMutation(trpc.payments.confirm.mutationOptions());
  const send = confirm.mutate;
  const sent = useRef(false);
  const confirmIt = useCallback(() => {
    if (result.ok) send({ paymentKey: result.paymentKey, orderId: result.orderId, amount: result.amount, idempotencyKey: paymentKeyFor(result.orderId) });
  }, [result, send]);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    confirmIt();
  }, [confirmIt]);

  const paymentId = confirm.data?.paymentId;
  const poll = useQuery({ ...trpc.payments.get.queryOptions({ id: paymentId ?? "" }), enabled: confirm.data?.state === "submitted", refetchInterval: POLL_MS });
  const state = poll.data?.state ?? confirm.data?.state;
  useEffect(() => {
    if (state === "success" && paymentId) router.replace(`/payments/${paymentId}`);
  }, [state, paymentId, router]);

  const failure = !result.ok
    ? (WINDOW_FAILURES[result.code ?? ""] ?? "other")
    : state && !["success", "submitted", "started", "created"].includes(state)
      ? (poll.data?.failure?.messageKey ?? confirm.data?.failure?.messageKey ?? (state === "expired" || state === "cancelled" ? state : "other"))
      : null;
  const title = failure === "cancelled" ? t("cancelledTitle") : failure ? t("failedTitle") : state === "success" ? t("successTitle") : t("confirmingTitle");

  useEffect(() => {
    document.title = common("pageTitle", { title });
  }, [common, title]);

  return (
    <>
      <h1>{title}</h1>
      <div role="status" aria-live="polite">
        {confirm.isPending && <p>{t("confirming")}</p>}
        {state === "submitted" && <p className="status">{t("submitted")}</p>}
        {state === "success" && <p className="status">{t("success")}</p>}
      </div>
      <div role="alert">
        {failure && <p className="status error">{labels.failure(failure)}</p>}
        {confirm.error && <p className="status error">{errorMessage(confirm.error)}</p>}
      </div>
      {confirm.error && (
        <p>
          <button type="button" className="button" onClick={confirmIt}>
            {t("retry")}
          </button>
        </p>
      )}
      {(failure || confirm.error) && (
        <p className="hero-actions">
          <Link href="/inbox" className={confirm.error ? "button secondary" : "button"}>
            {t("backToInbox")}
          </Link>
          <Link href="/payments" className="button secondary">
            {t("history")}
          </Link>
        </p>
      )}
    </>
  );
}
