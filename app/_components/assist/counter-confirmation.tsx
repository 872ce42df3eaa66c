"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "../providers";
import { useStepError } from "./step-error";

export type CounterConfirmationKind = "signature" | "code";
export type CitizenConfirmation = { signedSlip: string } | { code: string };
/** Refusals the counter explains in words rather than as a generic "refused". */
export const COUNTER_KEYS = new Set(["CITIZEN_CONFIRMATION_REQUIRED", "CODE_WRONG", "CODE_EXPIRED", "NOT_IN_SCOPE", "GRANT_ENDED"]);

/**
 * At the counter the citizen confirms a payment themself: by signing the paper slip (its number is
 * recorded) or with a code sent to their phone.
 */
export function CounterConfirmation({ kind, onChange }: { kind: CounterConfirmationKind; onChange: (c: CitizenConfirmation | undefined) => void }) {
  const t = useTranslations("assist.pay");
  const trpc = useTRPC();
  const send = useMutation(trpc.assist.sendPaymentCode.mutationOptions());
  const { fail, view } = useStepError();
  const [value, setValue] = useState("");
  const update = (next: string) => {
    setValue(next);
    const v = next.trim();
    onChange(v ? (kind === "signature" ? { signedSlip: v } : { code: v }) : undefined);
  };
  return (
    <fieldset className="group">
      <legend>{t("legend")}</legend>
      <p className="hint">{kind === "signature" ? t("signatureHint") : t("codeHint")}</p>
      {kind === "code" && (
        <p>
          <button type="button" className="button secondary" onClick={() => send.mutateAsync().catch(fail)} disabled={send.isPending}>
            {t("sendCode")}
          </button>
        </p>
      )}
      <div role="status" aria-live="polite">
        {send.isSuccess && <p className="status">{t("codeSent")}</p>}
      </div>
      <div className="stack">
        <label htmlFor="citizen-confirmation">{kind === "signature" ? t("slip") : t("code")}</label>
        <input id="citizen-confirmation" autoComplete="off" inputMode={kind === "code" ? "numeric" : undefined} value={value} onChange={(e) => update(e.target.value)} />
      </div>
      {view}
    </fieldset>
  );
}
