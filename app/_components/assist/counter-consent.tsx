"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { useTRPC } from "../providers";
import { textOf } from "../typed-before-hydration";
import type { Found } from "./counter-find";
import { StepButtons } from "./step-buttons";
import { useStepError } from "./step-error";

interface Props {
  citizen: Found;
  grantId: string;
  method: "phone-approval" | "sms-code" | "paper-form";
  onStarted: () => void;
  onBack: () => void;
}

/** Step 3: the citizen's consent, by the method chosen. */
export function CounterConsent(props: Props) {
  if (props.method === "paper-form") return <PaperConsent {...props} />;
  if (props.method === "sms-code") return <CodeConsent {...props} />;
  return <PhoneApproval {...props} />;
}

function PaperConsent({ grantId, onStarted, onBack }: Props) {
  const t = useTranslations("assist.consent");
  const trpc = useTRPC();
  const record = useMutation(trpc.assist.paperConsent.mutationOptions());
  const { fail, clear, view } = useStepError();
  const [formNumber, setFormNumber] = useState("");
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    // As the form holds them, not as the state last heard them.
    const form = new FormData(event.currentTarget);
    const typedNumber = textOf(form, "formNumber");
    const scan = form.get("scan");
    const file = scan instanceof File && scan.name !== "" ? scan : null;
    setFormNumber(typedNumber);
    try {
      if (!file) throw new Error("no scan");
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      await record.mutateAsync({ grantId, formNumber: typedNumber, scanBase64: btoa(binary), scanType: file.type });
      onStarted();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <form method="post" onSubmit={submit} className="stack" noValidate>
      <p>{t("paperIntro")}</p>
      <label htmlFor="consent-form-number">{t("formNumber")}</label>
      <input id="consent-form-number" name="formNumber" value={formNumber} onChange={(e) => setFormNumber(e.target.value)} autoComplete="off" required />
      <label htmlFor="consent-scan">{t("scan")}</label>
      <input id="consent-scan" name="scan" type="file" accept="image/png,image/jpeg,application/pdf" aria-describedby="consent-scan-hint" required />
      <p id="consent-scan-hint" className="hint">
        {t("scanHint")}
      </p>
      <StepButtons label={t("start")} busy={record.isPending} onBack={onBack} />
      {view}
    </form>
  );
}

function CodeConsent({ citizen, grantId, onStarted, onBack }: Props) {
  const t = useTranslations("assist.consent");
  const trpc = useTRPC();
  const confirm = useMutation(trpc.assist.confirmCode.mutationOptions());
  const { fail, clear, view } = useStepError();
  const [code, setCode] = useState("");
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const typed = textOf(new FormData(event.currentTarget), "code");
    setCode(typed);
    try {
      await confirm.mutateAsync({ grantId, code: typed.trim() });
      onStarted();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <form method="post" onSubmit={submit} className="stack" noValidate>
      <p>{t("codeSent", { phone: citizen.phoneMasked ?? "" })}</p>
      <label htmlFor="consent-code">{t("code")}</label>
      <input id="consent-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} required />
      <StepButtons label={t("start")} busy={confirm.isPending} onBack={onBack} />
      {view}
    </form>
  );
}

function PhoneApproval({ grantId, onStarted, onBack }: Props) {
  const t = useTranslations("assist.consent");
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.assist.status.queryOptions({ grantId }), refetchInterval: (q) => (q.state.data?.status === "pending" ? 2000 : false) });
  const begin = useMutation(trpc.assist.begin.mutationOptions());
  const { fail, view } = useStepError();
  const state = status.data?.status;
  useEffect(() => {
    if (state === "approved" && begin.isIdle) begin.mutateAsync({ grantId }).then(onStarted, fail);
  }, [state, begin, grantId, onStarted, fail]);
  return (
    <div className="stack">
      <p role="status" aria-live="polite" className={state === "denied" ? "status error" : "status"}>
        {state === "denied" ? t("denied") : state === "approved" ? t("approved") : t("waiting")}
      </p>
      <button type="button" className="button secondary" onClick={onBack}>
        {t("back")}
      </button>
      {view}
    </div>
  );
}
