"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "../providers";
import { useStepError } from "./step-error";
import { loadPage } from "./navigate";

/** Who invites the helper, to do what and for how long; accepting makes the grant, acting starts it. */
export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations("assist.accept");
  const tScopes = useTranslations("assist.scopes");
  const locale = useLocale();
  const trpc = useTRPC();
  const valid = /^[A-Za-z0-9_-]{32}$/.test(token);
  // Asked once: after accepting, the invitation is used up and would read as invalid.
  const invitation = useQuery({ ...trpc.grants.invitation.queryOptions({ token }), enabled: valid, retry: false, staleTime: Infinity, refetchOnWindowFocus: false });
  const accept = useMutation(trpc.grants.accept.mutationOptions());
  const actFor = useMutation(trpc.grants.actFor.mutationOptions());
  const { fail, view } = useStepError();
  if (!valid || invitation.isError) return <p className="status error">{t("invalid")}</p>;
  if (!invitation.data) return <p role="status">{t("loading")}</p>;
  const i = invitation.data;
  if (i.own) return <p className="status error">{t("own")}</p>;
  const accepted = accept.data;
  return (
    <>
      <p className="lead">{t("lead", { name: i.name, days: i.days })}</p>
      <ul>
        {i.scopes.map((s) => (
          <li key={s}>{tScopes(s as "notice:read")}</li>
        ))}
      </ul>
      <p>{t("audited", { name: i.name })}</p>
      <div role="status" aria-live="polite">
        {accepted && <p className="status">{t("accepted", { name: i.name })}</p>}
      </div>
      {accepted ? (
        <button type="button" className="button" onClick={() => actFor.mutateAsync({ grantId: accepted.grantId }).then(() => loadPage(`/${locale}/inbox`), fail)}>
          {t("actNow", { name: i.name })}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => accept.mutateAsync({ token }).catch(fail)} disabled={accept.isPending}>
          {t("accept")}
        </button>
      )}
      {view}
    </>
  );
}
