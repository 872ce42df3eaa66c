"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useAccessLabels } from "../access-log-labels";

/** The session's actions, oldest first, and a button to print the page. */
export function SummaryActions({ actions }: { actions: { at: string; action: string }[] }) {
  const t = useTranslations("assist.summary");
  const format = useFormatter();
  const labels = useAccessLabels();
  return (
    <>
      <h2>{t("actionsHeading")}</h2>
      {actions.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ol>
          {actions.map((a, i) => (
            <li key={i}>
              <time dateTime={a.at}>{format.dateTime(new Date(a.at), { timeStyle: "short" })}</time> — {labels.what(a.action)}
            </li>
          ))}
        </ol>
      )}
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("print")}
        </button>
      </p>
    </>
  );
}
