"use client";

import { useQueries } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { ACCESS_ACTORS, ACCESS_PERIODS, type AccessActor, type AccessPeriod } from "@/server/audit/access-log";
import { useAccessLabels } from "./access-log-labels";
import { useTRPC } from "./providers";
import { oneOf, useTypedBeforeHydration } from "./typed-before-hydration";
import { useErrorMessage } from "./use-error-message";

/** Settings → who used my account: others' access to the citizen's data, filtered, newest first, a page at a time. */
export function AccessLog() {
  const t = useTranslations("accessLog");
  const format = useFormatter();
  const labels = useAccessLabels();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const [filter, setFilter] = useState<{ actor: AccessActor; period: AccessPeriod }>({ actor: "all", period: "all" });
  const [draft, setDraft] = useState(filter);
  // The cursor of every page after the first that the reader asked for.
  const [cursors, setCursors] = useState<string[]>([]);
  const pages = useQueries({ queries: [undefined, ...cursors].map((before) => trpc.account.accessLog.queryOptions({ ...filter, before })) });
  const items = pages.flatMap((p) => p.data?.items ?? []);
  const last = pages.at(-1);
  const done = pages.every((p) => p.isSuccess);
  const error = pages.find((p) => p.error)?.error;

  // What the form holds, chosen before the page hydrated too.
  const adopt = (form: FormData) => {
    const chosen = { actor: oneOf(form, "actor", ACCESS_ACTORS) ?? draft.actor, period: oneOf(form, "period", ACCESS_PERIODS) ?? draft.period };
    setDraft(chosen);
    return chosen;
  };
  const formRef = useTypedBeforeHydration(adopt);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilter(adopt(new FormData(event.currentTarget)));
    setCursors([]);
  };

  return (
    <>
      <form ref={formRef} method="post" onSubmit={apply}>
        <fieldset className="inbox-filters">
          <legend>{t("filterLegend")}</legend>
          <p className="stack">
            <label htmlFor="access-actor">{t("actorLabel")}</label>
            <select id="access-actor" name="actor" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value as AccessActor })}>
              {ACCESS_ACTORS.map((a) => (
                <option key={a} value={a}>{t(`actor.${a}`)}</option>
              ))}
            </select>
          </p>
          <p className="stack">
            <label htmlFor="access-period">{t("periodLabel")}</label>
            <select id="access-period" name="period" value={draft.period} onChange={(e) => setDraft({ ...draft, period: e.target.value as AccessPeriod })}>
              {ACCESS_PERIODS.map((p) => (
                <option key={p} value={p}>{t(`period.${p}`)}</option>
              ))}
            </select>
          </p>
          <p className="stack">
            <button type="submit" className="button">{t("apply")}</button>
          </p>
        </fieldset>
      </form>
      <h2 id="access-results">{t("resultsHeading")}</h2>
      <div role="status" aria-live="polite">
        {!done && !error && <p>{t("loading")}</p>}
        {done && <p>{t("shown", { count: items.length })} {last?.data?.next ? t("moreAvailable") : null}</p>}
      </div>
      {error && <p className="status error">{errorMessage(error)}</p>}
      {items.length > 0 && (
        <ol className="plain-list" aria-labelledby="access-results">
          {items.map((e) => (
            <li key={e.id}>
              <h3>
                <time dateTime={new Date(e.at).toISOString()}>{format.dateTime(new Date(e.at), "timestamp")}</time>
              </h3>
              <p>{labels.what(e.action)}</p>
              <p className="hint">{labels.who(e)}</p>
            </li>
          ))}
        </ol>
      )}
      {last?.data?.next && (
        <button type="button" className="button secondary" onClick={() => setCursors([...cursors, last.data.next!])} disabled={!done}>
          {t("more")}
        </button>
      )}
    </>
  );
}
