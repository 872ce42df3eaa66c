"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Link } from "@/locales/navigation";
import { usePaymentLabels } from "./payment-labels";
import { useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

/** The person's payments, newest first, each linking to its receipt. */
export function PaymentHistory() {
  const t = useTranslations("payments.history");
  const format = useFormatter();
  const labels = usePaymentLabels();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const history = useQuery(trpc.payments.history.queryOptions());

  return (
    <>
      <div role="status" aria-live="polite">
        {history.isPending && <p>{t("loading")}</p>}
      </div>
      {history.error && <p className="status error">{errorMessage(history.error)}</p>}
      {history.data?.length === 0 && <p>{t("empty")}</p>}
      {history.data && history.data.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="history-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="history-caption">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("date")}</th>
                <th scope="col">{t("agencies")}</th>
                <th scope="col">{t("bills")}</th>
                <th scope="col" className="numeric">{t("amount")}</th>
                <th scope="col">{t("state")}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link href={`/payments/${p.id}`}>{format.dateTime(new Date(p.approvedAt ?? p.createdAt), "timestamp")}</Link>
                  </th>
                  <td>{p.agencies.join(", ")}</td>
                  <td>{t("billCount", { count: p.itemCount })}</td>
                  <td className="numeric">{format.number(p.amount, "krw")}</td>
                  <td>{labels.state(p.state)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link href="/inbox">{t("backToInbox")}</Link>
      </p>
    </>
  );
}
