"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { saveOfflineInbox } from "./offline-inbox-store";
import { Link } from "@/locales/navigation";
import { isPayable } from "./payable";
import { PayBar } from "./pay-bar";
import { useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

type Filter = "all" | "unread" | "to-pay" | "due-soon";
const FILTERS: Filter[] = ["all", "unread", "to-pay", "due-soon"];

/** Every agency's notices in one list, with filters and "show more" pages, each under its own heading. */
export function InboxList() {
  const t = useTranslations("inbox");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const [filter, setFilter] = useState<Filter>("all");
  const [agency, setAgency] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const tPay = useTranslations("payments.basket");
  const counts = useQuery(trpc.notices.counts.queryOptions());
  const list = useInfiniteQuery(
    trpc.notices.list.infiniteQueryOptions(
      { filter, agency: agency || undefined },
      { getNextPageParam: (last) => last.nextBefore ?? undefined },
    ),
  );
  const count = (f: Filter) => (counts.data ? { all: counts.data.all, unread: counts.data.unread, "to-pay": counts.data.toPay, "due-soon": counts.data.dueSoon }[f] : null);
  const pages = list.data?.pages ?? [];
  const anyDue = (counts.data?.toPay ?? 0) > 0;
  const firstPage = filter === "all" && !agency ? list.data?.pages[0] : undefined;
  useEffect(() => {
    if (firstPage) saveOfflineInbox(locale, firstPage.items);
  }, [firstPage, locale]);

  return (
    <>
      <div className="inbox-filters">
        <fieldset className="segmented">
          <legend>{t("filterLegend")}</legend>
          {FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(`filter.${f}`, { count: count(f) ?? 0 })}
            </button>
          ))}
        </fieldset>
        {counts.data && counts.data.agencies.length > 1 && (
          <p className="stack">
            <label htmlFor="agency-filter">{t("agencyFilter")}</label>
            <select id="agency-filter" value={agency} onChange={(e) => setAgency(e.target.value)}>
              <option value="">{t("allAgencies")}</option>
              {counts.data.agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {(a.name as Record<string, string>)[locale] ?? a.code}
                </option>
              ))}
            </select>
          </p>
        )}
      </div>
      {(anyDue || pages.some((p) => p.items.some(isPayable))) && <PayBar selected={selected} anyDue={anyDue} />}
      <div role="status" aria-live="polite" className="visually-hidden">
        {list.isSuccess && t("shown", { count: pages.reduce((n, p) => n + p.items.length, 0) })}
      </div>
      {list.error && <p className="status error">{errorMessage(list.error)}</p>}
      {list.isSuccess && pages[0].items.length === 0 && <p>{t("empty")}</p>}
      {pages.map((page, i) => (
        <section key={i} aria-labelledby={`inbox-page-${i}`}>
          <h2 id={`inbox-page-${i}`} className={i === 0 ? "visually-hidden" : undefined}>
            {t("pageHeading", { from: i * 20 + 1, to: i * 20 + page.items.length })}
          </h2>
          <ul className="notice-list">
            {page.items.map((n) => (
              <li key={n.id} className={n.unread ? "notice-item unread" : "notice-item"}>
                <Link href={`/inbox/${n.id}`} className="notice-link">
                  <span className="notice-agency">{n.agency}</span>
                  <span className="notice-kind">{n.kind}</span>
                </Link>
                <span className="notice-meta">
                  {n.unread && <span className="tag strong">{t("unread")}</span>} {n.certified && <span className="tag">{t("certified")}</span>}{" "}
                  {n.testMode && <span className="tag">{t("test")}</span>} {t("received", { date: format.dateTime(new Date(n.acceptedAt), "short") })}
                  {n.amountDue !== null && <> · {t("amount", { amount: format.number(n.amountDue, "krw") })}</>}
                  {n.dueDate && <> · {t("due", { date: format.dateTime(new Date(`${n.dueDate}T12:00:00+09:00`), "short") })}</>}
                </span>
                {isPayable(n) && (
                  <label className="choice pay-choice">
                    <input type="checkbox" checked={selected.includes(n.id)} onChange={() => toggle(n.id)} />
                    <span>{tPay.rich("select", { kind: n.kind, agency: n.agency, hidden: (words) => <span className="visually-hidden">{words}</span> })}</span>
                  </label>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {list.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t("more")}
        </button>
      )}
    </>
  );
}
