"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import type { Preferences } from "@/server/preferences/preferences";
import { useTRPC } from "../providers";
import { PreferenceFieldsets, usePreferencesDraft } from "../settings-form";
import { useStepError } from "./step-error";

/** At the counter, with settings:accessibility: the citizen's own text size and reading modes, on her profile. */
export function SubjectPreferences({ name, initial }: { name: string; initial: Preferences }) {
  const t = useTranslations("assist");
  const trpc = useTRPC();
  const save = useMutation(trpc.preferences.updateSubject.mutationOptions());
  const { fail, clear, view } = useStepError();
  const { draft, setDraft, adopt, formRef } = usePreferencesDraft(initial);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    await save.mutateAsync(adopt(new FormData(event.currentTarget))).catch(fail);
  };
  return (
    <form ref={formRef} method="post" onSubmit={submit} aria-labelledby="subject-prefs">
      <h2 id="subject-prefs">{t("displayTitle", { name })}</h2>
      <PreferenceFieldsets draft={draft} onChange={setDraft} />
      <button type="submit" className="button" disabled={save.isPending}>
        {t("displaySave")}
      </button>
      <div role="status" aria-live="polite">
        {save.isSuccess && <p className="status">{t("displaySaved")}</p>}
      </div>
      {view}
    </form>
  );
}
