"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Link } from "@/locales/navigation";
import { usePaymentLabels } from "./payment-labels";
import { useTRPC } from "./providers";
import { ReceiptItems } from "./receipt-items";
import { useErrorMessage } from "./use-error-message";

/** One payment: its state, amount, method and bills, the PDF receipt; rechecked while being confirmed. */
export function PaymentReceipt({ id }: { id: string }) {
  const t = useTranslations("payments.receipt");
  const locale = useLocale();
  const format = useFormatter();
  const labels = usePaymentLabels();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const payment = useQuery({ ...trpc.payments.get.queryOptions({ id }), refetchInterval: (q) => (q.state.data?.state === "submitted" ? 3000 : false) });
  const p = payment.data;

  return (
    <>
      <h1>{t("title")}</h1>
      <div role="status" aria-live="polite">
        {payment.isPending && <p>{t("loading")}</p>}
        {p?.state === "submitted" && <p className="status">{t("pending")}</p>}
      </div>
      {payment.error && <p className="status error">{errorMessage(payment.error)}</p>}
      {p && (
        <>
          {(p.state === "failed" || p.state === "expired") && <p className="status error">{labels.failure(p.failure?.messageKey)}</p>}
          <dl className="notice-key-facts">
            <div>
              <dt>{t("state")}</dt>
              <dd>{labels.state(p.state)}</dd>
            </div>
            <div>
              <dt>{t("amount")}</dt>
              <dd>{format.number(p.amount, "krw")}</dd>
            </div>
            <div>
              <dt>{t("method")}</dt>
              <dd>{labels.method(p.method)}</dd>
            </div>
            <div>
              <dt>{t("approvedAt")}</dt>
              <dd>{p.approvedAt ? format.dateTime(new Date(p.approvedAt), "timestamp") : "—"}</dd>
            </div>
          </dl>
          <ReceiptItems items={p.items} />
          {p.approvedAt && (
            <p>
              <a className="button secondary" href={`/api/payments/${p.id}/receipt?locale=${locale}`} download>
                {t("download")}
              </a>
            </p>
          )}
        </>
      )}
      <p>
        <Link href="/payments">{t("history")}</Link>
      </p>
    </>
  );
}
