"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "../providers";
import { useStepError } from "./step-error";

/** What the counter asks to do, and for how long; the citizen allows or refuses. */
export function ApproveRequest({ grantId }: { grantId: string }) {
  const t = useTranslations("assist");
  const trpc = useTRPC();
  const request = useQuery({ ...trpc.grants.approval.queryOptions({ grantId }), retry: false });
  const answer = useMutation(trpc.grants.answer.mutationOptions());
  const { fail, view } = useStepError();
  const [done, setDone] = useState<"approved" | "denied" | null>(null);
  if (request.isError) return <p className="status error">{t("approve.notFound")}</p>;
  if (!request.data) return <p role="status">{t("approve.loading")}</p>;
  const r = request.data;
  const reply = (approve: boolean) => answer.mutateAsync({ grantId, approve }).then((a) => setDone(a.status), fail);
  const answered = done ?? (r.status === "pending" ? null : r.status === "denied" ? "denied" : "approved");
  return (
    <>
      <p className="lead">{t("approve.who", { staff: r.staffName, center: r.center ?? "" })}</p>
      <h2>{t("approve.what", { minutes: r.minutes ?? 30 })}</h2>
      <ul>
        {r.scopes.map((s) => (
          <li key={s}>{t(`scopes.${s}`)}</li>
        ))}
      </ul>
      <p>{t("setup.never")}</p>
      <div role="status" aria-live="polite">
        {answered && <p className="status">{answered === "denied" ? t("approve.refused") : t("approve.allowed")}</p>}
      </div>
      {!answered && (
        <div className="hero-actions">
          <button type="button" className="button" onClick={() => reply(true)} disabled={answer.isPending}>
            {t("approve.allow")}
          </button>
          <button type="button" className="button secondary" onClick={() => reply(false)} disabled={answer.isPending}>
            {t("approve.refuse")}
          </button>
        </div>
      )}
      {view}
    </>
  );
}
