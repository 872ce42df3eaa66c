"use client";

import { useFormatter, useTranslations } from "next-intl";
import { groupByAgency } from "./group-by-agency";
import type { PaymentDetail } from "./payment-types";

/** The bills one payment paid, one row group per agency, with any refunded part. */
export function ReceiptItems({ items }: { items: PaymentDetail["items"] }) {
  const t = useTranslations("payments.receipt");
  const format = useFormatter();
  const money = (n: number) => format.number(n, "krw");
  const refunds = items.some((i) => i.cancelledAmount > 0);
  const columns = refunds ? 4 : 3;
  return (
    <div className="table-scroll" role="region" aria-labelledby="receipt-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="receipt-caption">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("kind")}</th>
            <th scope="col">{t("paymentNumber")}</th>
            <th scope="col" className="numeric">{t("itemAmount")}</th>
            {refunds && <th scope="col" className="numeric">{t("refunded")}</th>}
          </tr>
        </thead>
        {groupByAgency(items).map(([agency, group]) => (
          <tbody key={agency}>
            <tr>
              <th scope="rowgroup" colSpan={columns} className="group-heading">
                {agency}
              </th>
            </tr>
            {group.map((i) => (
              <tr key={i.noticeId}>
                <th scope="row">
                  {i.kind}
                  <span className="visually-hidden"> ({agency})</span>
                </th>
                <td>{i.paymentNumber ? <code>{i.paymentNumber}</code> : "—"}</td>
                <td className="numeric">{money(i.amount)}</td>
                {refunds && <td className="numeric">{money(i.cancelledAmount)}</td>}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
