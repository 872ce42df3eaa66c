"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTRPC } from "../providers";
import type { FoundCitizen } from "@/server/assist/find";
import { oneOf, textOf, useTypedBeforeHydration } from "../typed-before-hydration";
import { EnrolCitizen } from "./enrol-citizen";
import { useStepError } from "./step-error";

export type Found = FoundCitizen;

/** Step 1: the RRN the citizen shows (made a CI on the server, never kept), or name, birth date and phone. */
export function CounterFind({ onFound }: { onFound: (citizen: Found) => void }) {
  const t = useTranslations("assist.find");
  const trpc = useTRPC();
  const find = useMutation(trpc.assist.find.mutationOptions());
  const { fail, clear, view } = useStepError();
  const [by, setBy] = useState<"rrn" | "name">("rrn");
  const [rrn, setRrn] = useState("");
  const [name, setName] = useState("");
  const [birthDate, setBirthDate] = useState("");
  const [phoneLast4, setPhoneLast4] = useState("");
  // Found by RRN but never enrolled: offered to enrol at the counter.
  const [unknownRrn, setUnknownRrn] = useState<string | null>(null);

  // What the form holds, filled in before the page hydrated too; the fields of the other way keep their state.
  const adopt = (form: FormData) => {
    const typed = { by: oneOf(form, "by", ["rrn", "name"] as const) ?? by, rrn, name, birthDate, phoneLast4 };
    for (const field of ["rrn", "name", "birthDate", "phoneLast4"] as const) if (form.has(field)) typed[field] = textOf(form, field);
    setBy(typed.by);
    setRrn(typed.rrn);
    setName(typed.name);
    setBirthDate(typed.birthDate);
    setPhoneLast4(typed.phoneLast4);
    return typed;
  };
  const formRef = useTypedBeforeHydration(adopt);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    setUnknownRrn(null);
    const typed = adopt(new FormData(event.currentTarget));
    try {
      const found = await find.mutateAsync(typed.by === "rrn" ? { rrn: typed.rrn } : { name: typed.name, birthDate: typed.birthDate, phoneLast4: typed.phoneLast4 });
      setRrn("");
      onFound(found);
    } catch (e) {
      const key = e instanceof TRPCClientError ? (e.data as { messageKey?: string } | undefined)?.messageKey : undefined;
      if (typed.by === "rrn" && key === "CITIZEN_NOT_FOUND") setUnknownRrn(typed.rrn);
      fail(e);
    }
  };

  if (unknownRrn) return <EnrolCitizen rrn={unknownRrn} onEnrolled={onFound} onBack={() => setUnknownRrn(null)} />;

  return (
    <form ref={formRef} method="post" onSubmit={submit} className="stack" noValidate>
      <fieldset className="group">
        <legend>{t("by")}</legend>
        <label className="choice">
          <input type="radio" name="by" value="rrn" checked={by === "rrn"} onChange={() => setBy("rrn")} />
          <span>{t("byRrn")}</span>
        </label>
        <label className="choice">
          <input type="radio" name="by" value="name" checked={by === "name"} onChange={() => setBy("name")} />
          <span>{t("byName")}</span>
        </label>
      </fieldset>
      {by === "rrn" ? (
        <>
          <label htmlFor="assist-rrn">{t("rrn")}</label>
          <input id="assist-rrn" name="rrn" inputMode="numeric" autoComplete="off" spellCheck={false} value={rrn} onChange={(e) => setRrn(e.target.value)} aria-describedby="assist-rrn-hint" maxLength={14} required />
          <p id="assist-rrn-hint" className="hint">
            {t("rrnHint")}
          </p>
        </>
      ) : (
        <>
          <label htmlFor="assist-name">{t("name")}</label>
          <input id="assist-name" name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} required />
          <label htmlFor="assist-birth">{t("birthDate")}</label>
          <input id="assist-birth" name="birthDate" type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} required />
          <label htmlFor="assist-phone">{t("phoneLast4")}</label>
          <input id="assist-phone" name="phoneLast4" inputMode="numeric" maxLength={4} value={phoneLast4} onChange={(e) => setPhoneLast4(e.target.value)} required />
        </>
      )}
      <button type="submit" className="button" disabled={find.isPending}>
        {t("submit")}
      </button>
      {view}
    </form>
  );
}
