"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { FoundCitizen } from "@/server/assist/find";
import { useTRPC } from "../providers";
import { textOf } from "../typed-before-hydration";
import { StepButtons } from "./step-buttons";
import { useStepError } from "./step-error";

/** No Moa account for this RRN yet: enrol the resident here, with the notices already sent to them. */
export function EnrolCitizen({ rrn, onEnrolled, onBack }: { rrn: string; onEnrolled: (citizen: FoundCitizen) => void; onBack: () => void }) {
  const t = useTranslations("assist.enrol");
  const trpc = useTRPC();
  const enrol = useMutation(trpc.assist.enrol.mutationOptions());
  const { fail, clear, view } = useStepError();
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    // As the form holds them, not as the state last heard them.
    const form = new FormData(event.currentTarget);
    const typed = { name: textOf(form, "name"), phone: textOf(form, "phone") };
    setName(typed.name);
    setPhone(typed.phone);
    try {
      onEnrolled(await enrol.mutateAsync({ rrn, name: typed.name, phone: typed.phone.trim() || undefined }));
    } catch (e) {
      fail(e);
    }
  };
  return (
    <form method="post" onSubmit={submit} className="stack" noValidate>
      <p role="status">{t("intro")}</p>
      <label htmlFor="enrol-name">{t("name")}</label>
      <input id="enrol-name" name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor="enrol-phone">{t("phone")}</label>
      <input id="enrol-phone" name="phone" inputMode="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} aria-describedby="enrol-phone-hint" />
      <p id="enrol-phone-hint" className="hint">
        {t("phoneHint")}
      </p>
      <StepButtons label={t("submit")} busy={enrol.isPending} onBack={onBack} />
      {view}
    </form>
  );
}
