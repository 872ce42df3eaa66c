"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { BatchStatus } from "@/server/trpc/routers/console";
import { reloadQueries, useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

type Phase = "idle" | "uploading" | "processing" | "done" | "failed";

/** The upload's quarter marks announced to screen readers; every other tick is shown only. */
const MARKS = [25, 50, 75];
const POLL_MS = 1000;

/** By extension, as the console's upload route reads Content-Type; null for anything else. */
function contentTypeOf(file: File): string | null {
  if (/\.(jsonl|ndjson)$/i.test(file.name)) return "application/x-ndjson";
  if (/\.csv$/i.test(file.name) || file.type === "text/csv") return "text/csv";
  return null;
}

const errorReportHref = (id: string) => `/api/console/batches/${id}/errors`;

/** File kinds and a header line: names, not words, so the same in every language. */
const KINDS = { csv: "CSV (.csv)", jsonl: "JSON Lines (.jsonl)" };
const EXAMPLE_HEADER = "reference,template,recipient.rrn,recipient.name,fields.<field>,…";

/**
 * Console → bulk sending: a CSV or JSON Lines file is uploaded with its progress shown, then the
 * batch is followed until Moa has checked every row; the counts and the error report follow.
 */
export function BatchUpload() {
  const t = useTranslations("batchUpload");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const fileInput = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);
  const [phase, setPhase] = useState<Phase>("idle");
  const [percent, setPercent] = useState(0);
  const [status, setStatus] = useState<BatchStatus | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const busy = phase === "uploading" || phase === "processing";

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const failureText = (failure: string | null) =>
    failure === "too_large" || failure === "too_many_bytes" ? t("failure.tooLarge") : failure === "too_many_rows" ? t("failure.tooManyRows") : t("failure.other");

  const doneText = (s: BatchStatus) => t("progress.done", { accepted: s.accepted, duplicates: s.duplicates, rejected: s.rejected });

  /** Follows the batch once a second until it is done or failed. */
  const follow = async (id: string) => {
    let misses = 0;
    while (mounted.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!mounted.current) return;
      let s: BatchStatus;
      try {
        s = await queryClient.fetchQuery({ ...trpc.console.batch.queryOptions({ id }), staleTime: 0 });
        misses = 0;
      } catch (e) {
        if (++misses < 3) continue;
        setPhase("failed");
        setError(errorMessage(e));
        return;
      }
      setStatus(s);
      if (s.state === "done" || s.state === "failed") {
        setPhase(s.state);
        setAnnouncement(s.state === "done" ? doneText(s) : failureText(s.failure));
        await Promise.all([
          reloadQueries(queryClient, trpc.console.batches.queryKey()),
          reloadQueries(queryClient, trpc.console.recentNotices.queryKey()),
        ]);
        return;
      }
    }
  };

  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return setError(t("chooseFile"));
    const type = contentTypeOf(file);
    if (!type) return setError(t("error.unsupportedType", KINDS));

    setStatus(null);
    setPercent(0);
    setPhase("uploading");
    setAnnouncement(t("announce.started", { file: file.name }));
    let announced = 0;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/console/batches");
    xhr.setRequestHeader("Content-Type", type);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable || e.total === 0) return;
      const now = Math.min(100, Math.floor((e.loaded / e.total) * 100));
      setPercent(now);
      const mark = MARKS.filter((m) => now >= m).pop() ?? 0;
      // Only a mark newly passed is spoken, and not when the upload finishes at once.
      if (mark > announced && now < 100) {
        announced = mark;
        setAnnouncement(t("announce.percent", { percent: mark }));
      }
    };
    xhr.onload = () => {
      const body = xhr.response as { id?: string; error?: { code?: string } } | null;
      if (xhr.status === 202 && body?.id) {
        setPercent(100);
        setPhase("processing");
        setAnnouncement(t("announce.uploaded"));
        if (fileInput.current) fileInput.current.value = "";
        void follow(body.id);
        return;
      }
      const code = body?.error?.code;
      setPhase("failed");
      setAnnouncement("");
      setError(
        xhr.status === 401
          ? tErrors("UNAUTHORIZED")
          : xhr.status === 403
            ? tErrors("FORBIDDEN")
            : xhr.status === 413
              ? t("failure.tooLarge")
              : code === "unsupported_charset"
                ? t("error.unsupportedCharset")
                : xhr.status === 415
                  ? t("error.unsupportedType", KINDS)
                  : code === "empty_batch"
                    ? t("error.empty")
                    : tErrors("INTERNAL_SERVER_ERROR"),
      );
    };
    xhr.onerror = () => {
      setPhase("failed");
      setAnnouncement("");
      setError(tErrors("network"));
    };
    xhr.send(file);
  };

  const valueNow = phase === "uploading" ? percent : phase === "done" ? 100 : undefined;
  const valueText =
    phase === "uploading"
      ? t("progress.uploading", { percent })
      : phase === "processing"
        ? t("progress.processing", { rows: status?.rowsRead ?? 0 })
        : phase === "done" && status
          ? doneText(status)
          : phase === "failed"
            ? t("progress.failed")
            : "";

  return (
    <section aria-labelledby="batch-upload">
      <h2 id="batch-upload">{t("title")}</h2>
      <p>{t("lead")}</p>
      <p>
        {t("columnsHint")} <code>{EXAMPLE_HEADER}</code>
      </p>
      <form method="post" onSubmit={upload} noValidate className="stack">
        <label htmlFor="batch-file">{t("fileLabel")}</label>
        <p id="batch-file-hint" className="hint">
          {t("fileHint", KINDS)}
        </p>
        <input
          ref={fileInput}
          id="batch-file"
          name="file"
          type="file"
          className="file-input"
          accept=".csv,.jsonl,text/csv"
          aria-describedby="batch-file-hint"
          onChange={() => setError(null)}
        />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t("upload")}
        </button>
      </form>
      {error && (
        <p className="status error" role="alert">
          {error}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {phase !== "idle" && (
        <div className="batch-progress">
          <p id="batch-progress-label" className="progress-label">
            {t("progressLabel")}
          </p>
          <div
            role="progressbar"
            aria-labelledby="batch-progress-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={valueNow}
            aria-valuetext={valueText}
            className={`progress${valueNow === undefined ? (phase === "failed" ? " failed" : " indeterminate") : ""}`}
          >
            <span className="progress-fill" style={valueNow === undefined ? undefined : { width: `${valueNow}%` }} />
          </div>
          <p className="progress-text">{valueText}</p>
        </div>
      )}
      {phase === "done" && status && (
        <>
          <h3>{t("resultTitle")}</h3>
          <dl className="batch-counts">
            <div>
              <dt>{t("accepted")}</dt>
              <dd>{format.number(status.accepted, "integer")}</dd>
            </div>
            <div>
              <dt>{t("duplicates")}</dt>
              <dd>{format.number(status.duplicates, "integer")}</dd>
            </div>
            <div>
              <dt>{t("rejected")}</dt>
              <dd>{format.number(status.rejected, "integer")}</dd>
            </div>
          </dl>
          {status.rejected > 0 ? (
            <p>
              <a href={errorReportHref(status.id)} download>
                {t("errorReport", { count: status.rejected })}
              </a>
            </p>
          ) : (
            <p>{t("allAccepted")}</p>
          )}
        </>
      )}
      {phase === "failed" && status?.state === "failed" && <p className="status error">{failureText(status.failure)}</p>}
      <RecentBatches />
    </section>
  );
}

