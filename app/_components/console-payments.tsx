"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { usePaymentLabels } from "./payment-labels";
import { reloadQueries, useTRPC } from "./providers";
import { textOf } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";

const PERIODS = ["7d", "30d", "all"] as const;
type Period = (typeof PERIODS)[number];
/** Why a refund was refused, as the server names it (server/payments/errors.ts). */
const REFUND_ERRORS = ["CANCEL_AMOUNT_TOO_HIGH", "PAYMENT_NOT_CANCELLABLE", "GATEWAY_DECLINED", "GATEWAY_UNAVAILABLE"];

type Item = { paymentId: string; noticeId: string; reference: string; amount: number; cancelledAmount: number; paidAt: string | null; method: string | null };

/** A refund error in the reader's language: the refund's own reasons first, then the shared ones. */
function useRefundError() {
  const t = useTranslations("consolePayments");
  const errorMessage = useErrorMessage();
  return (error: unknown) => {
    const key = error instanceof TRPCClientError ? (error.data as { messageKey?: string } | undefined)?.messageKey : undefined;
    return key && REFUND_ERRORS.includes(key) ? t(`error.${key}`) : errorMessage(error);
  };
}

/** Console → payments: the agency's paid bills in a period, their totals, and refunds for operators who may send. */
export function ConsolePayments({ canRefund }: { canRefund: boolean }) {
  const t = useTranslations("consolePayments");
  const format = useFormatter();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const labels = usePaymentLabels();
  const [period, setPeriod] = useState<Period>("30d");
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const payments = useQuery(trpc.console.payments.queryOptions({ period }));
  const krw = (value: number) => format.number(value, { style: "currency", currency: "KRW" });
  const p = payments.data;

  return (
    <section aria-labelledby="console-payments">
      <h2 id="console-payments">{t("title")}</h2>
      <p>{t("lead")}</p>
      <fieldset className="group">
        <legend>{t("periodLegend")}</legend>
        {PERIODS.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="console-payments-period"
              value={value}
              checked={period === value}
              onChange={() => {
                setAnnouncement(null);
                setPeriod(value);
              }}
            />
            <span>{t(`period.${value}`)}</span>
          </label>
        ))}
      </fieldset>

      {payments.error && <p className="status error">{errorMessage(payments.error)}</p>}
      <div role="status" aria-live="polite">
        {announcement && <p className="status">{announcement}</p>}
        <p className="hint">{payments.isLoading ? t("loading") : p && t("status", { scope: t(`scope.${period}`), count: p.totals.count })}</p>
      </div>

      {p && (
        <>
          <h3>{t("totalsTitle")}</h3>
          <dl className="totals">
            <div>
              <dt>{t("totals.count")}</dt>
              <dd>{format.number(p.totals.count, "integer")}</dd>
            </div>
            <div>
              <dt>{t("totals.amount")}</dt>
              <dd>{krw(p.totals.amount)}</dd>
            </div>
            <div>
              <dt>{t("totals.refunded")}</dt>
              <dd>{krw(p.totals.cancelled)}</dd>
            </div>
            <div>
              <dt>{t("totals.net")}</dt>
              <dd>
                <strong>{krw(p.totals.net)}</strong>
              </dd>
            </div>
          </dl>
        </>
      )}

      {p?.items.length === 0 && <p>{t("empty")}</p>}
      {p && p.items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="console-payments-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="console-payments-caption">{t("caption", { scope: t(`scope.${period}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("column.reference")}</th>
                <th scope="col" className="numeric">
                  {t("column.amount")}
                </th>
                <th scope="col" className="numeric">
                  {t("column.refunded")}
                </th>
                <th scope="col">{t("column.paidAt")}</th>
                <th scope="col">{t("column.method")}</th>
                {canRefund && <th scope="col">{t("column.refund")}</th>}
              </tr>
            </thead>
            <tbody>
              {p.items.map((item) => (
                <tr key={`${item.paymentId}/${item.noticeId}`}>
                  <th scope="row">
                    <code>{item.reference}</code>
                  </th>
                  <td className="numeric">{krw(item.amount)}</td>
                  <td className="numeric">{item.cancelledAmount > 0 ? krw(item.cancelledAmount) : "—"}</td>
                  <td>{item.paidAt ? format.dateTime(new Date(item.paidAt), "timestamp") : "—"}</td>
                  <td>{labels.method(item.method)}</td>
                  {canRefund && (
                    <td>
                      <RefundCell item={item} onRefunded={setAnnouncement} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One bill's "Refund" disclosure: how much (at most what is left) and why. */
function RefundCell({ item, onRefunded }: { item: Item; onRefunded: (message: string) => void }) {
  const t = useTranslations("consolePayments");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refundError = useRefundError();
  const cancel = useMutation(trpc.console.cancelPaymentItem.mutationOptions());
  const remaining = item.amount - item.cancelledAmount;
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState(String(remaining));
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState<{ amount: boolean; reason: boolean }>({ amount: false, reason: false });
  const [error, setError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLElement>(null);
  const doneRef = useRef<HTMLSpanElement>(null);
  const krw = (value: number) => format.number(value, { style: "currency", currency: "KRW" });
  const id = `refund-${item.paymentId}-${item.noticeId}`;

  if (remaining <= 0)
    return (
      <span ref={doneRef} tabIndex={-1}>
        {t("fullyRefunded")}
      </span>
    );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    // As the form holds them, not as the state last heard them.
    const form = new FormData(event.currentTarget);
    const typedAmount = textOf(form, "amount");
    const typedReason = textOf(form, "reason");
    setAmount(typedAmount);
    setReason(typedReason);
    const value = Number(typedAmount);
    const bad = { amount: !Number.isSafeInteger(value) || value < 1 || value > remaining, reason: typedReason.trim() === "" };
    setInvalid(bad);
    if (bad.amount || bad.reason) return setError(bad.amount ? t("amountInvalid", { max: krw(remaining) }) : t("reasonRequired"));
    try {
      await cancel.mutateAsync({ paymentId: item.paymentId, noticeId: item.noticeId, amount: value, reason: typedReason.trim() });
      onRefunded(t("refunded", { amount: krw(value), reference: item.reference }));
      setOpen(false);
      setReason("");
      setAmount(String(remaining - value));
      await reloadQueries(queryClient, trpc.console.payments.queryKey());
      // The row is redrawn: keep focus in this cell (the disclosure, or "fully refunded") rather than losing it to the page.
      setTimeout(() => (summaryRef.current ?? doneRef.current)?.focus(), 0);
    } catch (e) {
      setError(refundError(e));
    }
  };

  return (
    <details className="disclosure" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary ref={summaryRef}>{t.rich("refund", { reference: item.reference, hidden: (words) => <span className="visually-hidden">{words}</span> })}</summary>
      <form method="post" onSubmit={submit} noValidate className="disclosure-panel stack">
        <label htmlFor={`${id}-amount`}>{t("amountLabel")}</label>
        <p className="hint" id={`${id}-amount-hint`}>
          {t("amountHint", { max: krw(remaining) })}
        </p>
        <input
          id={`${id}-amount`}
          name="amount"
          type="number"
          inputMode="numeric"
          min={1}
          max={remaining}
          step={1}
          required
          value={amount}
          aria-describedby={`${id}-amount-hint`}
          aria-invalid={invalid.amount || undefined}
          onChange={(e) => setAmount(e.target.value)}
        />
        <label htmlFor={`${id}-reason`}>{t("reasonLabel")}</label>
        <input
          id={`${id}-reason`}
          name="reason"
          type="text"
          required
          maxLength={200}
          autoComplete="off"
          value={reason}
          aria-invalid={invalid.reason || undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        <div role="alert">{error && <p className="status error">{error}</p>}</div>
        <button type="submit" className="button small" disabled={cancel.isPending}>
          {cancel.isPending ? t("refunding") : t("submit")}
        </button>
      </form>
    </details>
  );
}
