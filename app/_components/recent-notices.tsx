"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/locales/config";
import { useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

/** Console → the agency's latest notices: accepted, delivered by which route, read or not. */
export function RecentNotices() {
  const t = useTranslations("recentNotices");
  const locale = useLocale() as Locale;
  const format = useFormatter();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const notices = useQuery(trpc.console.recentNotices.queryOptions());
  const when = (iso: string) => format.dateTime(new Date(iso), "timestamp");
  return (
    <section aria-labelledby="recent-notices">
      <h2 id="recent-notices">{t("title")}</h2>
      {notices.error && <p className="status error">{errorMessage(notices.error)}</p>}
      {notices.isPending && <p>{t("loading")}</p>}
      {notices.data?.length === 0 && <p>{t("empty")}</p>}
      {notices.data && notices.data.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="recent-notices-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="recent-notices-caption">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reference")}</th>
                <th scope="col">{t("kind")}</th>
                <th scope="col">{t("certified")}</th>
                <th scope="col">{t("route")}</th>
                <th scope="col">{t("accepted")}</th>
                <th scope="col">{t("read")}</th>
              </tr>
            </thead>
            <tbody>
              {notices.data.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <code>{n.reference}</code>
                    {n.testMode && <> <span className="tag">{t("test")}</span></>}
                  </th>
                  <td>
                    {n.templateName[locale] ?? n.template}
                    <br />
                    <code className="template-kind">{n.template}</code>
                  </td>
                  <td>{n.certified ? t("yes") : t("no")}</td>
                  <td>{n.route === "electronic" ? t("electronic") : t("postal")}</td>
                  <td>{when(n.acceptedAt)}</td>
                  <td>{n.readAt ? when(n.readAt) : t("notRead")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
