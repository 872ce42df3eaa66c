"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Link } from "@/locales/navigation";
import { isPayable } from "./payable";
import { useTRPC } from "./providers";
import { PrintButton } from "./print-button";
import { ReadAloud } from "./read-aloud";
import { isStepUpRequired, useStepUp } from "./step-up";
import { useErrorMessage } from "./use-error-message";

/** One notice: sender and kind at once; the content after opening (with a step-up if certified). */
export function NoticeView({ id }: { id: string }) {
  const t = useTranslations("notice");
  const tPay = useTranslations("payments");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const stepUp = useStepUp();
  const errorMessage = useErrorMessage();
  const envelope = useQuery(trpc.notices.envelope.queryOptions({ id }));
  const open = useMutation(trpc.notices.open.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const mutate = open.mutateAsync;

  const openIt = useCallback(async () => {
    setError(null);
    try {
      await stepUp(() => mutate({ id }));
    } catch (e) {
      if (e !== undefined && !isStepUpRequired(e)) setError(errorMessage(e));
    }
  }, [stepUp, mutate, id, errorMessage]);

  // An ordinary notice, or a certified one within a step-up, opens at once.
  const ready = envelope.data && !envelope.data.needsStepUp;
  useEffect(() => {
    if (ready && open.isIdle) mutate({ id }).catch((e: unknown) => setError(errorMessage(e)));
  }, [ready, open.isIdle, mutate, id, errorMessage]);

  if (envelope.error) return <p className="status error">{errorMessage(envelope.error)}</p>;
  if (!envelope.data) return <p>{t("loading")}</p>;
  const n = open.data;
  const dueDate = n?.dueDate ? new Date(`${n.dueDate}T12:00:00+09:00`) : null;

  return (
    <article className="notice" aria-labelledby="notice-title">
      <p className="notice-from">
        {envelope.data.agency} · {envelope.data.kind} {envelope.data.certified && <span className="tag">{t("certified")}</span>}
      </p>
      {!n ? (
        <>
          <h1 id="notice-title">{envelope.data.kind}</h1>
          {envelope.data.certified && <p>{t("certifiedLead")}</p>}
          <div role="alert">{error && <p className="status error">{error}</p>}</div>
          <button type="button" className="button" onClick={openIt} disabled={open.isPending}>
            {t("open")}
          </button>
        </>
      ) : (
        <>
          <h1 id="notice-title">{n.rendered.title}</h1>
          {n.testMode && <p className="status">{t("testNotice")}</p>}
          {(n.amountDue !== null || dueDate) && (
            <dl className="notice-key-facts">
              {n.amountDue !== null && (
                <div>
                  <dt>{t("amountDue")}</dt>
                  <dd>{format.number(n.amountDue, "krw")}</dd>
                </div>
              )}
              {dueDate && (
                <div>
                  <dt>{t("dueDate")}</dt>
                  <dd>{format.dateTime(dueDate, "legal")}</dd>
                </div>
              )}
            </dl>
          )}
          {isPayable(n) && (
            <p>
              <Link href={`/pay?notices=${n.id}`} className="button">
                {tPay("payThis")}
              </Link>
            </p>
          )}
          <p className="lead">{n.rendered.summary}</p>
          <ReadAloud text={[n.rendered.title, n.rendered.summary, n.rendered.body].join("\n")} />
          <p>
            <PrintButton />
          </p>
          <div className="notice-body">
            {n.rendered.body.split(/\n+/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
          <h2>{t("details")}</h2>
          <dl className="notice-fields">
            {n.fields.map((f) => (
              <div key={f.name}>
                <dt>{f.label}</dt>
                <dd>
                  {f.value === null
                    ? "—"
                    : f.type === "krw"
                      ? format.number(Number(f.value), "krw")
                      : f.type === "date"
                        ? format.dateTime(new Date(`${f.value}T12:00:00+09:00`), "legal")
                        : String(f.value)}
                </dd>
              </div>
            ))}
          </dl>
          <details className="original">
            <summary>{t("showOriginal")}</summary>
            <div lang="ko">
              {n.originalKo.split(/\n+/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </div>
            <p className="hint">{t("originalHash", { hash: n.originalSha256 })}</p>
          </details>
          <p>
            <a className="button secondary" href={`/api/notices/${n.id}/certificate?locale=${locale}`} download>
              {t("certificate")}
            </a>
          </p>
          <p className="hint">{t("certificateHint")}</p>
          <p className="hint">
            {t("receipt", { received: format.dateTime(new Date(n.acceptedAt), "timestamp"), read: format.dateTime(new Date(n.readAt), "timestamp") })}
          </p>
        </>
      )}
      <p>
        <Link href="/inbox">{t("back")}</Link>
      </p>
    </article>
  );
}
