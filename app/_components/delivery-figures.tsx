"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

const PERIODS = ["7d", "30d", "all"] as const;
type Choice = (typeof PERIODS)[number] | "batch";
const STAGES = ["accepted", "pushed", "sms", "read", "readAfterSms", "readElectronically", "letters", "returned"] as const;

/** Console → delivery figures: how the agency's live notices travelled, as bars and as a table, and the postage saved. */
export function DeliveryFigures() {
  const t = useTranslations("figures");
  const format = useFormatter();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const [choice, setChoice] = useState<Choice>("30d");
  const [picked, setPicked] = useState<string | null>(null);
  const batches = useQuery(trpc.console.figureBatches.queryOptions());
  const batchId = picked ?? batches.data?.[0]?.id;
  const input = choice === "batch" ? { batchId: batchId ?? "" } : { period: choice };
  const figures = useQuery({ ...trpc.console.figures.queryOptions(input), enabled: choice !== "batch" || !!batchId });

  const date = (iso: string) => format.dateTime(new Date(iso), "timestamp");
  const batch = batches.data?.find((b) => b.id === batchId);
  const scope = choice === "batch" ? t("scope.batch", { date: batch ? date(batch.createdAt) : "" }) : t(`scope.${choice}`);
  const f = figures.data;
  const rows = f
    ? STAGES.map((stage) => {
        const share = f.accepted > 0 ? f[stage] / f.accepted : 0;
        return { stage, label: t(`stage.${stage}`), count: f[stage], share, percent: format.number(share, { style: "percent", maximumFractionDigits: 1 }) };
      })
    : [];
  const krw = (value: number) => format.number(value, { style: "currency", currency: "KRW" });

  return (
    <section aria-labelledby="delivery-figures">
      <h2 id="delivery-figures">{t("title")}</h2>
      <p>{t("lead")}</p>
      <fieldset className="group">
        <legend>{t("scopeLegend")}</legend>
        {[...PERIODS, ...(batches.data?.length ? (["batch"] as const) : [])].map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="figures-scope" value={value} checked={choice === value} onChange={() => setChoice(value)} />
            <span>{t(`period.${value}`)}</span>
          </label>
        ))}
        {choice === "batch" && batches.data && (
          <div className="stack">
            <label htmlFor="figures-batch">{t("batchLabel")}</label>
            <select id="figures-batch" value={batchId} onChange={(e) => setPicked(e.target.value)}>
              {batches.data.map((b) => (
                <option key={b.id} value={b.id}>
                  {t("batchOption", { date: date(b.createdAt), count: b.accepted })}
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>

      {figures.error && <p className="status error">{errorMessage(figures.error)}</p>}
      <p className="hint" role="status" aria-live="polite">
        {figures.isLoading ? t("loading") : f && t("status", { scope, count: f.accepted })}
      </p>
      {f?.accepted === 0 && <p>{t("empty")}</p>}
      {f && f.accepted > 0 && (
        <div className="figures-layout">
          <div>
            <h3>{t("chartTitle")}</h3>
            {/* One image for assistive technology, summarised in its name; the table beside it has every number. */}
            <div className="funnel" role="img" aria-label={t("chartSummary", { stages: format.list(rows.map((r) => t("stageSummary", { stage: r.label, count: r.count, percent: r.percent })), { type: "conjunction" }) })}>
              {rows.map((r) => (
                <div key={r.stage} className="funnel-row">
                  <div className="funnel-text">
                    <span>{r.label}</span>
                    <span className="funnel-value">{t("barValue", { count: r.count, percent: r.percent })}</span>
                  </div>
                  <div className="funnel-track">
                    <div className="funnel-bar" style={{ width: `${r.share * 100}%` }} />
                  </div>
                </div>
              ))}
            </div>
          </div>
          <div className="table-scroll" role="region" aria-labelledby="figures-caption" tabIndex={0}>
            <table className="data-table">
              <caption id="figures-caption">{t("caption", { scope })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("column.stage")}</th>
                  <th scope="col" className="numeric">
                    {t("column.notices")}
                  </th>
                  <th scope="col" className="numeric">
                    {t("column.share")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.stage}>
                    <th scope="row">{r.label}</th>
                    <td className="numeric">{format.number(r.count, "integer")}</td>
                    <td className="numeric">{r.percent}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {f && f.accepted > 0 && (
        <>
          <h3>{t("postageTitle")}</h3>
          <p className="figures-saved">{krw(f.postageSavedKrw)}</p>
          <p>{t("postageExplained", { avoided: f.lettersAvoided, accepted: f.accepted, letters: f.letters, unitCost: krw(f.unitCostKrw) })}</p>
          <p className="hint">{t("pendingNote")}</p>
        </>
      )}
    </section>
  );
}
