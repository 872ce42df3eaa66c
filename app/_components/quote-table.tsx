"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { groupByAgency } from "./group-by-agency";
import type { Quote } from "./payment-types";

const noon = (day: string) => new Date(`${day}T12:00:00+09:00`);

/** The quoted bills, one row group per agency, late charges noted, and the grand total. */
export function QuoteTable({ quote }: { quote: Quote }) {
  const t = useTranslations("payments.pay");
  const format = useFormatter();
  // Due dates are Seoul calendar days (Korea keeps UTC+9 all year).
  const [today] = useState(() => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10));
  const money = (n: number) => format.number(n, "krw");
  return (
    <div className="table-scroll" role="region" aria-labelledby="quote-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="quote-caption">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("kind")}</th>
            <th scope="col">{t("paymentNumber")}</th>
            <th scope="col">{t("dueDate")}</th>
            <th scope="col" className="numeric">{t("principal")}</th>
            <th scope="col" className="numeric">{t("lateCharge")}</th>
            <th scope="col" className="numeric">{t("total")}</th>
          </tr>
        </thead>
        {groupByAgency(quote.items).map(([agency, items]) => (
          <tbody key={agency}>
            <tr>
              <th scope="rowgroup" colSpan={6} className="group-heading">
                {agency}
              </th>
            </tr>
            {items.map((i) => (
              <tr key={i.noticeId}>
                <th scope="row">
                  {i.kind}
                  <span className="visually-hidden"> ({agency})</span>
                </th>
                <td>{i.paymentNumber ? <code>{i.paymentNumber}</code> : "—"}</td>
                <td>{i.dueDate ? format.dateTime(noon(i.dueDate), "short") : "—"}</td>
                <td className="numeric">{money(i.principal)}</td>
                <td className="numeric">
                  {money(i.lateCharge)}
                  {i.dueDate && i.dueDate < today && <span className="hint cell-note">{t("overdue", { date: format.dateTime(noon(i.dueDate), "short") })}</span>}
                </td>
                <td className="numeric">{money(i.total)}</td>
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              {t("grandTotal")}
            </th>
            <td className="numeric grand-total">{money(quote.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
