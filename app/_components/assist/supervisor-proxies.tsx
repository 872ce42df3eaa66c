"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { reloadQueries, useTRPC } from "../providers";
import { useStepError } from "./step-error";

/** For a supervisor: the citizen's standing helpers, each of which can be ended here. Nothing for other staff. */
export function SupervisorProxies({ personId }: { personId: string }) {
  const t = useTranslations("assist.supervisor");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const proxies = useQuery(trpc.assist.proxies.queryOptions({ personId }));
  const revoke = useMutation(trpc.assist.revokeProxy.mutationOptions());
  const { fail, view } = useStepError();
  if (!proxies.data) return null;
  const end = (grantId: string) => revoke.mutateAsync({ grantId }).then(() => reloadQueries(queryClient, trpc.assist.proxies.queryKey({ personId })), fail);
  return (
    <section aria-labelledby="supervisor-proxies" className="card">
      <h3 id="supervisor-proxies">{t("title")}</h3>
      {proxies.data.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="plain-list">
          {proxies.data.map((p) => (
            <li key={p.id}>
              <p>
                {p.helper ?? t("pending")} — {p.expiresAt ? t("until", { date: format.dateTime(new Date(p.expiresAt), "legal") }) : t("pending")}
              </p>
              <button type="button" className="button secondary" onClick={() => end(p.id)} disabled={revoke.isPending}>
                {t("end", { name: p.helper ?? "" })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div role="status" aria-live="polite">
        {revoke.isSuccess && <p className="status">{t("ended")}</p>}
      </div>
      {view}
    </section>
  );
}
