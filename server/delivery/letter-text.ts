import type { Locale, Localized } from "../../locales/config";
import { renderNotice, type FieldSpec, type FieldValue, type TemplateForRender } from "../notices/render";
import type { PrintNotice } from "./print";

/** The notice in the citizen's language for the letter's translation page, rendered as in the inbox. */
export function localizeForLetter(notice: PrintNotice, locale: Locale): { title: string; body: string } {
  const template: TemplateForRender = {
    agencyName: notice.agencyName as Localized,
    fieldSchema: notice.template.fieldSchema as Record<string, FieldSpec>,
    messages: notice.template.messages as TemplateForRender["messages"],
  };
  const rendered = renderNotice(template, notice.fields as Record<string, FieldValue>, locale);
  return { title: rendered.title, body: [rendered.summary, rendered.body].filter(Boolean).join("\n\n") };
}