/** The agency's last ten uploads, whoever sent them (console or API). */
function RecentBatches() {
  const t = useTranslations("batchUpload");
  const format = useFormatter();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const batches = useQuery(trpc.console.batches.queryOptions());
  return (
    <>
      <h3 id="recent-batches">{t("recentTitle")}</h3>
      {batches.error && <p className="status error">{errorMessage(batches.error)}</p>}
      {batches.isPending && <p>{t("loading")}</p>}
      {batches.data?.length === 0 && <p>{t("noBatches")}</p>}
      {batches.data && batches.data.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="recent-batches" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">{t("recentCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("column.uploaded")}</th>
                <th scope="col">{t("column.state")}</th>
                <th scope="col" className="numeric">
                  {t("column.rows")}
                </th>
                <th scope="col" className="numeric">
                  {t("accepted")}
                </th>
                <th scope="col" className="numeric">
                  {t("duplicates")}
                </th>
                <th scope="col" className="numeric">
                  {t("rejected")}
                </th>
                <th scope="col">{t("column.report")}</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{format.dateTime(new Date(b.createdAt), "timestamp")}</th>
                  <td>
                    {t(`state.${b.state === "done" || b.state === "failed" ? b.state : "processing"}`)}
                    {b.testMode && <> <span className="tag">{t("test")}</span></>}
                  </td>
                  <td className="numeric">{format.number(b.rowsRead, "integer")}</td>
                  <td className="numeric">{format.number(b.accepted, "integer")}</td>
                  <td className="numeric">{format.number(b.duplicates, "integer")}</td>
                  <td className="numeric">{format.number(b.rejected, "integer")}</td>
                  <td>
                    {b.rejected > 0 ? (
                      <a href={errorReportHref(b.id)} download>
                        {t("column.download")}
                        <span className="visually-hidden"> {t("errorReportOf", { date: format.dateTime(new Date(b.createdAt), "timestamp") })}</span>
                      </a>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
