"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { loadOfflineInbox, OFFLINE_INBOX_KEY } from "./offline-inbox-store";

const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
};
const snapshot = () => localStorage.getItem(OFFLINE_INBOX_KEY);

/** On the offline page: the inbox as last loaded, if this browser kept it. */
export function OfflineInbox() {
  const t = useTranslations("offline");
  const inboxT = useTranslations("inbox");
  const format = useFormatter();
  const raw = useSyncExternalStore(subscribe, snapshot, () => null);
  const inbox = raw ? loadOfflineInbox() : null;
  if (!inbox || inbox.items.length === 0) return null;
  return (
    <section aria-labelledby="offline-inbox">
      <h2 id="offline-inbox">{t("inboxTitle", { time: format.dateTime(new Date(inbox.savedAt), "timestamp") })}</h2>
      <p>{t("inboxNote")}</p>
      <ul className="notice-list">
        {inbox.items.map((n) => (
          <li key={n.id} className={n.unread ? "notice-item unread" : "notice-item"}>
            <span className="notice-agency">{n.agency}</span> <strong>{n.kind}</strong>
            <span className="notice-meta">
              {n.unread && <span className="tag strong">{inboxT("unread")}</span>} {n.certified && <span className="tag">{inboxT("certified")}</span>}{" "}
              {inboxT("received", { date: format.dateTime(new Date(n.acceptedAt), "short") })}
              {n.amountDue !== null && <> · {inboxT("amount", { amount: format.number(n.amountDue, "krw") })}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
