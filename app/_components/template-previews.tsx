"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { LOCALE_NAMES, LOCALE_TAGS, LOCALES, type Locale } from "@/locales/config";
import { useTRPC } from "./providers";
import { useErrorMessage } from "./use-error-message";

type Template = {
  id: string;
  kind: string;
  version: number;
  name: Record<Locale, string>;
  preview: Record<Locale, { title: string; summary: string; body: string } | null>;
};

/** Console → each of the agency's templates as a resident would read it, in any of the six languages. */
export function TemplatePreviews() {
  const t = useTranslations("templatePreviews");
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const templates = useQuery(trpc.console.templates.queryOptions());
  return (
    <section aria-labelledby="template-previews">
      <h2 id="template-previews">{t("title")}</h2>
      <p>{t("lead")}</p>
      {templates.error && <p className="status error">{errorMessage(templates.error)}</p>}
      {templates.isPending && <p>{t("loading")}</p>}
      {templates.data?.length === 0 && <p>{t("empty")}</p>}
      {templates.data?.map((template) => <TemplatePreview key={template.id} template={template} />)}
    </section>
  );
}

function TemplatePreview({ template }: { template: Template }) {
  const t = useTranslations("templatePreviews");
  const pageLocale = useLocale() as Locale;
  const [locale, setLocale] = useState<Locale>(pageLocale);
  const preview = template.preview[locale];
  const nameId = `template-${template.id}`;
  return (
    <article className="card template-preview" aria-labelledby={nameId}>
      <p id={nameId} className="template-name">
        <strong>{template.name[pageLocale] ?? template.kind}</strong> <code>{template.kind}</code>{" "}
        <span className="tag">{t("version", { version: template.version })}</span>
      </p>
      <fieldset className="segmented">
        <legend>{t("languageLegend")}</legend>
        {LOCALES.map((l) => (
          <button key={l} type="button" lang={LOCALE_TAGS[l]} aria-pressed={locale === l} onClick={() => setLocale(l)}>
            {LOCALE_NAMES[l]}
          </button>
        ))}
      </fieldset>
      <div className="template-sample" lang={LOCALE_TAGS[locale]}>
        {preview ? (
          <>
            <h3>{preview.title}</h3>
            <p className="lead">{preview.summary}</p>
            {preview.body.split(/\n+/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </>
        ) : (
          <p className="status error" lang={LOCALE_TAGS[pageLocale]}>
            {t("unavailable")}
          </p>
        )}
      </div>
    </article>
  );
}
